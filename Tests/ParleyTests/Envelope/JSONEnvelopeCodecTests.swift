import Parley
import Testing

@Suite struct JSONEnvelopeCodecTests {
  let codec = JSONEnvelopeCodec()

  private func encode(_ envelope: Envelope) -> String {
    var bytes: [UInt8] = []
    codec.encode(envelope, into: &bytes)
    return utf8Text(bytes)
  }

  @Test func encodesTheSpecsCallExactly() throws {
    let call = Envelope.call(
      id: 7, contract: "shop.orders", contractVersion: 3, service: "OrderService", method: "getOrder",
      timeoutMs: 2000,
      context: CallContext(root: "c0ffee42", chain: ["storefront", "OrderService"], depth: 2),
      payload: utf8Bytes(#"{"id":"ord_42"}"#))
    let json = encode(call)
    #expect(
      json
        == #"{"v":1,"kind":"call","id":7,"contract":"shop.orders","cv":3,"service":"OrderService","method":"getOrder","timeoutMs":2000,"ctx":{"root":"c0ffee42","chain":["storefront","OrderService"],"depth":2},"payload":{"id":"ord_42"}}"#
    )
    let decoded = try codec.decode(utf8Bytes(json))
    #expect(decoded.kind == .call && decoded.id == 7 && decoded.contract == "shop.orders")
    #expect(decoded.contractVersion == 3 && decoded.service == "OrderService" && decoded.method == "getOrder")
    #expect(decoded.timeoutMs == 2000)
    #expect(
      decoded.context == CallContext(root: "c0ffee42", chain: ["storefront", "OrderService"], depth: 2))
    #expect(decoded.payload.map(utf8Text) == #"{"id":"ord_42"}"#)
  }

  @Test func roundTripsFailedReplies() throws {
    var error = ParleyError.application(
      code: 404, name: "OrderNotFound", message: "no \"such\" order",
      payload: utf8Bytes(#"{"orderId":"ord_42"}"#))
    var decoded = try codec.decode(utf8Bytes(encode(.reply(id: 7, error: error))))
    #expect(decoded.ok == false && decoded.id == 7)
    #expect(decoded.error == error)

    error = .validationFailed([ParleyError.Violation(path: "items[0].qty", message: "must be at least 1")])
    decoded = try codec.decode(utf8Bytes(encode(.reply(id: 8, error: error))))
    #expect(decoded.error?.violations == error.violations)
    #expect(decoded.error?.mayHaveRun == false)
  }

  @Test func roundTripsTheHandshake() throws {
    var hello = Envelope(kind: .hello)
    hello.hello = Hello(
      codecs: ["binary", "json"], contracts: [ContractVersion(name: "shop.orders", version: 3)],
      name: "storefront",
      token: "t", maxFrame: 1024)
    #expect(try codec.decode(utf8Bytes(encode(hello))).hello == hello.hello)
    var welcome = Envelope(kind: .welcome)
    welcome.welcome = Welcome(
      codec: "json", maxFrame: 2048, heartbeatMs: 5000, maxInFlight: 64,
      contracts: [ServedContract(name: "shop.orders", version: 3, minimumVersion: 2)], name: "orders")
    #expect(try codec.decode(utf8Bytes(encode(welcome))).welcome == welcome.welcome)
    let reject = try codec.decode(utf8Bytes(encode(.closing(.reject, ParleyError(.versionMismatch, "old")))))
    #expect(reject.error?.code == .versionMismatch && reject.error?.message == "old")
  }

  @Test func ignoresUnknownMembersAndAcceptsDecimalStrings() throws {
    let decoded = try codec.decode(
      utf8Bytes(#" {"future":{"x":[1,2]},"v":1,"kind":"teleport","id":"18446744073709551615","extra":null} "#)
    )
    #expect(decoded.kind == EnvelopeKind(rawValue: "teleport"))
    #expect(!decoded.kind.isKnown)
    #expect(decoded.id == UInt64.max)
  }

  @Test(arguments: [
    "", "[]", #"{"kind":"call"}"#, #"{"v":1}"#, #"{"v":1,"kind":"call","id":-1}"#,
    #"{"v":1,"kind":"call","id":1.5}"#,
    #"{"v":1,"kind":7}"#, #"{"v":1,"kind":"call"} x"#,
  ])
  func rejectsBrokenEnvelopes(_ text: String) {
    #expect(throws: ParleyError.self) { try codec.decode(utf8Bytes(text)) }
  }

  @Test func escapedKeysMatchLikeTheirPlainSpelling() throws {
    let decoded = try codec.decode(utf8Bytes(#"{"v":1,"\u006bind":"call","i\u0064":3,"contract_":"x"}"#))
    #expect(decoded.kind == .call && decoded.id == 3 && decoded.contract == nil)
    #expect(JSONKey("contract") != JSONKey("contracts") && JSONKey("id") == JSONKey("id"))
  }

  @Test func unknownErrorCodesBecomeInternal() throws {
    let decoded = try codec.decode(
      utf8Bytes(#"{"v":1,"kind":"reply","id":1,"ok":false,"error":{"code":"FUTURE_CODE","message":"m"}}"#))
    #expect(decoded.error?.code == .internal)
    #expect(decoded.error?.message.contains("FUTURE_CODE") == true)
  }
}
