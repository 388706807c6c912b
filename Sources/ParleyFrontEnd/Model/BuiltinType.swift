/// The built-in scalar types of the contract language.
public enum BuiltinType: String, CaseIterable, Hashable, Sendable {
  /// `Bool`.
  case bool = "Bool"
  /// `Int8`.
  case int8 = "Int8"
  /// `Int16`.
  case int16 = "Int16"
  /// `Int32`.
  case int32 = "Int32"
  /// `Int64`.
  case int64 = "Int64"
  /// `Int`: 64-bit on every platform.
  case int = "Int"
  /// `UInt8`.
  case uint8 = "UInt8"
  /// `UInt16`.
  case uint16 = "UInt16"
  /// `UInt32`.
  case uint32 = "UInt32"
  /// `UInt64`.
  case uint64 = "UInt64"
  /// `Float` (32-bit IEEE 754).
  case float = "Float"
  /// `Double` (64-bit IEEE 754).
  case double = "Double"
  /// `String`: Unicode text.
  case string = "String"
  /// `Bytes`: raw bytes.
  case bytes = "Bytes"
  /// `Timestamp`: a point in time.
  case timestamp = "Timestamp"
  /// `Duration`: a length of time.
  case duration = "Duration"
  /// `UUID`.
  case uuid = "UUID"

  /// The name as written in contracts, e.g. `Int32`.
  public var name: String { rawValue }

  /// Whether this is one of the signed or unsigned integer types.
  public var isInteger: Bool { integerBounds != nil }

  /// Whether this is `Float` or `Double`.
  public var isFloatingPoint: Bool { self == .float || self == .double }

  /// Whether this is an integer or floating-point type (what `@range` applies to).
  public var isNumeric: Bool { isInteger || isFloatingPoint }

  /// The smallest and largest value of an integer type; `nil` for other types.
  public var integerBounds: ClosedRange<Int128>? {
    switch self {
    case .int8: Int128(Int8.min)...Int128(Int8.max)
    case .int16: Int128(Int16.min)...Int128(Int16.max)
    case .int32: Int128(Int32.min)...Int128(Int32.max)
    case .int64, .int: Int128(Int64.min)...Int128(Int64.max)
    case .uint8: 0...Int128(UInt8.max)
    case .uint16: 0...Int128(UInt16.max)
    case .uint32: 0...Int128(UInt32.max)
    case .uint64: 0...Int128(UInt64.max)
    default: nil
    }
  }

  /// Whether values of this type may be map keys (String, integers, UUID).
  public var isAllowedMapKey: Bool { isInteger || self == .string || self == .uuid }
}
