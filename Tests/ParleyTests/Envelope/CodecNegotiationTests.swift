import Parley
import Testing

@Suite struct CodecNegotiationTests {
  static let both: [any EnvelopeCodec] = [BinaryEnvelopeCodec(), JSONEnvelopeCodec()]

  @Test(
    arguments: [
      (["binary", "json"], [WireCodec.binary, .json], WireCodec.binary),
      (["json", "binary"], [.binary, .json], .binary),  // binary is preferred whenever both speak it
      (["json", "binary"], [.json, .binary], .binary),
      (["json"], [.binary, .json], .json),  // a JSON-only client
      (["binary", "json"], [.json], .json),  // a JSON-only server
      (["future", "json"], [.binary, .json], .json),  // unknown names are skipped
      (["binary"], [.binary], .binary),
    ] as [([String], [WireCodec], WireCodec)])
  func choosesBinaryWhenBothSpeakItElseTheClientsOrder(
    _ offered: [String], _ supported: [WireCodec], _ expected: WireCodec
  ) {
    let codecs: [any EnvelopeCodec] = supported.map {
      $0 == .binary ? BinaryEnvelopeCodec() as any EnvelopeCodec : JSONEnvelopeCodec()
    }
    #expect(CodecNegotiation.choose(offered: offered, supported: codecs)?.id == expected)
  }

  @Test func noCommonCodecIsNil() {
    #expect(CodecNegotiation.choose(offered: ["binary"], supported: [JSONEnvelopeCodec()]) == nil)
    #expect(CodecNegotiation.choose(offered: [], supported: Self.both) == nil)
  }
}
