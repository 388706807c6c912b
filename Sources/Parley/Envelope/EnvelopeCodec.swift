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

  /// Checks that `payload` is a well-formed value in this codec before it is put on the wire.
  /// - Throws: ``ParleyError`` (`INTERNAL`, did not run) describing the problem.
  func validatePayload(_ payload: [UInt8]) throws(ParleyError)
}

extension EnvelopeCodec {
  /// Encodes `envelope` as a complete frame (length prefix included).
  public func frame(_ envelope: Envelope) -> [UInt8] {
    var bytes = FrameEncoder.begin()
    encode(envelope, into: &bytes)
    FrameEncoder.finish(&bytes)
    return bytes
  }
}
