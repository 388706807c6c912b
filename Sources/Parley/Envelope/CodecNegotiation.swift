/// How a server picks the codec of a connection from the codecs a client offers in `hello`
/// (`docs/wire-protocol.md`, "Negotiation").
///
/// ```swift
/// CodecNegotiation.choose(offered: ["json", "binary"], supported: [BinaryEnvelopeCodec(), JSONEnvelopeCodec()])
/// // BinaryEnvelopeCodec: both peers speak binary
/// CodecNegotiation.choose(offered: ["json"], supported: [BinaryEnvelopeCodec(), JSONEnvelopeCodec()])
/// // JSONEnvelopeCodec: the fallback
/// ```
public enum CodecNegotiation {
  /// The codec to use: `binary` when the client offers it and the server supports it (the compact
  /// codec is preferred whenever both peers speak it); otherwise the first of the client's offers
  /// the server supports, in the client's order; `nil` when there is none (the server rejects).
  public static func choose(offered: [String], supported: [any EnvelopeCodec]) -> (any EnvelopeCodec)? {
    if offered.contains(WireCodec.binary.rawValue),
      let binary = supported.first(where: { $0.id == .binary })
    {
      return binary
    }
    for name in offered {
      if let codec = supported.first(where: { $0.id.rawValue == name }) { return codec }
    }
    return nil
  }
}
