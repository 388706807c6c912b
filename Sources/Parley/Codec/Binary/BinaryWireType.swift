/// How a field's value is laid out on the binary wire, stored in the low three bits of its tag.
///
/// The numbering is protobuf's, so tools that understand protobuf's wire format can dump Parley's
/// binary messages. Values 3, 4 (protobuf's deprecated groups), 6 and 7 are invalid.
public enum BinaryWireType: UInt8, Sendable, Hashable, CustomStringConvertible {
  /// An unsigned LEB128 varint: `Bool`, integers (signed ones zigzag-encoded), enum case numbers.
  case varint = 0
  /// Eight bytes, little-endian: `Double`.
  case fixed64 = 1
  /// A varint byte count followed by that many bytes: `String`, `Bytes`, `UUID`, `Timestamp`,
  /// `Duration`, nested structs, unions, lists and maps.
  case lengthDelimited = 2
  /// Four bytes, little-endian: `Float`.
  case fixed32 = 5

  /// The name used in error messages and docs (`varint`, `fixed64`, `length-delimited`, `fixed32`).
  public var description: String {
    switch self {
    case .varint: return "varint"
    case .fixed64: return "fixed64"
    case .lengthDelimited: return "length-delimited"
    case .fixed32: return "fixed32"
    }
  }
}
