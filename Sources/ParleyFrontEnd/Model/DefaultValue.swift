/// A field's default value (`= …`), typed and checked against the field's type.
public enum DefaultValue: Hashable, Sendable, CustomStringConvertible {
  /// `true` or `false`.
  case bool(Bool)
  /// An integer literal, for integer and floating-point fields.
  case integer(Int128)
  /// A floating-point literal, for `Float` and `Double` fields.
  case floating(Double)
  /// A string literal (the decoded text), for `String` and `UUID` fields.
  case string(String)
  /// A duration literal such as `2s`, in milliseconds, for `Duration` fields.
  case duration(milliseconds: Int64)
  /// `.caseName`: a case of the field's enum type.
  case enumCase(String)
  /// `[]`: an empty list.
  case emptyList
  /// `[:]`: an empty map.
  case emptyMap
  /// `nil`, for optional fields.
  case null

  /// The literal as written in a contract: `true`, `42`, `"x"`, `2000ms`, `.pending`, `[]`, `[:]`, `nil`.
  public var description: String {
    switch self {
    case .bool(let value): "\(value)"
    case .integer(let value): "\(value)"
    case .floating(let value): "\(value)"
    case .string(let value): "\"" + DefaultValue.escape(value) + "\""
    case .duration(let milliseconds): "\(milliseconds)ms"
    case .enumCase(let name): ".\(name)"
    case .emptyList: "[]"
    case .emptyMap: "[:]"
    case .null: "nil"
    }
  }

  static func escape(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case "\r": result += "\\r"
      default:
        if scalar.value < 0x20 {
          result += "\\u{" + String(scalar.value, radix: 16) + "}"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }
}
