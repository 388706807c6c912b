/// A JSON value with ordered object keys, so example payloads print fields in declaration order
/// and the output is byte-identical across runs.
public indirect enum JSONValue: Hashable, Sendable {
  /// `null`.
  case null
  /// `true` / `false`.
  case bool(Bool)
  /// An integer, exact for every 64-bit signed and unsigned value.
  case integer(Int128)
  /// A floating-point number.
  case number(Double)
  /// A string.
  case string(String)
  /// `[…]`.
  case array([JSONValue])
  /// `{…}` with keys in the given order.
  case object([(key: String, value: JSONValue)])

  /// Compares objects key by key, in order.
  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.integer(let a), .integer(let b)): a == b
    case (.number(let a), .number(let b)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)):
      a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: false
    }
  }

  /// Hashes consistently with ``==(_:_:)``.
  public func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0)
    case .bool(let v): hasher.combine(v)
    case .integer(let v): hasher.combine(v)
    case .number(let v): hasher.combine(v)
    case .string(let v): hasher.combine(v)
    case .array(let v): hasher.combine(v)
    case .object(let v):
      for (key, value) in v {
        hasher.combine(key)
        hasher.combine(value)
      }
    }
  }

  /// The value of `key` in an object.
  public subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members.first { $0.key == key }?.value }
    return nil
  }

  /// Pretty-printed with two-space indentation; short scalar arrays stay on one line.
  ///
  /// ```json
  /// {
  ///   "id": "ord_42",
  ///   "tags": ["a", "b"]
  /// }
  /// ```
  public func rendered(indent: String = "") -> String {
    switch self {
    case .null: return "null"
    case .bool(let v): return v ? "true" : "false"
    case .integer(let v): return "\(v)"
    case .number(let v): return JSONValue.format(v)
    case .string(let v): return JSONValue.quote(v)
    case .array(let items):
      if items.isEmpty { return "[]" }
      if items.allSatisfy(\.isScalar) {
        let inline = "[" + items.map { $0.rendered() }.joined(separator: ", ") + "]"
        if inline.count <= 60 { return inline }
      }
      let inner = indent + "  "
      return "[\n" + items.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n") + "\n" + indent
        + "]"
    case .object(let members):
      if members.isEmpty { return "{}" }
      let inner = indent + "  "
      return "{\n"
        + members.map { inner + JSONValue.quote($0.key) + ": " + $0.value.rendered(indent: inner) }
        .joined(separator: ",\n") + "\n" + indent + "}"
    }
  }

  /// The value on one line without spaces, e.g. for search indexes: `{"a":1}`.
  public var compact: String {
    switch self {
    case .array(let items): "[" + items.map(\.compact).joined(separator: ",") + "]"
    case .object(let members):
      "{" + members.map { JSONValue.quote($0.key) + ":" + $0.value.compact }.joined(separator: ",") + "}"
    default: rendered()
    }
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object: false
    default: true
    }
  }

  /// A JSON string literal; escapes quotes, backslashes, control characters and `<`, `>`, `&`
  /// (as `\u003c` …) so the text can also sit inside an HTML `<script>` element.
  public static func quote(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "<", ">", "&", "\u{2028}", "\u{2029}":
        result += "\\u" + hex4(scalar.value)
      default:
        if scalar.value < 0x20 {
          result += "\\u" + hex4(scalar.value)
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }

  private static func hex4(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }

  /// `1.5`, `-2500.0`, `1e+300`: a JSON number, never `nan` or `inf` (those become `0`).
  static func format(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    if value == value.rounded(), abs(value) < 1e15 { return "\(Int64(value)).0" }
    return "\(value)"
  }
}
