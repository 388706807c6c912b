/// Appends binary-codec values to a byte array; generated encoders call it field by field.
///
/// Each `write…(field:_:)` method writes a tag and a value; the same method without `field:`
/// writes the bare value, as used for list elements and map entries. Encoding never fails.
///
/// ```swift
/// var writer = BinaryWriter(capacity: 64)
/// writer.writeString(field: 1, "ord_42")          // 0a 06 6f 72 64 5f 34 32
/// writer.writeInt32(field: 2, -3)                 // 10 05
/// writer.writeMessage(field: 3) { money in        // 1a 03 …
///   money.writeInt64(field: 1, 150)
/// }
/// let bytes = writer.bytes
/// ```
///
/// The byte layout is specified in `docs/binary-codec.md`.
public struct BinaryWriter: Sendable {
  /// The encoded bytes so far.
  @usableFromInline
  internal var buffer: [UInt8]

  /// Creates an empty writer with room for `capacity` bytes before it reallocates.
  @inlinable
  public init(capacity: Int = 0) {
    buffer = []
    buffer.reserveCapacity(capacity)
  }

  /// The bytes written so far.
  @inlinable
  public var bytes: [UInt8] { buffer }

  /// The number of bytes written so far.
  @inlinable
  public var count: Int { buffer.count }

  /// Makes room for at least `byteCount` more bytes without reallocating.
  @inlinable
  public mutating func reserveCapacity(_ byteCount: Int) {
    buffer.reserveCapacity(buffer.count + byteCount)
  }

  /// Removes all bytes, keeping the allocated capacity, so the writer can encode the next message.
  @inlinable
  public mutating func removeAll() {
    buffer.removeAll(keepingCapacity: true)
  }

  // MARK: Wire-level writes

  /// Writes `value` as an unsigned LEB128 varint (1 to 10 bytes, low 7-bit group first).
  @inlinable
  public mutating func writeVarint(_ value: UInt64) {
    if value < 0x80 {
      buffer.append(UInt8(truncatingIfNeeded: value))
      return
    }
    var remaining = value
    while remaining >= 0x80 {
      buffer.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
      remaining &>>= 7
    }
    buffer.append(UInt8(truncatingIfNeeded: remaining))
  }

  /// Writes the tag `(field << 3) | wireType` as a varint.
  ///
  /// `field` must be 1 … ``BinaryField/maximumNumber``; generated code only passes the numbers
  /// its contract declares.
  @inlinable
  public mutating func writeTag(field: Int, wireType: BinaryWireType) {
    assert(field > 0 && field <= BinaryField.maximumNumber, "field number \(field) out of range")
    writeVarint(UInt64(truncatingIfNeeded: field) &<< 3 | UInt64(wireType.rawValue))
  }

  /// Writes four bytes, little-endian.
  @inlinable
  public mutating func writeFixed32(_ value: UInt32) {
    withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
  }

  /// Writes eight bytes, little-endian.
  @inlinable
  public mutating func writeFixed64(_ value: UInt64) {
    withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
  }

  /// Writes a varint length followed by `bytes`.
  @inlinable
  public mutating func writeLengthDelimited<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    writeVarint(UInt64(bytes.count))
    buffer.append(contentsOf: bytes)
  }

  /// Writes a length-delimited value whose bytes `body` appends: a length prefix, then the bytes.
  ///
  /// The body writes straight into this writer's buffer after a one-byte placeholder for the
  /// length; when the body turns out to be 128 bytes or longer, the body is moved up by the extra
  /// length bytes once (one `memmove`), so nested values are never encoded into a temporary.
  /// If `body` throws, the writer's contents are unspecified.
  @inlinable
  public mutating func writeLengthDelimited(_ body: (inout BinaryWriter) throws -> Void) rethrows {
    let lengthIndex = buffer.count
    buffer.append(0)
    let bodyStart = buffer.count
    try body(&self)
    let length = buffer.count - bodyStart
    if length < 0x80 {
      buffer[lengthIndex] = UInt8(truncatingIfNeeded: length)
    } else {
      patchLongLength(length, at: lengthIndex)
    }
  }

  /// Replaces the one-byte placeholder at `index` by the varint of `length`, moving the body up.
  @usableFromInline
  internal mutating func patchLongLength(_ length: Int, at index: Int) {
    var encoded: [UInt8] = []
    var remaining = UInt64(length)
    while remaining >= 0x80 {
      encoded.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
      remaining >>= 7
    }
    encoded.append(UInt8(truncatingIfNeeded: remaining))
    buffer[index] = encoded[0]
    buffer.insert(contentsOf: encoded[1...], at: index + 1)
  }

  /// The number of bytes the varint form of `value` takes (1 … 10).
  @inlinable
  public static func varintSize(_ value: UInt64) -> Int {
    // Each byte carries 7 bits; zero still takes one byte.
    let bits = 64 - (value | 1).leadingZeroBitCount
    return (bits + 6) / 7
  }
}
