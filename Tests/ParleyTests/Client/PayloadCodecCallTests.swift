import Parley
import Synchronization
import Testing

/// The untyped API states its payload's codec (`payloadCodec`, JSON unless given), so JSON text
/// works over connections that negotiated binary, which clients now offer first by default; and a
/// registration's handlers only see the payload codecs it declares (`docs/runtime.md`, "Codec
/// negotiation").
extension RuntimeSocketSuites {
  @Suite(.serialized) struct PayloadCodecCallTests {
    /// What the handlers saw: the codec of each call and the oneway payloads.
    final class Probe: Sendable {
      let codecs = Mutex<[WireCodec]>([])
      let notes = Mutex<[String]>([])
      let ran = Atomic<Int>(0)
    }

    /// A service written for JSON text, as a person writes one (default `payloadCodecs`).
    static func jsonService(_ probe: Probe) -> ServiceRegistration {
      var service = ServiceRegistration(contract: "test.words", version: 1, service: "Words")
      service.method("upper") { call in
        probe.codecs.withLock { $0.append(call.codec) }
        probe.ran.add(1, ordering: .relaxed)
        return utf8Bytes(utf8Text(call.payload).uppercased())
      }
      service.method("fail") { call in
        probe.ran.add(1, ordering: .relaxed)
        throw ParleyError.application(
          code: 404, name: "Missing", message: "no such word", payload: utf8Bytes(#"{"word":"cheese"}"#))
      }
      service.oneway("note") { call in
        probe.ran.add(1, ordering: .relaxed)
        probe.notes.withLock { $0.append(utf8Text(call.payload)) }
      }
      service.stream("count") { call, writer in
        probe.ran.add(1, ordering: .relaxed)
        for n in 1...3 { try await writer.send(utf8Bytes("{\"n\":\(n)}")) }
      }
      return service
    }

    @Test(arguments: TransportKind.allCases)
    func jsonTextOverABinaryConnection(_ kind: TransportKind) async throws {
      let probe = Probe()
      let harness = try await Harness.make(kind, services: [Self.jsonService(probe)])
      let connection = harness.connection
      #expect(connection.codec == .binary, "clients offer binary first by default")

      let reply = try await connection.call(
        contract: "test.words", version: 1, service: "Words", method: "upper", payload: utf8Bytes(#""hi""#))
      #expect(utf8Text(reply) == #""HI""#)
      #expect(probe.codecs.withLock { $0 } == [.json])

      let failure = await expectParleyError(.application) {
        _ = try await connection.call(
          contract: "test.words", version: 1, service: "Words", method: "fail", payload: utf8Bytes("{}"))
      }
      #expect(
        failure?.application
          == ParleyError.Application(code: 404, name: "Missing", payload: utf8Bytes(#"{"word":"cheese"}"#)))

      try connection.oneway(
        contract: "test.words", version: 1, service: "Words", method: "note", payload: utf8Bytes(#""memo""#))
      #expect(await eventually { probe.notes.withLock { $0 } == [#""memo""#] })

      var items: [String] = []
      for try await item in try await connection.stream(
        contract: "test.words", version: 1, service: "Words", method: "count", payload: utf8Bytes("{}"))
      {
        items.append(utf8Text(item))
      }
      #expect(items == [#"{"n":1}"#, #"{"n":2}"#, #"{"n":3}"#])

      // JSON text is still checked before it is sent, whatever the connection's codec.
      let malformed = await expectParleyError(.internal) {
        _ = try await connection.call(
          contract: "test.words", version: 1, service: "Words", method: "upper",
          payload: utf8Bytes("{not json"))
      }
      #expect(malformed?.mayHaveRun == false)
      await harness.tearDown()
    }

    @Test func jsonTextThroughAParleyClient() async throws {
      let probe = Probe()
      let harness = try await Harness.make(.unix, services: [Self.jsonService(probe)])
      let endpoint = try #require(harness.endpoint)
      let client = try await ParleyClient.connect(to: endpoint)
      #expect(client.codec == .binary)
      let reply = try await client.call(
        contract: "test.words", version: 1, service: "Words", method: "upper", payload: utf8Bytes(#""a""#))
      #expect(utf8Text(reply) == #""A""#)
      try client.oneway(
        contract: "test.words", version: 1, service: "Words", method: "note", payload: utf8Bytes(#""b""#))
      #expect(await eventually { probe.notes.withLock { $0 } == [#""b""#] })
      var count = 0
      for try await _ in try await client.stream(
        contract: "test.words", version: 1, service: "Words", method: "count", payload: utf8Bytes("{}"))
      {
        count += 1
      }
      #expect(count == 3)
      #expect(probe.codecs.withLock { $0 } == [.json])
      await client.close()
      await harness.tearDown()
    }

    @Test func aJSONOnlyRegistrationRefusesBinaryPayloads() async throws {
      let probe = Probe()
      let harness = try await Harness.make(.unix, services: [Self.jsonService(probe)])
      let connection = harness.connection
      let binary: [UInt8] = [0x0A, 0x02, 0x68, 0x69]  // {1: "hi"} as generated code writes it

      let refused = await expectParleyError(.decodeFailed) {
        _ = try await connection.call(
          contract: "test.words", version: 1, service: "Words", method: "upper", payload: binary,
          payloadCodec: .binary)
      }
      #expect(refused?.mayHaveRun == false)
      #expect(refused?.message.contains("reads json payloads only") == true, "\(String(describing: refused))")
      #expect(refused?.message.contains("payload is binary") == true)
      #expect(refused?.service == "Words" && refused?.method == "upper")

      do {
        for try await _ in try await connection.stream(
          contract: "test.words", version: 1, service: "Words", method: "count", payload: binary,
          payloadCodec: .binary)
        {
          Issue.record("no item expected")
        }
        Issue.record("expected DECODE_FAILED")
      } catch let error as ParleyError {
        #expect(error.code == .decodeFailed)
        #expect(!error.mayHaveRun)
      }

      // A oneway has no reply: it is dropped before the handler; a JSON one still runs.
      try connection.oneway(
        contract: "test.words", version: 1, service: "Words", method: "note", payload: binary,
        payloadCodec: .binary)
      try connection.oneway(
        contract: "test.words", version: 1, service: "Words", method: "note", payload: utf8Bytes(#""ok""#))
      #expect(await eventually { probe.notes.withLock { $0 } == [#""ok""#] })
      #expect(probe.ran.load(ordering: .relaxed) == 1, "no handler saw a binary payload")
      await harness.tearDown()
    }

    @Test func aRegistrationDeclaringBothCodecsGetsBinaryPayloads() async throws {
      var service = ServiceRegistration(
        contract: "test.words", version: 1, service: "Words", payloadCodecs: Set(WireCodec.allCases))
      service.method("codec") { call in call.codec == .binary ? call.payload : utf8Bytes(#""json""#) }
      let harness = try await Harness.make(.inProcess, services: [service])
      let binary: [UInt8] = [0x0A, 0x01, 0x78]
      let reply = try await harness.connection.call(
        contract: "test.words", version: 1, service: "Words", method: "codec", payload: binary,
        payloadCodec: .binary)
      #expect(reply == binary)
      #expect(
        try await harness.connection.call(
          contract: "test.words", version: 1, service: "Words", method: "codec", payload: utf8Bytes("{}"))
          == utf8Bytes(#""json""#))
      await harness.tearDown()
    }

    @Test func aBinaryPayloadOverAJSONConnectionIsMarked() async throws {
      var client = ClientConfiguration()
      client.codecs = [JSONEnvelopeCodec()]
      var service = ServiceRegistration(
        contract: "test.words", version: 1, service: "Words", payloadCodecs: Set(WireCodec.allCases))
      service.method("echo") { call in
        #expect(call.codec == .binary)
        return call.payload
      }
      let harness = try await Harness.make(.unix, services: [service], client: client)
      #expect(harness.connection.codec == .json)
      let binary: [UInt8] = [0x0A, 0x03, 0x00, 0xFF, 0x7B]
      #expect(
        try await harness.connection.call(
          contract: "test.words", version: 1, service: "Words", method: "echo", payload: binary,
          payloadCodec: .binary) == binary)
      await harness.tearDown()
    }
  }
}
