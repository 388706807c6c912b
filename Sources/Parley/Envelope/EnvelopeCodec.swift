/// Encodes envelopes to bytes and back: the seam between framing and the connection.
///
/// The runtime ships ``JSONEnvelopeCodec``; the binary codec plugs in here. A codec never sees
/// the length prefix and never knows which transport carries its bytes.
public protocol EnvelopeCodec: Sendable {
  /// The codec's identity, as negotiated in the handshake.
  var id: WireCodec { get }

  /// Appends the encoding of `envelope` to `bytes`.
  func encode(_ envelope: Envelope, into bytes: inout [UInt8])

  /// Decodes one envelope from a frame body.
  /// - Throws: ``ParleyError`` with code `PROTOCOL_ERROR` when the bytes are not an envelope
  ///   (the connection is then closed: the header cannot be trusted).
  func decode(_ bytes: [UInt8]) throws(ParleyError) -> Envelope

  /// Decodes one envelope from a frame body the caller hands over, like ``decode(_:)``, but may
  /// keep the body's storage as the envelope's payload (moving the payload's bytes to its front
  /// and cutting off the rest) instead of allocating a copy. It saves that allocation when nothing
  /// else references the body: pass it with `consume` from a buffer made for this one frame.
  /// The default implementation calls ``decode(_:)``.
  /// - Throws: ``ParleyError`` with code `PROTOCOL_ERROR`, as ``decode(_:)``.
  func decode(frameBody bytes: consuming [UInt8]) throws(ParleyError) -> Envelope

  /// Checks that `payload` is a well-formed value in this codec before it is put on the wire.
  /// - Throws: ``ParleyError`` (`INTERNAL`, did not run) describing the problem.
  func validatePayload(_ payload: [UInt8]) throws(ParleyError)
}

extension EnvelopeCodec {
  /// Decodes `bytes` with ``decode(_:)`` (a codec without a storage-reusing path).
  public func decode(frameBody bytes: consuming [UInt8]) throws(ParleyError) -> Envelope {
    try decode(bytes)
  }

  /// The payload at `range` of a frame body handed over by the caller, in the body's own storage
  /// when it is not shared (the bytes around the payload are removed in place: one `memmove`, no
  /// allocation), otherwise a copy.
  static func payload(_ range: Range<Int>, reusing body: consuming [UInt8]) -> [UInt8] {
    var payload = body
    if range.lowerBound > 0 {
      payload.withUnsafeMutableBytes { buffer in
        guard let base = buffer.baseAddress else { return }
        base.copyMemory(from: base + range.lowerBound, byteCount: range.count)  // memmove
      }
    }
    if range.count < payload.count { payload.removeSubrange(range.count..<payload.count) }
    return payload
  }

  /// Encodes `envelope` as a complete frame (length prefix included).
  public func frame(_ envelope: Envelope) -> [UInt8] {
    var bytes = FrameEncoder.begin()
    encode(envelope, into: &bytes)
    FrameEncoder.finish(&bytes)
    return bytes
  }
}
