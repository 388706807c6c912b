/// Reads binary-codec values from a byte buffer; generated decoders call it field by field.
///
/// Decoding a message is a loop over ``nextField()``; a typed read of a known field checks that the
/// field's wire type is the one its type needs, and ``skipField()`` passes over unknown fields:
///
/// ```swift
/// var reader = BinaryReader(bytes)
/// while let field = try reader.nextField() {
///   switch field.number {
///   case 1: id = try reader.readString()
///   case 2: quantity = try reader.readInt32()
///   case 3: price = try reader.readMessage { try Money(from: &$0) }
///   default: try reader.skipField()
///   }
/// }
/// ```
///
/// Every read is bounds-checked against the end of the enclosing message; malformed input (a
/// truncated value, an overlong varint, a length past the end, invalid UTF-8, a number out of range
/// for its type, nesting deeper than ``maximumDepth``) throws ``BinaryDecodingError`` with the byte
/// offset, and never traps. A length prefix is checked against the bytes actually present before
/// anything is allocated.
///
/// Typed reads used right after ``nextField()`` check the field's wire type; used without a
/// preceding tag (list elements, map entries) they read a bare value. After a read throws, the
/// reader's position is unspecified: abandon the message.
public struct BinaryReader: Sendable {
  /// The default for ``maximumDepth``.
  public static let defaultMaximumDepth = 100

  /// The bytes being decoded.
  @usableFromInline
  internal let storage: ArraySlice<UInt8>
  /// The index in `storage` of the first byte (`storage.startIndex`).
  @usableFromInline
  internal let base: Int
  /// Offset of the next byte to read, from `base`.
  @usableFromInline
  internal var position: Int
  /// Offset one past the last byte of the message being read, from `base`.
  @usableFromInline
  internal var limit: Int
  /// How many messages, lists and maps enclose the current position.
  @usableFromInline
  internal var depth: Int
  /// The wire type of the tag just read by `nextField()` and not yet consumed, or `noPendingField`.
  @usableFromInline
  internal var pendingWireType: UInt8
  /// The field number of that tag.
  @usableFromInline
  internal var pendingFieldNumber: Int

  /// The value of `pendingWireType` when no tag is waiting for its value.
  @usableFromInline
  internal static let noPendingField: UInt8 = 0xff

  /// How deeply messages, lists and maps may nest before decoding fails with
  /// ``BinaryDecodingError/Reason/nestingTooDeep(limit:)``.
  public let maximumDepth: Int

  /// Creates a reader of `bytes`, a whole message.
  ///
  /// - Parameters:
  ///   - bytes: The encoded message; offsets in errors count from its first byte.
  ///   - maximumDepth: The deepest nesting of messages, lists and maps accepted.
  @inlinable
  public init(_ bytes: [UInt8], maximumDepth: Int = BinaryReader.defaultMaximumDepth) {
    self.init(bytes[...], maximumDepth: maximumDepth)
  }

  /// Creates a reader of `bytes`, a whole message (for example a frame's payload inside a larger
  /// receive buffer); nothing is copied.
  ///
  /// - Parameters:
  ///   - bytes: The encoded message; offsets in errors count from its first byte.
  ///   - maximumDepth: The deepest nesting of messages, lists and maps accepted.
  @inlinable
  public init(_ bytes: ArraySlice<UInt8>, maximumDepth: Int = BinaryReader.defaultMaximumDepth) {
    storage = bytes
    base = bytes.startIndex
    position = 0
    limit = bytes.count
    depth = 0
    pendingWireType = Self.noPendingField
    pendingFieldNumber = 0
    self.maximumDepth = maximumDepth
  }

  /// The offset of the next byte to read, from the start of the buffer.
  @inlinable
  public var offset: Int { position }

  /// Whether the enclosing message (or list, or map) has no bytes left.
  @inlinable
  public var isAtEnd: Bool { position >= limit }

  // MARK: Fields

  /// Reads the next field's tag, or returns `nil` at the end of the current message.
  ///
  /// - Throws: ``BinaryDecodingError`` for a truncated or overlong tag, field number 0, a tag that
  ///   does not fit 32 bits, or wire type 3, 4, 6 or 7.
  @inlinable
  public mutating func nextField() throws(BinaryDecodingError) -> BinaryField? {
    pendingWireType = Self.noPendingField
    guard position < limit else { return nil }
    let start = position
    let tag = try readVarint()
    guard tag <= UInt64(UInt32.max) else {
      throw BinaryDecodingError(.invalidTag(tag), offset: start)
    }
    let number = Int(truncatingIfNeeded: tag &>> 3)
    let rawWireType = UInt8(truncatingIfNeeded: tag & 7)
    guard number != 0 else {
      throw BinaryDecodingError(.fieldNumberZero, offset: start)
    }
    guard let wireType = BinaryWireType(rawValue: rawWireType) else {
      throw BinaryDecodingError(.invalidWireType(rawWireType, field: number), offset: start)
    }
    pendingWireType = rawWireType
    pendingFieldNumber = number
    return BinaryField(number: number, wireType: wireType)
  }

  /// Skips the value of the field whose tag ``nextField()`` just returned (an unknown field).
  ///
  /// - Throws: ``BinaryDecodingError`` when the value is truncated or malformed.
  @inlinable
  public mutating func skipField() throws(BinaryDecodingError) {
    guard let wireType = BinaryWireType(rawValue: pendingWireType) else { return }
    pendingWireType = Self.noPendingField
    try skip(wireType)
  }

  /// Skips one bare value of `wireType`: a varint, 4 or 8 bytes, or a length prefix and that many
  /// bytes. Skipping never recurses, so it cannot be driven into deep nesting.
  ///
  /// - Throws: ``BinaryDecodingError`` when the value is truncated or malformed.
  @inlinable
  public mutating func skip(_ wireType: BinaryWireType) throws(BinaryDecodingError) {
    pendingWireType = Self.noPendingField
    switch wireType {
    case .varint: _ = try readVarint()
    case .fixed32: try advance(by: 4)
    case .fixed64: try advance(by: 8)
    case .lengthDelimited: try advance(by: try readLength())
    }
  }

  /// Checks that the pending field (if any) has wire type `expected` and marks it consumed.
  @inlinable
  internal mutating func consumeTag(_ expected: BinaryWireType) throws(BinaryDecodingError) {
    guard pendingWireType != Self.noPendingField else { return }
    guard pendingWireType == expected.rawValue else {
      throw wireTypeMismatch(expected)
    }
    pendingWireType = Self.noPendingField
  }

  /// The error for a pending field whose wire type is not `expected`.
  @usableFromInline
  internal func wireTypeMismatch(_ expected: BinaryWireType) -> BinaryDecodingError {
    let found = BinaryWireType(rawValue: pendingWireType) ?? .varint
    return BinaryDecodingError(
      .wireTypeMismatch(field: pendingFieldNumber, expected: expected, found: found), offset: position)
  }

  // MARK: Wire-level reads

  /// Reads a bare unsigned LEB128 varint (at most 10 bytes, value within 64 bits).
  ///
  /// - Throws: ``BinaryDecodingError`` when the input ends inside the varint or it is too long.
  @inlinable
  public mutating func readVarint() throws(BinaryDecodingError) -> UInt64 {
    if position < limit {
      let first = storage[base &+ position]
      if first < 0x80 {
        position &+= 1
        return UInt64(first)
      }
      if position &+ 1 < limit {
        let second = storage[base &+ position &+ 1]
        if second < 0x80 {
          position &+= 2
          return UInt64(first & 0x7f) | UInt64(second) &<< 7
        }
      }
    }
    return try readLongVarint()
  }

  /// Reads a varint of two or more bytes (or reports truncation).
  @usableFromInline
  internal mutating func readLongVarint() throws(BinaryDecodingError) -> UInt64 {
    let start = position
    var result: UInt64 = 0
    var shift: UInt64 = 0
    var index = position
    while index < limit {
      let byte = storage[base &+ index]
      index &+= 1
      if shift == 63 && byte > 1 {
        throw BinaryDecodingError(.varintTooLong, offset: start)
      }
      result |= UInt64(byte & 0x7f) &<< shift
      if byte < 0x80 {
        position = index
        return result
      }
      shift &+= 7
    }
    throw BinaryDecodingError(.truncated(needed: 1, available: 0), offset: index)
  }

  /// Reads four bytes, little-endian.
  ///
  /// - Throws: ``BinaryDecodingError`` when fewer than four bytes remain.
  @inlinable
  public mutating func readFixed32() throws(BinaryDecodingError) -> UInt32 {
    try require(4)
    let value = storage.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: UInt32.self) }
    position &+= 4
    return UInt32(littleEndian: value)
  }

  /// Reads eight bytes, little-endian.
  ///
  /// - Throws: ``BinaryDecodingError`` when fewer than eight bytes remain.
  @inlinable
  public mutating func readFixed64() throws(BinaryDecodingError) -> UInt64 {
    try require(8)
    let value = storage.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: UInt64.self) }
    position &+= 8
    return UInt64(littleEndian: value)
  }

  /// Reads a length prefix and checks that that many bytes remain in the enclosing message.
  ///
  /// - Throws: ``BinaryDecodingError`` when the varint is malformed or the length runs past the end.
  @inlinable
  public mutating func readLength() throws(BinaryDecodingError) -> Int {
    let start = position
    let length = try readVarint()
    let remaining = limit &- position
    guard length <= UInt64(remaining) else {
      throw BinaryDecodingError(.lengthExceedsRemaining(length: length, remaining: remaining), offset: start)
    }
    return Int(truncatingIfNeeded: length)
  }

  /// Throws unless `count` bytes remain before the end of the enclosing message.
  @inlinable
  internal func require(_ count: Int) throws(BinaryDecodingError) {
    guard limit &- position >= count else {
      throw BinaryDecodingError(.truncated(needed: count, available: limit &- position), offset: position)
    }
  }

  /// Moves past `count` bytes.
  @inlinable
  internal mutating func advance(by count: Int) throws(BinaryDecodingError) {
    try require(count)
    position &+= count
  }

  // MARK: Nesting

  /// Enters a length-delimited value: reads its length and makes its end the reader's limit.
  /// Returns the outer limit, to be restored by `exitLengthDelimited(restoring:)`.
  @inlinable
  internal mutating func enterLengthDelimited() throws(BinaryDecodingError) -> Int {
    let start = position
    let length = try readLength()
    guard depth < maximumDepth else {
      throw BinaryDecodingError(.nestingTooDeep(limit: maximumDepth), offset: start)
    }
    depth &+= 1
    let outerLimit = limit
    limit = position &+ length
    return outerLimit
  }

  /// Leaves a length-delimited value entered by `enterLengthDelimited()`, passing over any bytes
  /// of it the caller did not read.
  @inlinable
  internal mutating func exitLengthDelimited(restoring outerLimit: Int) {
    position = limit
    limit = outerLimit
    depth &-= 1
    pendingWireType = Self.noPendingField
  }
}
