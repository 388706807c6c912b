import Parley
import Testing

/// Binary-preferring codec lists (the runtime's default order).
private let binaryFirst: [any EnvelopeCodec] = [BinaryEnvelopeCodec(), JSONEnvelopeCodec()]

/// A binary-codec message `{1: text, 2: number}`, as generated code would write it.
private func message(_ text: String, _ number: Int64) -> [UInt8] {
  var writer = BinaryWriter()
  writer.writeString(field: 1, text)
  writer.writeInt64(field: 2, number)
  return writer.bytes
}

extension RuntimeSocketSuites {
  @Suite(.serialized) struct BinaryEnvelopeLiveTests {
    private func configurations(server: [any EnvelopeCodec], client: [any EnvelopeCodec]) -> (
      ServerConfiguration, ClientConfiguration
    ) {
      var serverConfiguration = ServerConfiguration()
      serverConfiguration.codecs = server
      var clientConfiguration = ClientConfiguration()
      clientConfiguration.codecs = client
      return (serverConfiguration, clientConfiguration)
    }

    @Test(arguments: TransportKind.allCases)
    func negotiatesBinaryAndMakesCalls(_ kind: TransportKind) async throws {
      let (server, client) = configurations(server: binaryFirst, client: binaryFirst)
      var echo = echoService()
      echo.method("binaryFail") { call in
        #expect(call.codec == .binary)
        throw ParleyError.application(
          code: 404, name: "NotFound", message: "nothing here", payload: message("k1", 1))
      }
      echo.method("invalid") { _ in
        throw ParleyError.validationFailed([
          ParleyError.Violation(path: "items[3].quantity", message: "too low")
        ])
      }
      let harness = try await Harness.make(kind, services: [echo], server: server, client: client)
      let connection = harness.connection
      #expect(connection.codec == .binary)
      #expect(connection.envelopeCodec is BinaryEnvelopeCodec)

      // Payloads of every byte value travel unchanged, not re-encoded.
      let payload = message("ord_42", -7) + [0x7A, 0x02, 0x00, 0xFF]
      let reply = try await connection.call(
        contract: "test.echo", version: 1, service: "Echo", method: "echo", payload: payload,
        payloadCodec: .binary)
      #expect(reply == payload)
      let large = message(String(repeating: "é", count: 100_000), .max)
      #expect(
        try await connection.call(
          contract: "test.echo", version: 1, service: "Echo", method: "echo", payload: large,
          payloadCodec: .binary)
          == large)

      let app = await expectParleyError(.application) {
        _ = try await connection.call(
          contract: "test.echo", version: 1, service: "Echo", method: "binaryFail", payload: [],
          payloadCodec: .binary)
      }
      #expect(
        app?.application == ParleyError.Application(code: 404, name: "NotFound", payload: message("k1", 1)))
      #expect(app?.message == "nothing here")
      let invalid = await expectParleyError(.validationFailed) {
        _ = try await connection.call(
          contract: "test.echo", version: 1, service: "Echo", method: "invalid", payload: [])
      }
      #expect(invalid?.violations == [ParleyError.Violation(path: "items[3].quantity", message: "too low")])
      await expectParleyError(.methodNotFound) { _ = try await connection.echo("nope", "") }

      // Many calls in flight, each matched to its own reply.
      try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<200 {
          group.addTask {
            let payload = message("n", Int64(index))
            let reply = try await connection.call(
              contract: "test.echo", version: 1, service: "Echo", method: "echo", payload: payload,
              payloadCodec: .binary)
            #expect(reply == payload)
          }
        }
        try await group.waitForAll()
      }
      #expect(connection.statistics.unmatchedReplies == 0)
      // (Last: the server's late TIMEOUT answer to a call the client gave up on is unmatched.)
      await expectParleyError(.timeout) {
        _ = try await connection.echo("sleep", "", timeout: .milliseconds(50))
      }
      await harness.tearDown()
    }

    @Test func theWireCarriesBinaryEnvelopesAfterTheHandshake() async throws {
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      var configuration = ServerConfiguration()
      configuration.codecs = binaryFirst
      let server = ParleyServer(configuration: configuration)
      server.register(echoService())
      let endpoint = try await server.start(on: .unix(path: directory + "/s.sock"))
      let raw = try RawClient(path: directory + "/s.sock")
      let codec = BinaryEnvelopeCodec()
      let outcome: (welcome: Envelope?, reply: Envelope?) = await offPool {
        raw.send(json: #"{"v":1,"kind":"hello","codecs":["binary","json"],"name":"raw"}"#)
        // The welcome is JSON; everything after it is binary.
        guard let welcome = raw.readFrame(), welcome.first == UInt8(ascii: "{") else { return (nil, nil) }
        let call = Envelope.call(
          id: 1, contract: "test.echo", contractVersion: 1, service: "Echo", method: "echo", timeoutMs: 5000,
          context: nil, payload: message("x", 1))
        raw.send(codec.frame(call))
        guard let reply = raw.readFrame(), reply.first == 0x08 else {
          return (try? codec.decode(welcome), nil)
        }
        return (try? codec.decode(welcome), try? codec.decode(reply))
      }
      #expect(outcome.welcome?.welcome?.codec == "binary")
      #expect(outcome.reply?.kind == .reply && outcome.reply?.id == 1 && outcome.reply?.ok == true)
      #expect(outcome.reply?.payload == message("x", 1))
      raw.closeSocket()
      await server.stop(grace: .milliseconds(200))
      _ = endpoint
    }

    @Test func theServerPrefersBinaryWhateverTheClientsOrder() async throws {
      let (server, client) = configurations(
        server: [JSONEnvelopeCodec(), BinaryEnvelopeCodec()],
        client: [JSONEnvelopeCodec(), BinaryEnvelopeCodec()])
      let harness = try await Harness.make(.inProcess, server: server, client: client)
      #expect(harness.connection.codec == .binary)
      #expect(harness.connection.welcome?.codec == "binary")
      let payload = message("a", 1)
      #expect(
        try await harness.connection.call(
          contract: "test.echo", version: 1, service: "Echo", method: "echo", payload: payload,
          payloadCodec: .binary)
          == payload)
      await harness.tearDown()
    }

    @Test func aJSONOnlyPeerStillWorks() async throws {
      // A JSON-only client against a server that prefers binary…
      var (server, client) = configurations(server: binaryFirst, client: [JSONEnvelopeCodec()])
      var harness = try await Harness.make(.unix, server: server, client: client)
      #expect(harness.connection.codec == .json)
      #expect(try await harness.connection.echo(#"{"id":"ord_42"}"#) == #"{"id":"ord_42"}"#)
      await harness.tearDown()
      // …and a binary-preferring client against a JSON-only server.
      (server, client) = configurations(server: [JSONEnvelopeCodec()], client: binaryFirst)
      harness = try await Harness.make(.tcp, server: server, client: client)
      #expect(harness.connection.codec == .json)
      #expect(try await harness.connection.echo(#"{"id":"ord_42"}"#) == #"{"id":"ord_42"}"#)
      await harness.tearDown()
    }

    @Test func aGatewayCallWorksEndToEndInBinary() async throws {
      let directory = try TestServer.makeTemporaryDirectory(prefix: "parley-gw")
      defer { TestServer.removeTree(directory) }
      var hubConfiguration = GatewayConfiguration()
      hubConfiguration.server.codecs = binaryFirst
      let hub = GatewayHub(configuration: hubConfiguration)
      let endpoint = Endpoint.unix(path: directory + "/gateway.sock")
      try await hub.start(on: endpoint)

      var serviceConfiguration = GatewayServiceConfiguration(name: "echo")
      serviceConfiguration.client.codecs = binaryFirst
      serviceConfiguration.reconnects = false
      var echo = ServiceRegistration(
        contract: "test.echo", version: 1, service: "Echo", payloadCodecs: Set(WireCodec.allCases))
      echo.method("echo") { call in
        #expect(call.codec == .binary)
        return call.payload
      }
      echo.method("fail") { _ in
        throw ParleyError.application(code: 409, name: "Conflict", message: "taken", payload: message("k", 2))
      }
      let service = try await GatewayServiceLink.connect(
        to: endpoint, services: [echo], configuration: serviceConfiguration)

      var callerConfiguration = ClientConfiguration()
      callerConfiguration.codecs = binaryFirst
      callerConfiguration.name = "storefront"
      let caller = try await GatewayClient.connect(to: endpoint, configuration: callerConfiguration)
      #expect(caller.connection.codec == .binary)
      let payload = message("through the hub", 42)
      var reply: [UInt8]?
      // The service registers asynchronously: retry until the hub knows it.
      for _ in 0..<200 {
        do {
          reply = try await caller.connection.call(
            contract: "test.echo", version: 1, service: "Echo", method: "echo", payload: payload,
            payloadCodec: .binary)
          break
        } catch let error as ParleyError where error.code == .serviceNotFound {
          try await Task.sleep(for: .milliseconds(25))
        }
      }
      #expect(reply == payload)
      let failure = await expectParleyError(.application) {
        _ = try await caller.connection.call(
          contract: "test.echo", version: 1, service: "Echo", method: "fail", payload: [],
          payloadCodec: .binary)
      }
      #expect(
        failure?.application == ParleyError.Application(code: 409, name: "Conflict", payload: message("k", 2))
      )
      await caller.close()
      await service.close()
      await hub.stop(grace: .milliseconds(200))
    }
  }
}
