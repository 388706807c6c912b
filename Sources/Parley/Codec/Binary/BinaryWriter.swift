/// Appends binary-codec values to a growing byte buffer; generated encoders call it field by field.
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
/// The writer owns its buffer and is not copyable (`~Copyable`): appends go straight to memory,
/// without the uniqueness checks a shared array needs, which makes encoding several times faster.
/// Pass it `inout`; read the result with ``bytes`` or ``finish()``.
///
/// The byte layout is specified in `docs/binary-codec.md`.
public struct BinaryWriter: ~Copyable {
  /// The start of the owned buffer.
  @usableFromInline
  internal var start: UnsafeMutablePointer<UInt8>
  /// Bytes written so far.
  @usableFromInline
  internal var used: Int
  /// Bytes allocated.
  @usableFromInline
  internal var capacity: Int
  /// Whether this writer allocated `start` (and frees it); `false` while it writes into a scratch
  /// buffer it does not own (see `withScratch(_:)`), until it outgrows it.
  @usableFromInline
  internal var ownsBuffer: Bool

  /// Creates an empty writer with room for `capacity` bytes before it reallocates.
  @inlinable
  public init(capacity: Int = 0) {
    let allocated = Swift.max(capacity, 64)
    start = .allocate(capacity: allocated)
    used = 0
    self.capacity = allocated
    ownsBuffer = true
  }

  /// Creates an empty writer that writes into `scratch` (not owned, not freed) until it needs more
  /// room; it then moves to a buffer of its own.
  @usableFromInline
  internal init(scratch: UnsafeMutableBufferPointer<UInt8>) {
    if let base = scratch.baseAddress, scratch.count > 0 {
      start = base
      capacity = scratch.count
      ownsBuffer = false
    } else {
      start = .allocate(capacity: 64)
      capacity = 64
      ownsBuffer = true
    }
    used = 0
  }

  /// Calls `body` with an empty writer whose first 1 KiB lives on the stack (1 KiB is the largest
  /// temporary allocation always placed there), so encoding a message that fits allocates nothing
  /// but what `body` returns (for example ``bytes``, one exact-size array). A longer message moves
  /// to the heap once, as an ordinary writer grows. The writer must not outlive `body`.
  @inlinable
  internal static func withScratch<Result>(_ body: (inout BinaryWriter) throws -> Result) rethrows -> Result {
    try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { scratch in
      var writer = BinaryWriter(scratch: scratch)
      return try body(&writer)
    }
  }

  deinit {
    if ownsBuffer { start.deallocate() }
  }

  /// A copy of the bytes written so far.
  @inlinable
  public var bytes: [UInt8] {
    Array(UnsafeBufferPointer(start: start, count: used))
  }

  /// Ends writing and returns the bytes written.
  @inlinable
  public consuming func finish() -> [UInt8] {
    bytes
  }

  /// Calls `body` with the bytes written so far, without copying them.
  @inlinable
  public func withUnsafeBytes<Result>(
    _ body: (UnsafeRawBufferPointer) throws -> Result
  ) rethrows -> Result {
    try body(UnsafeRawBufferPointer(start: start, count: used))
  }

  /// The number of bytes written so far.
  @inlinable
  public var count: Int { used }

  /// Makes room for at least `byteCount` more bytes without reallocating.
  @inlinable
  public mutating func reserveCapacity(_ byteCount: Int) {
    ensureRoom(byteCount)
  }

  /// Removes all bytes, keeping the allocated capacity, so the writer can encode the next message.
  @inlinable
  public mutating func removeAll() {
    used = 0
  }

  // MARK: Buffer management

  /// Makes sure `byteCount` more bytes fit.
  @inlinable
  @inline(__always)
  internal mutating func ensureRoom(_ byteCount: Int) {
    if capacity &- used < byteCount {
      grow(toFit: byteCount)
    }
  }

  /// Reallocates to at least twice the capacity, and at least enough for `byteCount` more bytes.
  @usableFromInline
  internal mutating func grow(toFit byteCount: Int) {
    let newCapacity = Swift.max(capacity * 2, used + byteCount)
    let newStart = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newStart.initialize(from: start, count: used)
    if ownsBuffer { start.deallocate() }
    start = newStart
    capacity = newCapacity
    ownsBuffer = true
  }

  /// Appends one byte.
  @inlinable
  @inline(__always)
  internal mutating func appendByte(_ byte: UInt8) {
    ensureRoom(1)
    start[used] = byte
    used &+= 1
  }

  /// Appends the bytes of `raw`.
  @inlinable
  internal mutating func appendBytes(_ raw: UnsafeRawBufferPointer) {
    guard let source = raw.baseAddress, raw.count > 0 else { return }
    ensureRoom(raw.count)
    UnsafeMutableRawPointer(start + used).copyMemory(from: source, byteCount: raw.count)
    used &+= raw.count
  }

  // MARK: Wire-level writes

  /// Writes `value` as an unsigned LEB128 varint (1 to 10 bytes, low 7-bit group first).
  @inlinable
  @inline(__always)
  public mutating func writeVarint(_ value: UInt64) {
    if value < 0x80 {
      appendByte(UInt8(truncatingIfNeeded: value))
    } else {
      writeLongVarint(value)
    }
  }

  /// Writes a varint of two or more bytes.
  @usableFromInline
  internal mutating func writeLongVarint(_ value: UInt64) {
    ensureRoom(10)
    var remaining = value
    while remaining >= 0x80 {
      start[used] = UInt8(truncatingIfNeeded: remaining) | 0x80
      used &+= 1
      remaining &>>= 7
    }
    start[used] = UInt8(truncatingIfNeeded: remaining)
    used &+= 1
  }

  /// Writes the tag `(field << 3) | wireType` as a varint.
  ///
  /// `field` must be 1 … ``BinaryField/maximumNumber``; generated code only passes the numbers
  /// its contract declares.
  @inlinable
  @inline(__always)
  public mutating func writeTag(field: Int, wireType: BinaryWireType) {
    assert(field > 0 && field <= BinaryField.maximumNumber, "field number \(field) out of range")
    writeVarint(UInt64(truncatingIfNeeded: field) &<< 3 | UInt64(wireType.rawValue))
  }

  /// Writes four bytes, little-endian.
  @inlinable
  public mutating func writeFixed32(_ value: UInt32) {
    ensureRoom(4)
    UnsafeMutableRawPointer(start + used).storeBytes(of: value.littleEndian, as: UInt32.self)
    used &+= 4
  }

  /// Writes eight bytes, little-endian.
  @inlinable
  public mutating func writeFixed64(_ value: UInt64) {
    ensureRoom(8)
    UnsafeMutableRawPointer(start + used).storeBytes(of: value.littleEndian, as: UInt64.self)
    used &+= 8
  }

  /// Writes a varint length followed by `bytes`.
  @inlinable
  public mutating func writeLengthDelimited<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    let count = bytes.count
    writeVarint(UInt64(count))
    let copied: Void? = bytes.withContiguousStorageIfAvailable { appendBytes(UnsafeRawBufferPointer($0)) }
    if copied == nil {
      ensureRoom(count)
      for byte in bytes {
        start[used] = byte
        used &+= 1
      }
    }
  }

  /// Writes a length-delimited value whose bytes `body` appends: a length prefix, then the bytes.
  ///
  /// The body writes straight into this writer's buffer after a one-byte placeholder for the
  /// length; when the body turns out to be 128 bytes or longer, the body is moved up by the extra
  /// length bytes once (one `memmove`), so nested values are never encoded into a temporary.
  /// If `body` throws, the writer's contents are unspecified.
  @inlinable
  public mutating func writeLengthDelimited(_ body: (inout BinaryWriter) throws -> Void) rethrows {
    let lengthIndex = used
    appendByte(0)
    let bodyStart = used
    try body(&self)
    let length = used &- bodyStart
    if length < 0x80 {
      start[lengthIndex] = UInt8(truncatingIfNeeded: length)
    } else {
      patchLongLength(length, at: lengthIndex)
    }
  }

  /// Replaces the one-byte placeholder at `index` by the varint of `length`, moving the body up.
  @usableFromInline
  internal mutating func patchLongLength(_ length: Int, at index: Int) {
    let extra = Self.varintSize(UInt64(length)) - 1
    ensureRoom(extra)
    let bodyStart = index + 1
    (start + bodyStart + extra).moveInitialize(from: start + bodyStart, count: length)
    used &+= extra
    var remaining = UInt64(length)
    var position = index
    while remaining >= 0x80 {
      start[position] = UInt8(truncatingIfNeeded: remaining) | 0x80
      position += 1
      remaining >>= 7
    }
    start[position] = UInt8(truncatingIfNeeded: remaining)
  }

  /// The number of bytes the varint form of `value` takes (1 … 10).
  @inlinable
  public static func varintSize(_ value: UInt64) -> Int {
    // Each byte carries 7 bits; zero still takes one byte.
    let bits = 64 - (value | 1).leadingZeroBitCount
    return (bits + 6) / 7
  }
}

// The writer owns its buffer exclusively (it cannot be copied), so moving it to another task is safe.
extension BinaryWriter: @unchecked Sendable {}
