// Typed writes of the built-in scalar types: bare values (for list elements and map entries) and
// tagged fields. Encodings are specified in docs/binary-codec.md.

extension BinaryWriter {
  // MARK: Bare values

  /// Writes a `Bool` as a varint 0 or 1.
  @inlinable
  public mutating func writeBool(_ value: Bool) {
    appendByte(value ? 1 : 0)
  }

  /// Writes an `Int8` as a zigzag varint.
  @inlinable
  public mutating func writeInt8(_ value: Int8) { writeVarint(BinaryZigZag.encode(Int64(value))) }

  /// Writes an `Int16` as a zigzag varint.
  @inlinable
  public mutating func writeInt16(_ value: Int16) { writeVarint(BinaryZigZag.encode(Int64(value))) }

  /// Writes an `Int32` as a zigzag varint (`-1` → `01`, `1` → `02`).
  @inlinable
  public mutating func writeInt32(_ value: Int32) { writeVarint(BinaryZigZag.encode(Int64(value))) }

  /// Writes an `Int64` as a zigzag varint.
  @inlinable
  public mutating func writeInt64(_ value: Int64) { writeVarint(BinaryZigZag.encode(value)) }

  /// Writes an `Int` (64-bit on the wire) as a zigzag varint.
  @inlinable
  public mutating func writeInt(_ value: Int) { writeVarint(BinaryZigZag.encode(Int64(value))) }

  /// Writes a `UInt8` as a varint.
  @inlinable
  public mutating func writeUInt8(_ value: UInt8) { writeVarint(UInt64(value)) }

  /// Writes a `UInt16` as a varint.
  @inlinable
  public mutating func writeUInt16(_ value: UInt16) { writeVarint(UInt64(value)) }

  /// Writes a `UInt32` as a varint.
  @inlinable
  public mutating func writeUInt32(_ value: UInt32) { writeVarint(UInt64(value)) }

  /// Writes a `UInt64` as a varint.
  @inlinable
  public mutating func writeUInt64(_ value: UInt64) { writeVarint(value) }

  /// Writes a `UInt` (64-bit on the wire) as a varint.
  @inlinable
  public mutating func writeUInt(_ value: UInt) { writeVarint(UInt64(value)) }

  /// Writes a `Float` as its IEEE 754 bits, four bytes little-endian (NaN payloads kept).
  @inlinable
  public mutating func writeFloat(_ value: Float) { writeFixed32(value.bitPattern) }

  /// Writes a `Double` as its IEEE 754 bits, eight bytes little-endian (NaN payloads kept).
  @inlinable
  public mutating func writeDouble(_ value: Double) { writeFixed64(value.bitPattern) }

  /// Writes a `String` as its UTF-8 byte count (varint) followed by the UTF-8 bytes.
  @inlinable
  public mutating func writeString(_ value: String) {
    var value = value
    value.withUTF8 { utf8 in
      writeVarint(UInt64(utf8.count))
      appendBytes(UnsafeRawBufferPointer(utf8))
    }
  }

  /// Writes `Bytes` as a byte count (varint) followed by the bytes.
  @inlinable
  public mutating func writeBytes<Bytes: Collection>(_ value: Bytes) where Bytes.Element == UInt8 {
    writeLengthDelimited(value)
  }

  /// Writes an enum case number as a varint (not zigzag: case numbers are positive).
  ///
  /// Generated code passes the raw number of the case, including the number kept by an unknown case.
  @inlinable
  public mutating func writeEnumCase(_ number: Int) {
    writeVarint(UInt64(truncatingIfNeeded: number))
  }

  // MARK: Tagged fields

  /// Writes field `field` holding a `Bool`.
  @inlinable
  public mutating func writeBool(field: Int, _ value: Bool) {
    writeTag(field: field, wireType: .varint)
    writeBool(value)
  }

  /// Writes field `field` holding an `Int8`.
  @inlinable
  public mutating func writeInt8(field: Int, _ value: Int8) {
    writeTag(field: field, wireType: .varint)
    writeInt8(value)
  }

  /// Writes field `field` holding an `Int16`.
  @inlinable
  public mutating func writeInt16(field: Int, _ value: Int16) {
    writeTag(field: field, wireType: .varint)
    writeInt16(value)
  }

  /// Writes field `field` holding an `Int32`.
  @inlinable
  public mutating func writeInt32(field: Int, _ value: Int32) {
    writeTag(field: field, wireType: .varint)
    writeInt32(value)
  }

  /// Writes field `field` holding an `Int64`.
  @inlinable
  public mutating func writeInt64(field: Int, _ value: Int64) {
    writeTag(field: field, wireType: .varint)
    writeInt64(value)
  }

  /// Writes field `field` holding an `Int`.
  @inlinable
  public mutating func writeInt(field: Int, _ value: Int) {
    writeTag(field: field, wireType: .varint)
    writeInt(value)
  }

  /// Writes field `field` holding a `UInt8`.
  @inlinable
  public mutating func writeUInt8(field: Int, _ value: UInt8) {
    writeTag(field: field, wireType: .varint)
    writeUInt8(value)
  }

  /// Writes field `field` holding a `UInt16`.
  @inlinable
  public mutating func writeUInt16(field: Int, _ value: UInt16) {
    writeTag(field: field, wireType: .varint)
    writeUInt16(value)
  }

  /// Writes field `field` holding a `UInt32`.
  @inlinable
  public mutating func writeUInt32(field: Int, _ value: UInt32) {
    writeTag(field: field, wireType: .varint)
    writeUInt32(value)
  }

  /// Writes field `field` holding a `UInt64`.
  @inlinable
  public mutating func writeUInt64(field: Int, _ value: UInt64) {
    writeTag(field: field, wireType: .varint)
    writeUInt64(value)
  }

  /// Writes field `field` holding a `UInt`.
  @inlinable
  public mutating func writeUInt(field: Int, _ value: UInt) {
    writeTag(field: field, wireType: .varint)
    writeUInt(value)
  }

  /// Writes field `field` holding a `Float`.
  @inlinable
  public mutating func writeFloat(field: Int, _ value: Float) {
    writeTag(field: field, wireType: .fixed32)
    writeFloat(value)
  }

  /// Writes field `field` holding a `Double`.
  @inlinable
  public mutating func writeDouble(field: Int, _ value: Double) {
    writeTag(field: field, wireType: .fixed64)
    writeDouble(value)
  }

  /// Writes field `field` holding a `String`.
  @inlinable
  public mutating func writeString(field: Int, _ value: String) {
    writeTag(field: field, wireType: .lengthDelimited)
    writeString(value)
  }

  /// Writes field `field` holding `Bytes`.
  @inlinable
  public mutating func writeBytes<Bytes: Collection>(field: Int, _ value: Bytes)
  where Bytes.Element == UInt8 {
    writeTag(field: field, wireType: .lengthDelimited)
    writeBytes(value)
  }

  /// Writes field `field` holding an enum case number.
  @inlinable
  public mutating func writeEnumCase(field: Int, _ number: Int) {
    writeTag(field: field, wireType: .varint)
    writeEnumCase(number)
  }
}
