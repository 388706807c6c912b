/// Swift's lexical rules for generated identifiers, in one place: case conversion, keyword
/// escaping, renaming of names that cannot be escaped, and string literals.
public enum SwiftNames {
  /// Words that must be written in backticks to be used as identifiers.
  public static let keywords: Set<String> = [
    "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate", "func",
    "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "package", "private",
    "precedencegroup", "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
    "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard",
    "if",
    "in", "repeat", "return", "throw", "switch", "where", "while", "as", "Any", "await", "false", "is", "nil",
    "self", "Self", "super", "throws", "true", "try", "_",
  ]

  /// Identifiers that cannot be used even in backticks in every position (member access,
  /// patterns), so they get a trailing underscore instead.
  public static let unescapable: Set<String> = ["self", "Self", "Type", "Protocol", "init", "Any", "_"]

  /// Names that generated members use and fields or cases must not take.
  public static let reservedMembers: Set<String> = [
    "unknown", "validate", "encode", "hash", "hashValue", "description", "rawValue", "CodingKeys",
    "collectViolations", "parleyBinary", "parleyJSON",
  ]

  /// Module names that generated code qualifies types with: a declaration or namespace with such a
  /// name is renamed (`Swift_`) so that `Swift.String` keeps meaning the standard library's.
  public static let moduleNames: Set<String> = [
    "Swift", "Foundation", "Parley", "FoundationEssentials", "Synchronization",
  ]

  /// Splits `raw` into words at underscores, hyphens, dots and lower→upper case changes.
  public static func words(_ raw: String) -> [String] {
    var words: [String] = []
    var current = ""
    var previousWasLowerOrDigit = false
    for character in raw {
      if character == "_" || character == "-" || character == "." || character == " " {
        if !current.isEmpty { words.append(current) }
        current = ""
        previousWasLowerOrDigit = false
        continue
      }
      if character.isUppercase && previousWasLowerOrDigit {
        words.append(current)
        current = ""
      }
      current.append(character)
      previousWasLowerOrDigit = character.isLowercase || character.isNumber
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  /// `order_status` → `OrderStatus`; `shop.orders` → `ShopOrders`; already camel-cased names keep
  /// their inner capitals (`HTTPStatus` stays `HTTPStatus`).
  public static func upperCamelCase(_ raw: String) -> String {
    let result = words(raw).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    return sanitized(result.isEmpty ? "_" : result)
  }

  /// `amount_minor` → `amountMinor`; `URLValue` → `urlValue`; `Pending` → `pending`.
  public static func lowerCamelCase(_ raw: String) -> String {
    let parts = words(raw)
    guard let first = parts.first else { return "_" }
    var head = first
    // Lower-case a leading acronym: `URL` → `url`, `URLValue` is split already as one word.
    if head.allSatisfy({ $0.isUppercase || $0.isNumber }) {
      head = head.lowercased()
    } else {
      head = head.prefix(1).lowercased() + head.dropFirst()
    }
    let tail = parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }
    return sanitized(head + tail.joined())
  }

  /// Makes `name` a valid identifier: a leading digit gets an underscore in front.
  public static func sanitized(_ name: String) -> String {
    if let first = name.first, first.isNumber { return "_" + name }
    return name
  }

  /// The identifier as it must be written in Swift source: backticks around keywords, a trailing
  /// underscore on names that cannot be escaped (`self` → `self_`).
  public static func escaped(_ identifier: String) -> String {
    if unescapable.contains(identifier) { return identifier + "_" }
    if keywords.contains(identifier) { return "`" + identifier + "`" }
    return identifier
  }

  /// The identifier without backticks, for building derived names such as `_name`.
  public static func bare(_ identifier: String) -> String {
    identifier.hasPrefix("`") ? String(identifier.dropFirst().dropLast()) : identifier
  }

  /// A Swift string literal with `text`'s content, escaped.
  public static func stringLiteral(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          result += "\\u{" + String(scalar.value, radix: 16) + "}"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}

/// Hands out unique names within one scope (the members of a type, the cases of an enum): the
/// first taker of a name keeps it, later ones get `_`, then `_2`, `_3`, … appended.
struct UniqueNamer {
  private var taken: Set<String>

  /// Creates a namer with `reserved` names already taken.
  init(reserved: Set<String> = []) { taken = reserved }

  /// A name based on `candidate` (an unescaped identifier) that nobody in this scope has yet.
  mutating func claim(_ candidate: String) -> String {
    var name = candidate
    var counter = 1
    while taken.contains(name) {
      name = counter == 1 ? candidate + "_" : candidate + "_\(counter)"
      counter += 1
    }
    taken.insert(name)
    return name
  }
}
