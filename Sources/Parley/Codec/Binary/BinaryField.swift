/// A field's key as read from a tag: its number and wire type.
///
/// Returned by ``BinaryReader/nextField()``; generated decoders switch on ``number``.
public struct BinaryField: Sendable, Hashable, CustomStringConvertible {
  /// The largest field number (2²⁹ − 1 = 536,870,911): a tag `number << 3 | wireType` fits 32 bits.
  public static let maximumNumber = 536_870_911

  /// The field number, 1 … ``maximumNumber``.
  public let number: Int
  /// How the field's value is laid out.
  public let wireType: BinaryWireType

  /// Creates a field key.
  @inlinable
  public init(number: Int, wireType: BinaryWireType) {
    self.number = number
    self.wireType = wireType
  }

  /// `field 3 (length-delimited)`.
  public var description: String { "field \(number) (\(wireType))" }
}
