import Testing

@testable import Parley

/// ``EnvelopeCodec/decode(frameBody:)``: the same envelope as ``EnvelopeCodec/decode(_:)``, with
/// the payload kept in the frame body's own storage when the caller hands the body over.
@Suite struct FrameBodyDecodingTests {
  static let codecs: [any EnvelopeCodec] = [BinaryEnvelopeCodec(), JSONEnvelopeCodec()]

  private static func body(_ envelope: Envelope, _ codec: any EnvelopeCodec) -> [UInt8] {
    var bytes: [UInt8] = []
    codec.encode(envelope, into: &bytes)
    return bytes
  }

  private static func call(payload: [UInt8]) -> Envelope {
    var envelope = Envelope.call(
      id: 7, contract: "shop.orders", contractVersion: 1, service: "OrderService", method: "getOrder",
      timeoutMs: 250, context: CallContext(root: "0123456789abcdef", chain: ["OrderService"], depth: 1),
      payload: payload)
    envelope.credit = 16  // a field after the payload, cut off in place
    return envelope
  }

  @Test(arguments: [0, 1])
  func handedOverBodiesBecomeThePayload(codecIndex: Int) throws {
    let codec = Self.codecs[codecIndex]
    let payload = utf8Bytes(#"{"id":"ord_42","note":"\#(String(repeating: "x", count: 300))"}"#)
    let envelope = Self.call(payload: payload)
    var frame = Self.body(envelope, codec)
    let storage = frame.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    let decoded = try codec.decode(frameBody: consume frame)
    #expect(sameEnvelope(decoded, envelope))
    let kept = try #require(decoded.payload).withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    #expect(kept == storage)
    frame = []  // the variable may be reused after `consume`
    #expect(frame.isEmpty)
  }

  @Test(arguments: [0, 1])
  func sharedBodiesAreLeftIntact(codecIndex: Int) throws {
    let codec = Self.codecs[codecIndex]
    let envelope = Self.call(payload: utf8Bytes(#"[1,2,3]"#))
    let frame = Self.body(envelope, codec)
    let copy = frame
    let decoded = try codec.decode(frameBody: frame)
    #expect(sameEnvelope(decoded, envelope))
    #expect(frame == copy)
    #expect(sameEnvelope(try codec.decode(frame), envelope))
  }

  @Test func envelopesWithoutPayloadAndMarkedBinaryPayloads() throws {
    for codec in Self.codecs {
      let ping = Envelope(kind: .ping, id: 3)
      #expect(sameEnvelope(try codec.decode(frameBody: Self.body(ping, codec)), ping))
      var forwarded = Self.call(payload: [0x0A, 0x02, 0xFF, 0x00])
      forwarded.payloadCodec = .binary
      let decoded = try codec.decode(frameBody: Self.body(forwarded, codec))
      #expect(decoded.payload == forwarded.payload)
      #expect(decoded.payloadCodec == .binary)
    }
  }

  @Test func aJSONFrameOnABinaryConnectionToo() throws {
    let envelope = Self.call(payload: utf8Bytes(#"{"a":1}"#))
    let frame = Self.body(envelope, JSONEnvelopeCodec())
    #expect(sameEnvelope(try BinaryEnvelopeCodec().decode(frameBody: frame), envelope))
  }

  @Test func malformedBodiesFailAsBefore() {
    var random = CodecRandom(seed: 0xF2A3_0009)
    for codec in Self.codecs {
      let good = Self.body(Self.call(payload: utf8Bytes(#"{"id":"ord_42"}"#)), codec)
      for _ in 0..<2_000 {
        var bad = good
        let index = Int.random(in: 0..<bad.count, using: &random)
        bad[index] = UInt8.random(in: 0...255, using: &random)
        if Bool.random(using: &random) { bad.removeLast(Int.random(in: 0..<bad.count, using: &random)) }
        let viaCopy = Result { () throws(ParleyError) in try codec.decode(bad) }
        let viaBody = Result { () throws(ParleyError) in try codec.decode(frameBody: bad) }
        switch (viaCopy, viaBody) {
        case (.success(let a), .success(let b)): #expect(sameEnvelope(a, b))
        case (.failure(let a), .failure(let b)): #expect(a == b)
        default: Issue.record("decode and decode(frameBody:) disagree on \(bad)")
        }
      }
    }
  }
}
