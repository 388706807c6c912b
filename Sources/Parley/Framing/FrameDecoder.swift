/// A framing error: fatal to the connection it happened on (the stream cannot be resynchronised).
public enum FramingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A length prefix above the receiver's maximum frame size (no buffer of that size is allocated).
  case frameTooLarge(declared: UInt32, maximum: Int)
  /// A length prefix of zero: a frame must carry an envelope.
  case emptyFrame
  /// The stream ended in the middle of a frame.
  case truncated(buffered: Int)

  /// A human-readable explanation.
  public var description: String {
    switch self {
    case .frameTooLarge(let declared, let maximum):
      return "frame of \(declared) bytes exceeds the maximum frame size of \(maximum) bytes"
    case .emptyFrame: return "zero-length frame"
    case .truncated(let buffered): return "stream ended inside a frame (\(buffered) bytes buffered)"
    }
  }
}

/// Splits a byte stream into frames: `[u32 big-endian length N][N bytes]`.
///
/// Bytes may arrive split at any boundary and many frames may arrive in one chunk. The declared
/// length is checked against ``maxFrameSize`` as soon as the 4-byte prefix is complete, before
/// any buffer for the body is reserved. A frame that arrives whole is copied out of the chunk
/// once; a frame split over several chunks gets one body buffer of its declared length when its
/// body starts arriving, and each piece is copied into place (no regrowth, no final copy).
public struct FrameDecoder: Sendable {
  /// The largest accepted frame body, in bytes.
  public let maxFrameSize: Int
  /// Bytes of a held-back length prefix (the first `headerCount` are valid).
  private var header: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
  private var headerCount = 0
  /// The held-back frame's body: `body.count` is its declared length once the prefix is
  /// complete (empty before), of which the first `filled` bytes have arrived.
  private var body: [UInt8] = []
  private var filled = 0

  /// Creates a decoder accepting frames up to `maxFrameSize` bytes.
  public init(maxFrameSize: Int) {
    self.maxFrameSize = maxFrameSize
  }

  /// The number of bytes of an incomplete frame held back (its length prefix included).
  public var bufferedByteCount: Int { headerCount + filled }

  /// Feeds received bytes and calls `onFrame` with each complete frame body, in order.
  /// - Throws: ``FramingError`` for a bad length (the caller must close the connection), or
  ///   whatever `onFrame` throws (decoding stops there).
  public mutating func feed(
    _ chunk: UnsafeRawBufferPointer, _ onFrame: (consuming [UInt8]) throws -> Void
  ) throws {
    guard let base = chunk.baseAddress else { return }
    var offset = 0
    if headerCount > 0 {
      // Complete the held-back frame first, copying only what it needs.
      if headerCount < 4 {
        while headerCount < 4, offset < chunk.count {
          setHeaderByte(chunk[offset])
          offset += 1
        }
        if headerCount < 4 { return }
        startBody(try checkedLength(header.0, header.1, header.2, header.3))
      }
      let take = min(body.count - filled, chunk.count - offset)
      body.withUnsafeMutableBytes { destination in
        guard let target = destination.baseAddress else { return }
        (target + filled).copyMemory(from: base + offset, byteCount: take)
      }
      filled += take
      offset += take
      if filled < body.count { return }
      try onFrame(takeBody())
    }
    while chunk.count - offset >= 4 {
      let length = try checkedLength(chunk[offset], chunk[offset + 1], chunk[offset + 2], chunk[offset + 3])
      guard chunk.count - offset - 4 >= length else { break }
      let frame = Array(UnsafeRawBufferPointer(start: base + offset + 4, count: length))
      offset += 4 + length
      try onFrame(consume frame)
    }
    guard offset < chunk.count else { return }
    // Hold back the start of the next frame.
    while headerCount < 4, offset < chunk.count {
      setHeaderByte(chunk[offset])
      offset += 1
    }
    guard headerCount == 4 else { return }
    startBody(try checkedLength(header.0, header.1, header.2, header.3))
    let take = chunk.count - offset
    body.withUnsafeMutableBytes { destination in
      guard let target = destination.baseAddress else { return }
      target.copyMemory(from: base + offset, byteCount: take)
    }
    filled = take
  }

  /// Feeds a byte array (convenience for tests and in-process transports).
  public mutating func feed(_ bytes: [UInt8], _ onFrame: (consuming [UInt8]) throws -> Void) throws {
    try bytes.withUnsafeBytes { try feed($0, onFrame) }
  }

  /// Call at end of stream: throws ``FramingError/truncated(buffered:)`` if a frame was cut off.
  public func finish() throws(FramingError) {
    if bufferedByteCount > 0 { throw .truncated(buffered: bufferedByteCount) }
  }

  private mutating func setHeaderByte(_ byte: UInt8) {
    switch headerCount {
    case 0: header.0 = byte
    case 1: header.1 = byte
    case 2: header.2 = byte
    default: header.3 = byte
    }
    headerCount += 1
  }

  /// Reserves the body of a frame whose (checked) length prefix is complete. Its bytes are
  /// written before they are read, and only the `filled` ones are ever read.
  private mutating func startBody(_ length: Int) {
    body = [UInt8](unsafeUninitializedCapacity: length) { _, initialized in initialized = length }
    filled = 0
  }

  /// Hands over the completed held-back body and resets for the next frame.
  private mutating func takeBody() -> [UInt8] {
    var frame: [UInt8] = []
    swap(&frame, &body)
    filled = 0
    headerCount = 0
    return frame
  }

  private func checkedLength(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8) throws(FramingError) -> Int {
    let length = UInt32(b0) << 24 | UInt32(b1) << 16 | UInt32(b2) << 8 | UInt32(b3)
    guard length != 0 else { throw .emptyFrame }
    // Compared as Int (a UInt32 always fits): a negative limit refuses every frame, never traps.
    guard Int(length) <= maxFrameSize else {
      throw .frameTooLarge(declared: length, maximum: maxFrameSize)
    }
    return Int(length)
  }
}

/// Writes frames: a 4-byte big-endian length prefix followed by the body.
public enum FrameEncoder {
  /// A buffer with 4 zero bytes reserved for the length; append the body, then call
  /// ``finish(_:)``.
  public static func begin(capacity: Int = 256) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(capacity)
    for _ in 0..<4 { bytes.append(0) }  // (appending an array literal costs more)
    return bytes
  }

  /// Patches the length prefix of a buffer made by ``begin(capacity:)``; returns the body length.
  @discardableResult
  public static func finish(_ bytes: inout [UInt8]) -> Int {
    precondition(bytes.count >= 4, "FrameEncoder.finish needs the buffer FrameEncoder.begin made")
    let length = bytes.count - 4
    let prefix = UInt32(truncatingIfNeeded: length).bigEndian
    bytes.withUnsafeMutableBytes { $0.storeBytes(of: prefix, as: UInt32.self) }
    return length
  }

  /// Frames a complete body.
  public static func frame(_ body: [UInt8]) -> [UInt8] {
    var bytes = begin(capacity: body.count + 4)
    bytes.append(contentsOf: body)
    finish(&bytes)
    return bytes
  }
}
