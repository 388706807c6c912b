import Parley
import Testing

/// The `payloadCodec` marker in both envelope codecs (`docs/wire-protocol.md`, "Payload codec").
@Suite struct PayloadCodecTests {
  private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  @Test func absentMarkerIsNotWrittenAndReadsAsNil() throws {
    let reply = Envelope.reply(id: 7, payload: Array(#"{"a":1}"#.utf8))
    let json = JSONEnvelopeCodec()
    #expect(!text(json.frame(reply)).contains("payloadCodec"))
    #expect(
      try json.decode(Array(#"{"v":1,"kind":"reply","id":7,"ok":true,"payload":{"a":1}}"#.utf8)).payloadCodec
        == nil)
    let binary = BinaryEnvelopeCodec()
    var bytes: [UInt8] = []
    binary.encode(reply, into: &bytes)
    #expect(try binary.decode(bytes).payloadCodec == nil)
  }

  @Test func jsonEnvelopeCarriesABinaryPayloadAsBase64() throws {
    var reply = Envelope.reply(id: 7, payload: [0x0A, 0x01, 0xFF])
    reply.payloadCodec = .binary
    let codec = JSONEnvelopeCodec()
    var bytes: [UInt8] = []
    codec.encode(reply, into: &bytes)
    #expect(
      text(bytes) == #"{"v":1,"kind":"reply","id":7,"ok":true,"payload":"CgH/","payloadCodec":"binary"}"#)
    let decoded = try codec.decode(bytes)
    #expect(decoded.payload == [0x0A, 0x01, 0xFF])
    #expect(decoded.payloadCodec == .binary)
    // Members in any order.
    let reordered = try codec.decode(
      Array(#"{"payloadCodec":"binary","v":1,"kind":"reply","id":7,"ok":true,"payload":"CgH/"}"#.utf8))
    #expect(reordered.payload == [0x0A, 0x01, 0xFF])
  }

  @Test func jsonEnvelopeCarriesABinaryErrorPayloadAsBase64() throws {
    var reply = Envelope.reply(
      id: 3, error: ParleyError.application(code: 404, name: "Missing", message: "no", payload: [0x0A, 0x00]))
    reply.payloadCodec = .binary
    let codec = JSONEnvelopeCodec()
    var bytes: [UInt8] = []
    codec.encode(reply, into: &bytes)
    #expect(text(bytes).contains(#""payload":"CgA=""#))
    let decoded = try codec.decode(bytes)
    #expect(decoded.error?.application?.payload == [0x0A, 0x00])
    #expect(decoded.error?.application?.name == "Missing")
  }

  @Test func jsonPayloadMarkerKeepsTheJSONValue() throws {
    var call = Envelope.call(
      id: 1, contract: "c", contractVersion: 1, service: "S", method: "m", timeoutMs: nil, context: nil,
      payload: Array(#"{"x":[1,2]}"#.utf8))
    call.payloadCodec = .json
    let codec = JSONEnvelopeCodec()
    var bytes: [UInt8] = []
    codec.encode(call, into: &bytes)
    let decoded = try codec.decode(bytes)
    #expect(decoded.payload.map(text) == #"{"x":[1,2]}"#)
    #expect(decoded.payloadCodec == .json)
  }

  @Test func binaryEnvelopeWritesTheMarkerAsField18() throws {
    var reply = Envelope.reply(id: 7, payload: Array(#"{}"#.utf8))
    reply.payloadCodec = .json
    let codec = BinaryEnvelopeCodec()
    var bytes: [UInt8] = []
    codec.encode(reply, into: &bytes)
    // v=1, reply, id 7, ok, payload "{}", then field 18 (tag 0x92 0x01) "json".
    #expect(
      bytes == [0x08, 0x02, 0x10, 0x05, 0x18, 0x07, 0x50, 0x01, 0x5A, 0x02, 0x7B, 0x7D, 0x92, 0x01, 0x04]
        + Array("json".utf8))
    let decoded = try codec.decode(bytes)
    #expect(decoded.payloadCodec == .json)
    #expect(decoded.payload == Array("{}".utf8))
  }

  @Test func unknownMarkerOrBadBase64IsAProtocolError() {
    let codec = JSONEnvelopeCodec()
    for bad in [
      #"{"v":1,"kind":"reply","id":7,"ok":true,"payload":{},"payloadCodec":"cbor"}"#,
      #"{"v":1,"kind":"reply","id":7,"ok":true,"payload":{},"payloadCodec":"binary"}"#,
      #"{"v":1,"kind":"reply","id":7,"ok":true,"payload":"**","payloadCodec":"binary"}"#,
    ] {
      #expect(throws: ParleyError.self) { try codec.decode(Array(bad.utf8)) }
    }
    let binary: [UInt8] = [0x08, 0x02, 0x10, 0x05, 0x92, 0x01, 0x04] + Array("cbor".utf8)
    #expect(throws: ParleyError.self) { try BinaryEnvelopeCodec().decode(binary) }
  }
}
