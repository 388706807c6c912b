import Testing

@testable import Parley

/// Whether two envelopes carry the same fields (``Envelope`` is not `Equatable`).
func sameEnvelope(_ a: Envelope, _ b: Envelope) -> Bool {
  a.version == b.version && a.kind == b.kind && a.id == b.id && a.contract == b.contract
    && a.contractVersion == b.contractVersion && a.service == b.service && a.method == b.method
    && a.timeoutMs == b.timeoutMs && a.context == b.context && a.payload == b.payload && a.ok == b.ok
    && a.error == b.error && a.credit == b.credit && a.hello == b.hello && a.welcome == b.welcome
    && a.from == b.from && a.auth == b.auth
}

@Suite struct BinaryEnvelopeCodecTests {
  let codec = BinaryEnvelopeCodec()

  private func encode(_ envelope: Envelope) -> [UInt8] {
    var bytes: [UInt8] = []
    codec.encode(envelope, into: &bytes)
    return bytes
  }

  /// An envelope of `kind` with every field its kind can carry set to a non-default value.
  static func full(_ kind: EnvelopeKind) -> Envelope {
    var envelope = Envelope(kind: kind, id: 0xFFFF_FFFF_FFFF_FFFF)
    envelope.contract = "shop.orders"
    envelope.contractVersion = -3
    envelope.service = "OrderService"
    envelope.method = "getOrder"
    envelope.timeoutMs = Int64.min
    envelope.context = CallContext(root: "c0ffee42", chain: ["storefront", "OrderService", ""], depth: 2)
    envelope.payload = [0x0A, 0x06] + Array("ord_42".utf8) + [0x00, 0xFF]
    envelope.ok = false
    envelope.credit = 32
    envelope.from = PeerIdentity(
      credentials: PeerCredentials(uid: 1000, gid: UInt32.max, pid: -1), name: "storefront",
      address: "unix:/tmp/x.sock")
    switch kind {
    case .reject, .goaway:
      envelope.error = ParleyError(.versionMismatch, "version 5 is not served", mayHaveRun: false)
    case .hello:
      envelope.hello = Hello(
        codecs: ["binary", "json", "future"], contracts: [ContractVersion(name: "shop.orders", version: 3)],
        name: "storefront", token: "legacy", maxFrame: 1 << 20)
    case .welcome:
      envelope.welcome = Welcome(
        codec: "binary", maxFrame: 2048, heartbeatMs: 5000, maxInFlight: Int.max,
        contracts: [
          ServedContract(name: "shop.orders", version: 3, minimumVersion: 2),
          ServedContract(name: "b", version: 1, minimumVersion: 1),
        ], name: "orders", proof: Array(0..<32))
    case .auth:
      envelope.auth = AuthExchange(challenge: Array(0..<32), nonce: Array(32..<64), proof: [1, 2, 3])
    case .streamEnd:
      envelope.error = .validationFailed([
        ParleyError.Violation(path: "items[0].qty", message: "0 is below the minimum 1"),
        ParleyError.Violation(path: "", message: "é"),
      ])
    default:
      var error = ParleyError.application(
        code: -404, name: "OrderNotFound", message: "no such order", payload: [0x0A, 0x01, 0x61])
      error.mayHaveRun = false
      envelope.error = error
    }
    return envelope
  }

  static let everyKind: [EnvelopeKind] = [
    .hello, .welcome, .reject, .call, .reply, .oneway, .subscribe, .unsubscribe, .event, .streamItem,
    .streamEnd, .cancel, .register, .ping, .pong, .goaway, .auth,
  ]

  @Test(arguments: everyKind)
  func roundTripsEveryFieldOfEveryKind(_ kind: EnvelopeKind) throws {
    let envelope = Self.full(kind)
    let bytes = encode(envelope)
    let decoded = try codec.decode(bytes)
    #expect(sameEnvelope(decoded, envelope))
    #expect(bytes.first == 0x08, "a binary envelope starts with the tag of field 1")
  }

  @Test(arguments: everyKind)
  func roundTripsTheMinimalEnvelopeOfEveryKind(_ kind: EnvelopeKind) throws {
    var envelope = Envelope(kind: kind)
    switch kind {
    case .welcome: envelope.welcome = Welcome(codec: "json", maxFrame: 1, heartbeatMs: 0, maxInFlight: 1)
    case .hello: envelope.hello = Hello(codecs: ["json"])
    case .auth: envelope.auth = AuthExchange()
    case .reject, .goaway: envelope.error = ParleyError(.protocolError, "", mayHaveRun: false)
    default: break
    }
    #expect(sameEnvelope(try codec.decode(encode(envelope)), envelope))
  }

  @Test func kindNumbersAreTheSpecsOrder() {
    #expect(BinaryEnvelopeLayout.kindNumbers.map(\.number) == Array(1...17))
    #expect(BinaryEnvelopeLayout.kindNumbers.map(\.kind) == Self.everyKind)
    for (kind, number) in BinaryEnvelopeLayout.kindNumbers {
      #expect(BinaryEnvelopeLayout.number(of: kind) == number)
      #expect(BinaryEnvelopeLayout.kind(number: UInt64(number)) == kind)
    }
  }

  /// The example of `docs/wire-protocol.md`, byte for byte.
  @Test func encodesTheDocumentedCallExactly() throws {
    let call = Envelope.call(
      id: 7, contract: "shop.orders", contractVersion: 3, service: "OrderService", method: "getOrder",
      timeoutMs: 2000, context: CallContext(root: "c0ffee42", chain: ["OrderService"], depth: 1),
      payload: [0x0A, 0x06] + Array("ord_42".utf8))
    let expected: [UInt8] =
      [0x08, 0x02, 0x10, 0x04, 0x18, 0x07]
      + [0x22, 0x0B] + Array("shop.orders".utf8)
      + [0x28, 0x06]
      + [0x32, 0x0C] + Array("OrderService".utf8)
      + [0x3A, 0x08] + Array("getOrder".utf8)
      + [0x40, 0xA0, 0x1F]
      + [0x4A, 0x1B, 0x0A, 0x08] + Array("c0ffee42".utf8) + [0x12, 0x0D, 0x0C] + Array("OrderService".utf8)
      + [0x18, 0x02]
      + [0x5A, 0x08, 0x0A, 0x06] + Array("ord_42".utf8)
    #expect(encode(call) == expected)
    #expect(expected.count == 87)

    let reply = Envelope.reply(id: 7, payload: [0x0A, 0x06] + Array("ord_42".utf8))
    #expect(
      encode(reply) == [0x08, 0x02, 0x10, 0x05, 0x18, 0x07, 0x50, 0x01, 0x5A, 0x08, 0x0A, 0x06]
        + Array("ord_42".utf8))
    #expect(encode(Envelope(kind: .ping, id: 1)) == [0x08, 0x02, 0x10, 0x0E, 0x18, 0x01])
    let goaway = codec.frame(.closing(.goaway, ParleyError(.shuttingDown, "bye", mayHaveRun: false)))
    #expect(
      goaway
        == [0x00, 0x00, 0x00, 0x1C, 0x08, 0x02, 0x10, 0x10, 0x6A, 0x16, 0x0A, 0x0D]
        + Array("SHUTTING_DOWN".utf8)
        + [0x12, 0x03] + Array("bye".utf8) + [0x18, 0x00])
    var json: [UInt8] = []
    JSONEnvelopeCodec().encode(call, into: &json)
    #expect(json.count - 8 + 15 == 209)  // with the JSON payload {"id":"ord_42"} (15 bytes)
  }

  @Test func skipsUnknownFieldsEverywhere() throws {
    // A newer writer's fields: 99 (varint), 100 (length-delimited), 101 (fixed32), 102 (fixed64).
    let unknown: [UInt8] =
      [0x98, 0x06, 0x2A, 0xA2, 0x06, 0x02, 0xFF, 0xFF, 0xAD, 0x06, 1, 2, 3, 4]
      + [0xB1, 0x06, 1, 2, 3, 4, 5, 6, 7, 8]
    let bytes: [UInt8] =
      [0x08, 0x02] + unknown + [0x10, 0x05, 0x18, 0x07]
      + [0x4A, UInt8(2 + unknown.count)] + [0x18, 0x04] + unknown
      + [0x6A, UInt8(4 + unknown.count), 0x0A, 0x02] + Array("OK".utf8) + unknown
    let envelope = try codec.decode(bytes)
    #expect(envelope.kind == .reply && envelope.id == 7)
    #expect(envelope.context == CallContext(root: "", chain: [], depth: 2))
    #expect(envelope.error?.code == .internal)
    #expect(envelope.error?.message.contains("unknown error code OK") == true)
  }

  @Test func unknownKindsStayUnknown() throws {
    let byNumber = try codec.decode([0x08, 0x02, 0x10, 0x63, 0x18, 0x05])
    #expect(byNumber.kind.rawValue == "#99" && !byNumber.kind.isKnown && byNumber.id == 5)
    let custom = Envelope(kind: EnvelopeKind(rawValue: "futureKind"), id: 3)
    let byName = try codec.decode(encode(custom))
    #expect(byName.kind.rawValue == "futureKind" && byName.id == 3)
  }

  @Test func acceptsJSONEnvelopes() throws {
    let json = JSONEnvelopeCodec().frame(.closing(.goaway, ParleyError(.shuttingDown, "bye")))
    let envelope = try codec.decode(Array(json.dropFirst(4)))
    #expect(envelope.kind == .goaway && envelope.error?.code == .shuttingDown)
  }

  @Test func acceptsAnyPayload() throws {
    try codec.validatePayload(Array("{not a message".utf8))
    let reply = Envelope.reply(id: 1, payload: Array("{\"json\":true}".utf8))
    #expect(try codec.decode(encode(reply)).payload == reply.payload)
  }

  @Test(arguments: [
    ([0x10, 0x04] as [UInt8], "without field 1"),
    ([0x08, 0x02], "without field 2"),
    ([0x08, 0x02, 0x10, 0x02], "welcome without"),
    ([0x08, 0x02, 0x10, 0x04, 0x22, 0x05, 0x61], "exceeds"),
    ([0x08, 0x02, 0x10, 0x04, 0x22, 0x01, 0xFF], "UTF-8"),
    ([0x08, 0x02, 0x1A, 0x00], "wire type"),
    ([0x00], "field number 0"),
    ([0x08], "ends early"),
  ])
  func rejectsMalformedEnvelopes(_ bytes: [UInt8], _ expected: String) {
    do {
      _ = try codec.decode(bytes)
      Issue.record("decoded \(bytes)")
    } catch {
      #expect(error.code == .protocolError)
      #expect(
        error.message.lowercased().contains(expected.lowercased()),
        "\(error.message) should mention \(expected)")
    }
  }
}
