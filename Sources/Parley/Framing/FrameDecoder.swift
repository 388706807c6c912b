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
/// any buffer for the body is reserved; the buffer only ever holds bytes actually received.
public struct FrameDecoder: Sendable {
  /// The largest accepted frame body, in bytes.
  public let maxFrameSize: Int
  private var buffer: [UInt8] = []

  /// Creates a decoder accepting frames up to `maxFrameSize` bytes.
  public init(maxFrameSize: Int) {
    self.maxFrameSize = maxFrameSize
  }

  /// The number of bytes of an incomplete frame held back.
  public var bufferedByteCount: Int { buffer.count }

  /// Feeds received bytes and calls `onFrame` with each complete frame body, in order.
  /// - Throws: ``FramingError`` for a bad length (the caller must close the connection), or
  ///   whatever `onFrame` throws (decoding stops there).
  public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ onFrame: ([UInt8]) throws -> Void) throws {
    var offset = 0
    if !buffer.isEmpty {
      // Complete the held-back frame first, copying only what it needs.
      if buffer.count < 4 {
        let take = min(4 - buffer.count, chunk.count)
        buffer.append(contentsOf: chunk[0..<take])
        offset = take
        if buffer.count < 4 { return }
      }
      let length = try checkedLength(buffer[0], buffer[1], buffer[2], buffer[3])
      let missing = 4 + length - buffer.count
      let take = min(missing, chunk.count - offset)
      buffer.append(contentsOf: chunk[offset..<(offset + take)])
      offset += take
      if take < missing { return }
      let body = Array(buffer[4...])
      buffer.removeAll(keepingCapacity: false)
      try onFrame(body)
    }
    while chunk.count - offset >= 4 {
      let length = try checkedLength(chunk[offset], chunk[offset + 1], chunk[offset + 2], chunk[offset + 3])
      guard chunk.count - offset - 4 >= length else { break }
      let body = Array(chunk[(offset + 4)..<(offset + 4 + length)])
      offset += 4 + length
      try onFrame(body)
    }
    if offset < chunk.count {
      buffer.append(contentsOf: chunk[offset...])
      if buffer.count >= 4 { _ = try checkedLength(buffer[0], buffer[1], buffer[2], buffer[3]) }
    }
  }

  /// Feeds a byte array (convenience for tests and in-process transports).
  public mutating func feed(_ bytes: [UInt8], _ onFrame: ([UInt8]) throws -> Void) throws {
    try bytes.withUnsafeBytes { try feed($0, onFrame) }
  }

  /// Call at end of stream: throws ``FramingError/truncated(buffered:)`` if a frame was cut off.
  public func finish() throws(FramingError) {
    if !buffer.isEmpty { throw .truncated(buffered: buffer.count) }
  }

  private func checkedLength(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8) throws(FramingError) -> Int {
    let length = UInt32(b0) << 24 | UInt32(b1) << 16 | UInt32(b2) << 8 | UInt32(b3)
    guard length != 0 else { throw .emptyFrame }
    guard UInt64(length) <= UInt64(maxFrameSize) else {
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
    bytes.append(contentsOf: [0, 0, 0, 0])
    return bytes
  }

  /// Patches the length prefix of a buffer made by ``begin(capacity:)``; returns the body length.
  @discardableResult
  public static func finish(_ bytes: inout [UInt8]) -> Int {
    let length = bytes.count - 4
    bytes[0] = UInt8(truncatingIfNeeded: length >> 24)
    bytes[1] = UInt8(truncatingIfNeeded: length >> 16)
    bytes[2] = UInt8(truncatingIfNeeded: length >> 8)
    bytes[3] = UInt8(truncatingIfNeeded: length)
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
