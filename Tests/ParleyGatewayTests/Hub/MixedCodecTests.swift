import Parley
import Synchronization
import Testing

/// Callers and services of one hub that negotiated different envelope codecs: the payload's codec
/// travels with each call (`payloadCodec`), so every hop decodes right
/// (`docs/wire-protocol.md`, "Payload codec").
@Suite(.timeLimit(.minutes(2))) struct MixedCodecTests {
  /// A one-field message `{1 text: string}`, strictly in one codec, the way generated code
  /// encodes and decodes payloads: JSON `{"text":"…"}` or binary `0a <len> <utf8>`.
  enum Text {
    static func encode(_ value: String, _ codec: WireCodec) -> [UInt8] {
      let utf8 = Array(value.utf8)
      switch codec {
      case .json: return Array(#"{"text":"\#(value)"}"#.utf8)
      case .binary: return [0x0A, UInt8(utf8.count)] + utf8
      }
    }

    static func decode(_ bytes: [UInt8], _ codec: WireCodec) throws -> String {
      switch codec {
      case .json:
        let text = String(decoding: bytes, as: UTF8.self)
        let prefix = #"{"text":""#
        guard text.hasPrefix(prefix), text.hasSuffix(#""}"#) else {
          throw ParleyError(.decodeFailed, "not a JSON Text: \(bytes)")
        }
        return String(text.dropFirst(prefix.count).dropLast(2))
      case .binary:
        guard bytes.count >= 2, bytes[0] == 0x0A, Int(bytes[1]) == bytes.count - 2 else {
          throw ParleyError(.decodeFailed, "not a binary Text: \(bytes)")
        }
        return String(decoding: bytes[2...], as: UTF8.self)
      }
    }
  }

  /// What the service saw: the codec of each request and the oneway texts.
  final class Probe: Sendable {
    let codecs = Mutex<[WireCodec]>([])
    let notes = Mutex<[String]>([])
  }

  /// `upper` answers the text in capitals; `fail` throws a declared error whose payload is the
  /// text; `note` (oneway) records it; `spell` streams its characters. All decode the request
  /// and encode what they send in `call.codec`, as generated registrations do.
  static func service(_ probe: Probe) -> ServiceRegistration {
    var service = ServiceRegistration(
      contract: "test.mixed", version: 1, service: "Words", payloadCodecs: Set(WireCodec.allCases))
    service.method("upper") { call in
      probe.codecs.withLock { $0.append(call.codec) }
      return Text.encode(try Text.decode(call.payload, call.codec).uppercased(), call.codec)
    }
    service.method("fail") { call in
      let text = try Text.decode(call.payload, call.codec)
      throw ParleyError.application(
        code: 404, name: "Missing", message: "no \(text)", payload: Text.encode(text, call.codec))
    }
    service.oneway("note") { call in
      let text = try Text.decode(call.payload, call.codec)
      probe.notes.withLock { $0.append(text) }
    }
    service.stream("spell") { call, writer in
      for character in try Text.decode(call.payload, call.codec) {
        try await writer.send(Text.encode(String(character), call.codec))
      }
    }
    return service
  }

  /// A hub offering both codecs, a service speaking only `serviceCodec`, a caller only
  /// `callerCodec` (the default codecs when `nil`) whose payloads are in `payloads` (else its
  /// connection's codec).
  private func run(
    service serviceCodec: any EnvelopeCodec, caller callerCodec: (any EnvelopeCodec)?,
    payloads: WireCodec? = nil,
    _ body: @escaping @Sendable (GatewayClient, Probe) async throws -> Void
  ) async throws {
    var hubConfiguration = GatewayConfiguration()
    hubConfiguration.server.codecs = [BinaryEnvelopeCodec(), JSONEnvelopeCodec()]
    let harness = try await GatewayHarness.start(configuration: hubConfiguration)
    let probe = Probe()
    var serviceConfiguration = GatewayServiceConfiguration(name: "words")
    serviceConfiguration.reconnects = false
    serviceConfiguration.client.codecs = [serviceCodec]
    let link = try await GatewayServiceLink.connect(
      to: harness.endpoint, services: [Self.service(probe)], configuration: serviceConfiguration)
    var callerConfiguration = ClientConfiguration()
    callerConfiguration.name = "caller"
    if let callerCodec { callerConfiguration.codecs = [callerCodec] }
    let client = try await GatewayClient.connect(to: harness.endpoint, configuration: callerConfiguration)
    #expect(client.connection.codec == callerCodec?.id ?? .binary)
    #expect(harness.hub.status().services.contains { $0.service == "Words" })
    do {
      try await withTimeout { try await body(client, probe) }
    } catch {
      await client.close()
      await link.close()
      await harness.stop()
      throw error
    }
    let expected = payloads ?? client.connection.codec
    #expect(probe.codecs.withLock { $0 }.allSatisfy { $0 == expected })
    await client.close()
    await link.close()
    await harness.stop()
  }

  /// Every kind of payload through the hub, decoded by the caller in its connection's codec.
  private static func exercise(_ client: GatewayClient, _ probe: Probe) async throws {
    let codec = client.connection.codec
    let reply = try await client.call(
      contract: "test.mixed", version: 1, service: "Words", method: "upper",
      payload: Text.encode("hello", codec), payloadCodec: codec, options: CallOptions())
    #expect(try Text.decode(reply, codec) == "HELLO")

    let failure = await parleyError {
      _ = try await client.call(
        contract: "test.mixed", version: 1, service: "Words", method: "fail",
        payload: Text.encode("cheese", codec), payloadCodec: codec, options: CallOptions())
    }
    #expect(failure?.code == .application)
    #expect(failure?.application?.name == "Missing")
    #expect(try failure?.application.map { try Text.decode($0.payload, codec) } == "cheese")

    try client.oneway(
      contract: "test.mixed", version: 1, service: "Words", method: "note",
      payload: Text.encode("memo", codec), payloadCodec: codec)
    #expect(await eventually { probe.notes.withLock { $0 } == ["memo"] })

    var letters: [String] = []
    for try await item in try await client.stream(
      contract: "test.mixed", version: 1, service: "Words", method: "spell",
      payload: Text.encode("abc", codec), payloadCodec: codec, options: CallOptions())
    {
      letters.append(try Text.decode(item, codec))
    }
    #expect(letters == ["a", "b", "c"])
  }

  /// What a person or `parley call` does: JSON text through the untyped API without naming a
  /// codec (JSON is the default) over a caller connection that negotiated binary by default.
  private static func exerciseJSONText(_ client: GatewayClient, _ probe: Probe) async throws {
    #expect(client.connection.codec == .binary)
    let reply = try await client.connection.call(
      contract: "test.mixed", version: 1, service: "Words", method: "upper", payload: Text.encode("hi", .json)
    )
    #expect(try Text.decode(reply, .json) == "HI")

    let failure = await parleyError {
      _ = try await client.connection.call(
        contract: "test.mixed", version: 1, service: "Words", method: "fail",
        payload: Text.encode("cheese", .json))
    }
    #expect(failure?.code == .application)
    #expect(try failure?.application.map { try Text.decode($0.payload, .json) } == "cheese")

    try client.connection.oneway(
      contract: "test.mixed", version: 1, service: "Words", method: "note",
      payload: Text.encode("memo", .json))
    #expect(await eventually { probe.notes.withLock { $0 } == ["memo"] })

    var letters: [String] = []
    for try await item in try await client.connection.stream(
      contract: "test.mixed", version: 1, service: "Words", method: "spell",
      payload: Text.encode("abc", .json))
    {
      letters.append(try Text.decode(item, .json))
    }
    #expect(letters == ["a", "b", "c"])
  }

  @Test func jsonTextFromADefaultCallerReachesABinaryService() async throws {
    try await run(service: BinaryEnvelopeCodec(), caller: nil, payloads: .json) { client, probe in
      try await Self.exerciseJSONText(client, probe)
    }
  }

  @Test func jsonTextFromADefaultCallerReachesAJSONService() async throws {
    try await run(service: JSONEnvelopeCodec(), caller: nil, payloads: .json) { client, probe in
      try await Self.exerciseJSONText(client, probe)
    }
  }

  @Test func jsonCallerReachesBinaryService() async throws {
    try await run(service: BinaryEnvelopeCodec(), caller: JSONEnvelopeCodec()) { client, probe in
      try await Self.exercise(client, probe)
    }
  }

  @Test func binaryCallerReachesJSONService() async throws {
    try await run(service: JSONEnvelopeCodec(), caller: BinaryEnvelopeCodec()) { client, probe in
      try await Self.exercise(client, probe)
    }
  }

  @Test func sameCodecOnBothHopsStillWorks() async throws {
    try await run(service: BinaryEnvelopeCodec(), caller: BinaryEnvelopeCodec()) { client, probe in
      try await Self.exercise(client, probe)
    }
  }
}
