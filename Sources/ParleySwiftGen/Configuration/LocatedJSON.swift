/// A JSON value that remembers where it starts in its file, so configuration errors can point at
/// the offending key or value (`parley-config.json:3:18`).
///
/// Foundation's `JSONSerialization` reads JSON but forgets positions; configuration files are tiny,
/// so this small reader keeps them.
struct LocatedJSON: Sendable {
  /// A 1-based line and column (counted in Unicode scalars, like contract locations).
  struct Position: Hashable, Sendable {
    var line: Int
    var column: Int
  }

  /// One `"key": value` pair of an object, in file order (duplicates kept, for the caller to report).
  struct Member: Sendable {
    var key: String
    var keyPosition: Position
    var value: LocatedJSON
  }

  /// The JSON value kinds.
  enum Value: Sendable {
    case object([Member])
    case array([LocatedJSON])
    case string(String)
    /// The number's text as written (e.g. `1.5e3`).
    case number(String)
    case bool(Bool)
    case null
  }

  var value: Value
  var position: Position

  /// How messages name this value's kind, e.g. `a string`, `an array`.
  var kindDescription: String {
    switch value {
    case .object: "an object"
    case .array: "an array"
    case .string: "a string"
    case .number: "a number"
    case .bool: "a boolean"
    case .null: "null"
    }
  }
}

/// A JSON syntax error at a position.
struct LocatedJSONSyntaxError: Error, Sendable {
  var position: LocatedJSON.Position
  var message: String
}

/// Reads a JSON document (RFC 8259) into a ``LocatedJSON`` tree.
struct LocatedJSONParser {
  /// Nesting deeper than this is rejected instead of exhausting the stack.
  static let maximumDepth = 64

  private let scalars: [Unicode.Scalar]
  private var index = 0
  private var line = 1
  private var column = 1

  private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

  /// Parses `bytes` (UTF-8, an optional byte-order mark is skipped) as one JSON value.
  ///
  /// - Throws: ``LocatedJSONSyntaxError`` at the first syntax error.
  static func parse(_ bytes: [UInt8]) throws(LocatedJSONSyntaxError) -> LocatedJSON {
    var bytes = bytes[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    var scalars: [Unicode.Scalar] = []
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    decoding: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): scalars.append(scalar)
      case .emptyInput: break decoding
      case .error:
        throw LocatedJSONSyntaxError(
          position: .init(line: 1, column: 1), message: "the file is not valid UTF-8")
      }
    }
    var parser = LocatedJSONParser(scalars: scalars)
    parser.skipWhitespace()
    let value = try parser.parseValue(depth: 0)
    parser.skipWhitespace()
    if parser.index < parser.scalars.count {
      throw parser.error("unexpected text after the end of the JSON value")
    }
    return value
  }

  // MARK: Values

  private mutating func parseValue(depth: Int) throws(LocatedJSONSyntaxError) -> LocatedJSON {
    let start = position
    guard let scalar = peek() else { throw error("expected a JSON value, found the end of the file") }
    switch scalar {
    case "{":
      guard depth < Self.maximumDepth else { throw error("the JSON nests too deeply") }
      return LocatedJSON(value: .object(try parseObject(depth: depth)), position: start)
    case "[":
      guard depth < Self.maximumDepth else { throw error("the JSON nests too deeply") }
      return LocatedJSON(value: .array(try parseArray(depth: depth)), position: start)
    case "\"":
      return LocatedJSON(value: .string(try parseString()), position: start)
    case "-", "0"..."9":
      return LocatedJSON(value: .number(try parseNumber()), position: start)
    case "t":
      try expectWord("true")
      return LocatedJSON(value: .bool(true), position: start)
    case "f":
      try expectWord("false")
      return LocatedJSON(value: .bool(false), position: start)
    case "n":
      try expectWord("null")
      return LocatedJSON(value: .null, position: start)
    default:
      throw error("expected a JSON value, found '\(scalar.escaped(asASCII: false))'")
    }
  }

  private mutating func parseObject(depth: Int) throws(LocatedJSONSyntaxError) -> [LocatedJSON.Member] {
    advance()  // {
    var members: [LocatedJSON.Member] = []
    skipWhitespace()
    if peek() == "}" {
      advance()
      return members
    }
    while true {
      skipWhitespace()
      let keyPosition = position
      guard peek() == "\"" else { throw error("expected a key in double quotes") }
      let key = try parseString()
      skipWhitespace()
      guard peek() == ":" else { throw error("expected ':' after the key '\(key)'") }
      advance()
      skipWhitespace()
      let value = try parseValue(depth: depth + 1)
      members.append(LocatedJSON.Member(key: key, keyPosition: keyPosition, value: value))
      skipWhitespace()
      switch peek() {
      case ",": advance()
      case "}":
        advance()
        return members
      default: throw error("expected ',' or '}' after the value of '\(key)'")
      }
    }
  }

  private mutating func parseArray(depth: Int) throws(LocatedJSONSyntaxError) -> [LocatedJSON] {
    advance()  // [
    var elements: [LocatedJSON] = []
    skipWhitespace()
    if peek() == "]" {
      advance()
      return elements
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue(depth: depth + 1))
      skipWhitespace()
      switch peek() {
      case ",": advance()
      case "]":
        advance()
        return elements
      default: throw error("expected ',' or ']' after an array element")
      }
    }
  }

  private mutating func parseString() throws(LocatedJSONSyntaxError) -> String {
    let start = position
    advance()  // opening quote
    var text = String.UnicodeScalarView()
    while true {
      guard let scalar = peek() else {
        throw LocatedJSONSyntaxError(position: start, message: "unterminated string")
      }
      switch scalar {
      case "\"":
        advance()
        return String(text)
      case "\\":
        let escapeStart = position
        advance()
        text.append(try parseEscape(startingAt: escapeStart))
      default:
        guard scalar.value >= 0x20 else {
          throw error("control character U+\(hex(scalar.value)) in a string; write it as an escape")
        }
        text.append(scalar)
        advance()
      }
    }
  }

  /// Reads the escape after a backslash; `start` is the backslash, where errors point.
  private mutating func parseEscape(startingAt start: LocatedJSON.Position) throws(LocatedJSONSyntaxError)
    -> Unicode.Scalar
  {
    guard let scalar = peek() else { throw error("unterminated string") }
    advance()
    switch scalar {
    case "\"": return "\""
    case "\\": return "\\"
    case "/": return "/"
    case "b": return "\u{08}"
    case "f": return "\u{0C}"
    case "n": return "\n"
    case "r": return "\r"
    case "t": return "\t"
    case "u":
      let first = try parseHexQuad()
      if (0xD800...0xDBFF).contains(first) {
        guard peek() == "\\" else { throw error("unpaired surrogate in a \\u escape") }
        advance()
        guard peek() == "u" else { throw error("unpaired surrogate in a \\u escape") }
        advance()
        let second = try parseHexQuad()
        guard (0xDC00...0xDFFF).contains(second),
          let combined = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
        else { throw error("unpaired surrogate in a \\u escape") }
        return combined
      }
      guard let decoded = Unicode.Scalar(first) else { throw error("unpaired surrogate in a \\u escape") }
      return decoded
    default:
      throw LocatedJSONSyntaxError(
        position: start, message: "invalid escape '\\\(scalar.escaped(asASCII: false))' in a string")
    }
  }

  private mutating func parseHexQuad() throws(LocatedJSONSyntaxError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let scalar = peek(), let digit = UInt32(String(scalar), radix: 16) else {
        throw error("expected four hexadecimal digits after \\u")
      }
      value = value * 16 + digit
      advance()
    }
    return value
  }

  private mutating func parseNumber() throws(LocatedJSONSyntaxError) -> String {
    let start = position
    var text = ""
    while let scalar = peek(), "+-.0123456789eE".unicodeScalars.contains(scalar) {
      text.unicodeScalars.append(scalar)
      advance()
    }
    guard Self.isJSONNumber(text) else {
      throw LocatedJSONSyntaxError(position: start, message: "invalid number '\(text)'")
    }
    return text
  }

  /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
  private static func isJSONNumber(_ text: String) -> Bool {
    var scalars = Substring(text).unicodeScalars[...]
    func digits() -> Int {
      var count = 0
      while let first = scalars.first, ("0"..."9").contains(first) {
        scalars.removeFirst()
        count += 1
      }
      return count
    }
    if scalars.first == "-" { scalars.removeFirst() }
    if scalars.first == "0" {
      scalars.removeFirst()
    } else if digits() == 0 {
      return false
    }
    if scalars.first == "." {
      scalars.removeFirst()
      if digits() == 0 { return false }
    }
    if scalars.first == "e" || scalars.first == "E" {
      scalars.removeFirst()
      if scalars.first == "+" || scalars.first == "-" { scalars.removeFirst() }
      if digits() == 0 { return false }
    }
    return scalars.isEmpty
  }

  private mutating func expectWord(_ word: String) throws(LocatedJSONSyntaxError) {
    let start = position
    for expected in word.unicodeScalars {
      guard peek() == expected else {
        throw LocatedJSONSyntaxError(position: start, message: "expected '\(word)'")
      }
      advance()
    }
  }

  // MARK: Scanning

  private var position: LocatedJSON.Position { LocatedJSON.Position(line: line, column: column) }

  private func peek() -> Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

  private mutating func advance() {
    guard index < scalars.count else { return }
    if scalars[index] == "\n" {
      line += 1
      column = 1
    } else {
      column += 1
    }
    index += 1
  }

  private mutating func skipWhitespace() {
    while let scalar = peek(), scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
      advance()
    }
  }

  private func error(_ message: String) -> LocatedJSONSyntaxError {
    LocatedJSONSyntaxError(position: position, message: message)
  }

  private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
