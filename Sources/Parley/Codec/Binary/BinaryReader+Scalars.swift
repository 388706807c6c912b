// Typed reads of the built-in scalar types. Right after `nextField()` each checks the field's wire
// type; otherwise it reads a bare value (a list element or map entry).

extension BinaryReader {
  /// Reads a `Bool`: varint 0 is `false`, any other value `true`.
  @inlinable
  public mutating func readBool() throws(BinaryDecodingError) -> Bool {
    try consumeTag(.varint)
    return try readVarint() != 0
  }

  /// Reads a zigzag varint as `Int64`.
  @inlinable
  public mutating func readInt64() throws(BinaryDecodingError) -> Int64 {
    try consumeTag(.varint)
    return BinaryZigZag.decode(try readVarint())
  }

  /// Reads a zigzag varint as `Int` (64-bit on the wire).
  @inlinable
  public mutating func readInt() throws(BinaryDecodingError) -> Int {
    try readSigned(Int.self)
  }

  /// Reads a zigzag varint as `Int32`.
  ///
  /// - Throws: ``BinaryDecodingError`` also when the value does not fit `Int32` (it is never
  ///   truncated).
  @inlinable
  public mutating func readInt32() throws(BinaryDecodingError) -> Int32 {
    try readSigned(Int32.self)
  }

  /// Reads a zigzag varint as `Int16`, rejecting values outside its range.
  @inlinable
  public mutating func readInt16() throws(BinaryDecodingError) -> Int16 {
    try readSigned(Int16.self)
  }

  /// Reads a zigzag varint as `Int8`, rejecting values outside its range.
  @inlinable
  public mutating func readInt8() throws(BinaryDecodingError) -> Int8 {
    try readSigned(Int8.self)
  }

  /// Reads a varint as `UInt64`.
  @inlinable
  public mutating func readUInt64() throws(BinaryDecodingError) -> UInt64 {
    try consumeTag(.varint)
    return try readVarint()
  }

  /// Reads a varint as `UInt` (64-bit on the wire).
  @inlinable
  public mutating func readUInt() throws(BinaryDecodingError) -> UInt {
    try readUnsigned(UInt.self)
  }

  /// Reads a varint as `UInt32`, rejecting values outside its range.
  @inlinable
  public mutating func readUInt32() throws(BinaryDecodingError) -> UInt32 {
    try readUnsigned(UInt32.self)
  }

  /// Reads a varint as `UInt16`, rejecting values outside its range.
  @inlinable
  public mutating func readUInt16() throws(BinaryDecodingError) -> UInt16 {
    try readUnsigned(UInt16.self)
  }

  /// Reads a varint as `UInt8`, rejecting values outside its range.
  @inlinable
  public mutating func readUInt8() throws(BinaryDecodingError) -> UInt8 {
    try readUnsigned(UInt8.self)
  }

  /// Reads four little-endian bytes as a `Float`.
  @inlinable
  public mutating func readFloat() throws(BinaryDecodingError) -> Float {
    try consumeTag(.fixed32)
    return Float(bitPattern: try readFixed32())
  }

  /// Reads eight little-endian bytes as a `Double`.
  @inlinable
  public mutating func readDouble() throws(BinaryDecodingError) -> Double {
    try consumeTag(.fixed64)
    return Double(bitPattern: try readFixed64())
  }

  /// Reads a length-delimited UTF-8 `String`.
  ///
  /// - Throws: ``BinaryDecodingError`` also when the bytes are not valid UTF-8 (they are never
  ///   silently repaired).
  @inlinable
  public mutating func readString() throws(BinaryDecodingError) -> String {
    try consumeTag(.lengthDelimited)
    let start = position
    let length = try readLength()
    let begin = position
    let string = storage.withUnsafeBufferPointer { buffer in
      Self.validatedString(UnsafeBufferPointer(rebasing: buffer[begin..<(begin &+ length)]))
    }
    guard let string else {
      throw BinaryDecodingError(.invalidUTF8, offset: start)
    }
    position &+= length
    return string
  }

  /// Makes a `String` of `utf8`, or returns `nil` when it is not valid UTF-8.
  ///
  /// `String(decoding:as:)` has the standard library's fast path but repairs invalid input; the
  /// repair is detected by comparing bytes, which is only needed when a byte is not ASCII.
  /// (`String(validating:as:)` is slower here: it goes through generic metadata on every call.)
  @inlinable
  internal static func validatedString(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
    let string = String(decoding: utf8, as: UTF8.self)
    var combined: UInt8 = 0
    for byte in utf8 {
      combined |= byte
    }
    if combined < 0x80 {
      return string
    }
    return string.utf8.elementsEqual(utf8) ? string : nil
  }

  /// Reads length-delimited `Bytes` into a new array.
  @inlinable
  public mutating func readBytes() throws(BinaryDecodingError) -> [UInt8] {
    Array(try readBytesSlice())
  }

  /// Reads length-delimited `Bytes` as a slice of the reader's buffer, without copying.
  @inlinable
  public mutating func readBytesSlice() throws(BinaryDecodingError) -> ArraySlice<UInt8> {
    try consumeTag(.lengthDelimited)
    let length = try readLength()
    let begin = base &+ position
    position &+= length
    return storage[begin..<(begin &+ length)]
  }

  /// Reads an enum case number (a varint).
  ///
  /// An unknown number is returned as is, for the generated enum's unknown case; only a number
  /// beyond `Int32.max` (which no contract can declare) throws.
  @inlinable
  public mutating func readEnumCase() throws(BinaryDecodingError) -> Int {
    try consumeTag(.varint)
    let start = position
    let raw = try readVarint()
    guard raw <= UInt64(Int32.max) else {
      throw BinaryDecodingError(.valueOutOfRange(type: "enum case number", value: "\(raw)"), offset: start)
    }
    return Int(truncatingIfNeeded: raw)
  }

  /// Reads a zigzag varint and narrows it to `Value`, throwing when it does not fit.
  @inlinable
  internal mutating func readSigned<Value: FixedWidthInteger & SignedInteger>(
    _: Value.Type
  ) throws(BinaryDecodingError) -> Value {
    try consumeTag(.varint)
    let start = position
    let wide = BinaryZigZag.decode(try readVarint())
    guard let value = Value(exactly: wide) else {
      throw BinaryDecodingError(.valueOutOfRange(type: "\(Value.self)", value: "\(wide)"), offset: start)
    }
    return value
  }

  /// Reads a varint and narrows it to `Value`, throwing when it does not fit.
  @inlinable
  internal mutating func readUnsigned<Value: FixedWidthInteger & UnsignedInteger>(
    _: Value.Type
  ) throws(BinaryDecodingError) -> Value {
    try consumeTag(.varint)
    let start = position
    let wide = try readVarint()
    guard let value = Value(exactly: wide) else {
      throw BinaryDecodingError(.valueOutOfRange(type: "\(Value.self)", value: "\(wide)"), offset: start)
    }
    return value
  }
}
