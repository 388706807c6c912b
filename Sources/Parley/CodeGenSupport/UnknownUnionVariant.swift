/// A union variant this version of the contract does not know, kept so that it can be passed on
/// unchanged (codec rule 3: unions are open, no decoder throws on an unknown variant).
///
/// Read from the binary wire it keeps the variant ``number`` and its ``binaryValue``; read from
/// JSON it keeps the ``name`` (the `"type"` member) and the raw JSON text of `"value"`.
public struct UnknownUnionVariant: Sendable, Hashable {
  /// One binary-wire value as it was read.
  public enum BinaryValue: Sendable, Hashable {
    /// A varint.
    case varint(UInt64)
    /// Four little-endian bytes.
    case fixed32(UInt32)
    /// Eight little-endian bytes.
    case fixed64(UInt64)
    /// The bytes of a length-delimited value, without the length.
    case lengthDelimited([UInt8])
  }

  /// The variant number (binary wire), if known.
  public var number: Int?
  /// The variant name (JSON wire), if known.
  public var name: String?
  /// The value as read from the binary wire.
  public var binaryValue: BinaryValue?
  /// The `"value"` member's JSON text as read from the JSON wire.
  public var jsonValue: [UInt8]?

  /// Creates an unknown variant.
  public init(
    number: Int? = nil, name: String? = nil, binaryValue: BinaryValue? = nil, jsonValue: [UInt8]? = nil
  ) {
    self.number = number
    self.name = name
    self.binaryValue = binaryValue
    self.jsonValue = jsonValue
  }
}

/// The value of an enum case this version of the contract does not know: its number (read from the
/// binary wire) or its name (read from JSON).
public enum UnknownEnumValue: Sendable, Hashable, CustomStringConvertible {
  /// A case number.
  case number(Int)
  /// A case name.
  case name(String)

  /// The number, or the name.
  public var description: String {
    switch self {
    case .number(let number): "\(number)"
    case .name(let name): name
    }
  }
}
