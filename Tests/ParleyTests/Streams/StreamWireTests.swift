import Parley
import Testing

/// The stream envelopes byte for byte, as `docs/wire-protocol.md` shows them.
@Suite struct StreamWireTests {
  let codec = JSONEnvelopeCodec()

  func text(_ envelope: Envelope) -> String {
    var bytes: [UInt8] = []
    codec.encode(envelope, into: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func openingCallCarriesTheCreditWindow() {
    var call = Envelope.call(
      id: 3, contract: "demo.count", contractVersion: 1, service: "Counter", method: "countTo",
      timeoutMs: nil,
      context: CallContext(root: "5e1f0c2a9b7d3e41", chain: ["Counter"], depth: 1),
      payload: utf8Bytes(#"{"n":2}"#))
    call.credit = 32
    #expect(
      text(call)
        == #"{"v":1,"kind":"call","id":3,"contract":"demo.count","cv":1,"service":"Counter","method":"countTo","ctx":{"root":"5e1f0c2a9b7d3e41","chain":["Counter"],"depth":1},"payload":{"n":2},"credit":32}"#
    )
  }

  @Test func itemsEndsAndCredit() throws {
    var item = Envelope(kind: .streamItem, id: 3)
    item.payload = utf8Bytes("1")
    #expect(text(item) == #"{"v":1,"kind":"streamItem","id":3,"payload":1}"#)
    #expect(text(.streamCredit(id: 3, credit: 16)) == #"{"v":1,"kind":"streamItem","id":3,"credit":16}"#)
    #expect(text(.streamEnd(id: 3, error: nil)) == #"{"v":1,"kind":"streamEnd","id":3,"ok":true}"#)
    let failed = Envelope.streamEnd(
      id: 3,
      error: ParleyError(
        .application, "no more items", mayHaveRun: true,
        application: .init(code: 409, name: "Exhausted", payload: utf8Bytes(#"{"after":2}"#))))
    #expect(
      text(failed)
        == #"{"v":1,"kind":"streamEnd","id":3,"ok":false,"error":{"code":"APPLICATION","message":"no more items","mayHaveRun":true,"app":409,"name":"Exhausted","payload":{"after":2}}}"#
    )
    let decoded = try codec.decode(utf8Bytes(text(failed)))
    #expect(decoded.kind == .streamEnd)
    #expect(decoded.ok == false)
    #expect(decoded.error?.application?.name == "Exhausted")
    #expect(try codec.decode(utf8Bytes(#"{"v":1,"kind":"streamItem","id":"3","credit":16}"#)).credit == 16)
  }
}
