import ParleyFrontEnd

/// The Swift names the generated code uses, for the snippets: the same rules as the Swift
/// generator's name table (`docs/generated-code.md`), restated here because that table is
/// internal to `ParleySwiftGen`.
///
/// - each contract's declarations live in a namespace enum named after the contract in upper
///   camel case (`shop.orders` → `ShopOrders`), so types are written `ShopOrders.Order`;
/// - fields, cases and methods are lower camel case, escaped (`` `default` ``, `self_`), and
///   renamed with `_` when they collide with generated members (`description_`);
/// - a service's client is `ShopOrders.OrderServiceClient`, created from a connection.
enum SwiftSnippetNames {
  static let keywords: Set<String> = [
    "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate", "func",
    "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "package", "private",
    "precedencegroup", "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
    "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard",
    "if",
    "in", "repeat", "return", "throw", "switch", "where", "while", "as", "Any", "await", "false", "is", "nil",
    "self", "Self", "super", "throws", "true", "try", "_",
  ]
  static let unescapable: Set<String> = ["self", "Self", "Type", "Protocol", "init", "Any", "_"]
  static let reservedMembers: Set<String> = [
    "unknown", "validate", "encode", "hash", "hashValue", "description", "rawValue", "CodingKeys",
    "collectViolations", "parleyBinary", "parleyJSON",
  ]
  static let moduleNames: Set<String> = [
    "Swift", "Foundation", "Parley", "FoundationEssentials", "Synchronization",
  ]

  /// `ShopOrders.Order`.
  static func type(_ reference: DeclarationReference) -> String {
    namespace(reference.contract) + "." + upperCamelCase(reference.name)
  }

  /// `ShopOrders.OrderServiceClient`.
  static func client(_ service: ServiceDeclaration) -> String {
    namespace(service.contract) + "." + upperCamelCase(service.name) + "Client"
  }

  /// `ShopOrders.OrderServiceDescriptor`.
  static func descriptor(_ service: ServiceDeclaration) -> String {
    namespace(service.contract) + "." + upperCamelCase(service.name) + "Descriptor"
  }

  /// `ShopOrders`.
  static func namespace(_ contract: String) -> String {
    let name = upperCamelCase(contract)
    return moduleNames.contains(name) ? name + "_" : name
  }

  /// A field's property name (and initializer label) within `fields`.
  static func field(_ name: String, in fields: [Field]) -> String {
    var taken = reservedMembers.subtracting(["unknown"])
    for field in fields {
      let claimed = claim(lowerCamelCase(field.name), &taken)
      if field.name == name { return escaped(claimed) }
    }
    return escaped(lowerCamelCase(name))
  }

  /// An enum case or union variant name within `names`.
  static func caseName(_ name: String, in names: [String]) -> String {
    var taken = reservedMembers
    for candidate in names {
      let claimed = claim(lowerCamelCase(candidate), &taken)
      if candidate == name { return escaped(claimed) }
    }
    return escaped(lowerCamelCase(name))
  }

  /// A client method name within `methods`.
  static func method(_ name: String, in methods: [Method]) -> String {
    var taken: Set<String> = ["close", "connection", "descriptor"]
    for method in methods {
      let claimed = claim(lowerCamelCase(method.name), &taken)
      if method.name == name { return escaped(claimed) }
    }
    return escaped(lowerCamelCase(name))
  }

  /// A name as an argument label at a call site: no backticks needed except `inout`, `var`, `let`.
  static func label(_ escapedName: String) -> String {
    let bare = escapedName.hasPrefix("`") ? String(escapedName.dropFirst().dropLast()) : escapedName
    return ["inout", "var", "let"].contains(bare) ? "`\(bare)`" : bare
  }

  private static func claim(_ candidate: String, _ taken: inout Set<String>) -> String {
    var name = candidate
    var counter = 1
    while taken.contains(name) {
      name = counter == 1 ? candidate + "_" : candidate + "_\(counter)"
      counter += 1
    }
    taken.insert(name)
    return name
  }

  static func escaped(_ identifier: String) -> String {
    if unescapable.contains(identifier) { return identifier + "_" }
    if keywords.contains(identifier) { return "`" + identifier + "`" }
    return identifier
  }

  static func words(_ raw: String) -> [String] {
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

  static func upperCamelCase(_ raw: String) -> String {
    let result = words(raw).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    return sanitized(result.isEmpty ? "_" : result)
  }

  static func lowerCamelCase(_ raw: String) -> String {
    let parts = words(raw)
    guard let first = parts.first else { return "_" }
    var head = first
    if head.allSatisfy({ $0.isUppercase || $0.isNumber }) {
      head = head.lowercased()
    } else {
      head = head.prefix(1).lowercased() + head.dropFirst()
    }
    let tail = parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }
    return sanitized(head + tail.joined())
  }

  private static func sanitized(_ name: String) -> String {
    if let first = name.first, first.isNumber { return "_" + name }
    return name
  }
}
