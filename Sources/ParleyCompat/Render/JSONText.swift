/// A tiny JSON writer with a fixed key order, so that output is byte-for-byte stable.
struct JSONText {
  private(set) var text = ""
  private var indent = 0

  static func string(_ value: String) -> String {
    var result = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }

  /// A JSON value built from members in order.
  indirect enum Value {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([Value])
    case object([(String, Value)])
  }

  static func render(_ value: Value, indent: Int = 0) -> String {
    let pad = String(repeating: "  ", count: indent)
    let inner = String(repeating: "  ", count: indent + 1)
    switch value {
    case .string(let s): return string(s)
    case .int(let i): return "\(i)"
    case .bool(let b): return b ? "true" : "false"
    case .null: return "null"
    case .array(let items):
      if items.isEmpty { return "[]" }
      return "[\n" + items.map { inner + render($0, indent: indent + 1) }.joined(separator: ",\n") + "\n"
        + pad + "]"
    case .object(let members):
      if members.isEmpty { return "{}" }
      return "{\n"
        + members.map { inner + string($0.0) + ": " + render($0.1, indent: indent + 1) }.joined(
          separator: ",\n")
        + "\n" + pad + "}"
    }
  }
}
