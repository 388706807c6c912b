import Parley
import Synchronization
import Testing

extension RuntimeSocketSuites {
  @Suite(.serialized) struct CallTests {
    @Test(arguments: TransportKind.allCases)
    func echoAndErrors(_ kind: TransportKind) async throws {
      var client = ClientConfiguration()
      client.codecs = [JSONEnvelopeCodec()]  // JSON pinned: the test checks the negotiated codec
      let harness = try await Harness.make(kind, client: client)
      #expect(try await harness.connection.echo(#"{"id":"ord_42"}"#) == #"{"id":"ord_42"}"#)
      #expect(harness.connection.codec == .json)

      let app = await expectParleyError(.application) { _ = try await harness.connection.echo("fail", "{}") }
      #expect(
        app?.application
          == ParleyError.Application(code: 404, name: "NotFound", payload: utf8Bytes(#"{"key":"k1"}"#)))
      #expect(app?.message == "nothing here")
      #expect(app?.service == "Echo" && app?.method == "fail")

      let crash = await expectParleyError(.internal) { _ = try await harness.connection.echo("crash", "{}") }
      #expect(crash?.mayHaveRun == true)
      #expect(crash?.message.contains("Secret") == false)

      let noService = await expectParleyError(.serviceNotFound) {
        _ = try await harness.connection.call(
          contract: "test.echo", version: 1, service: "Nope", method: "echo", payload: utf8Bytes("{}"))
      }
      #expect(noService?.mayHaveRun == false)
      await expectParleyError(.methodNotFound) { _ = try await harness.connection.echo("nope", "{}") }
      await expectParleyError(.versionMismatch) {
        _ = try await harness.connection.call(
          contract: "test.echo", version: 2, service: "Echo", method: "echo", payload: utf8Bytes("{}"))
      }
      await expectParleyError(.internal) { _ = try await harness.connection.echo("echo", "{not json") }
      await harness.tearDown()
    }

    @Test(arguments: TransportKind.allCases)
    func thousandCallsInFlightAllMatched(_ kind: TransportKind) async throws {
      let harness = try await Harness.make(kind)
      let connection = harness.connection
      try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<1000 {
          group.addTask {
            let reply = try await connection.echo(#"{"n":\#(index)}"#)
            #expect(reply == #"{"n":\#(index)}"#)
          }
        }
        try await group.waitForAll()
      }
      #expect(connection.statistics.unmatchedReplies == 0)
      await harness.tearDown()
    }

    @Test func timeoutTravelsAndServerStopsHandler() async throws {
      let cancelled = Flag()
      var service = echoService()
      service.method("observeDeadline") { call in
        do {
          try await Task.sleep(for: .seconds(30))
        } catch {
          cancelled.set()
          throw error
        }
        return call.payload
      }
      let harness = try await Harness.make(.unix, services: [service])
      let error = await expectParleyError(.timeout) {
        _ = try await harness.connection.echo("observeDeadline", "{}", timeout: .milliseconds(100))
      }
      #expect(error?.mayHaveRun == true)
      #expect(await eventually { cancelled.isSet })
      #expect(await eventually { harness.server.inFlightCalls == 0 })
      await harness.tearDown()
    }

    /// A timeout that is already over (zero or negative, under a second too) is refused before
    /// anything is sent; it never crashes the caller's process.
    @Test func aTimeoutWithNoTimeLeftIsRefusedBeforeSending() async throws {
      let harness = try await Harness.make(.unix, services: [echoService()])
      for timeout in [Duration.zero, .milliseconds(-500), .seconds(-3)] {
        let error = await expectParleyError(.timeout) {
          _ = try await harness.connection.echo("echo", "{}", timeout: timeout)
        }
        #expect(error?.mayHaveRun == false, "timeout \(timeout)")
      }
      #expect(try await harness.connection.echo("echo", "{}", timeout: .seconds(30)) == "{}")
      await harness.tearDown()
    }

    @Test func cancellingTheCallerCancelsTheHandler() async throws {
      let started = Flag()
      let cancelled = Flag()
      var service = echoService()
      service.method("wait") { call in
        started.set()
        do { try await Task.sleep(for: .seconds(30)) } catch {
          cancelled.set()
          throw error
        }
        return call.payload
      }
      let harness = try await Harness.make(.unix, services: [service])
      let connection = harness.connection
      let task = Task { try await connection.echo("wait", "{}") }
      #expect(await eventually { started.isSet })
      task.cancel()
      await expectParleyError(.cancelled) { _ = try await task.value }
      #expect(await eventually { cancelled.isSet })
      #expect(await eventually { harness.server.inFlightCalls == 0 })
      #expect(connection.statistics.unmatchedReplies == 0)
      #expect(try await connection.echo("{}") == "{}")
      await harness.tearDown()
    }

    @Test func contextPropagatesAndDepthIsBounded() async throws {
      // A relay service that calls Echo.context through a second connection.
      let backend = try await TestServer.start([echoService()])
      let backendConnection = try await backend.connect()
      var relay = ServiceRegistration(contract: "test.relay", version: 1, service: "Relay")
      relay.method("relay") { _ in
        try await backendConnection.call(
          contract: "test.echo", version: 1, service: "Echo", method: "context", payload: utf8Bytes("{}"))
      }
      let harness = try await Harness.make(.inProcess, services: [relay])
      let reply = try await CallContext.$current.withValue(
        CallContext(root: "c0ffee42", chain: ["storefront"], depth: 1)
      ) {
        try await harness.connection.call(
          contract: "test.relay", version: 1, service: "Relay", method: "relay", payload: utf8Bytes("{}"))
      }
      #expect(utf8Text(reply) == #"{"root":"c0ffee42","depth":3,"chain":"storefront,Relay,Echo"}"#)

      let deep = CallContext(root: "r", chain: Array(repeating: "S", count: 16), depth: 16)
      let error = await expectParleyError(.maxDepthExceeded) {
        try await CallContext.$current.withValue(deep) { _ = try await harness.connection.echo("{}") }
      }
      #expect(error?.mayHaveRun == false)
      await backendConnection.close()
      await backend.stop()
      await harness.tearDown()
    }

    @Test func handlersStartedOnTheIOThreadBehaveTheSame() async throws {
      var server = ServerConfiguration()
      server.startsHandlersOnIOThread = true
      let harness = try await Harness.make(.unix, server: server)
      #expect(try await harness.connection.echo(#"{"a":1}"#) == #"{"a":1}"#)
      await expectParleyError(.application) { _ = try await harness.connection.echo("fail", "{}") }
      await expectParleyError(.internal) { _ = try await harness.connection.echo("crash", "{}") }
      await expectParleyError(.timeout) {
        _ = try await harness.connection.echo("sleep", "{}", timeout: .milliseconds(50))
      }
      #expect(await eventually { harness.server.inFlightCalls == 0 })
      await harness.tearDown()
    }

    @Test func onewayRunsWithoutReply() async throws {
      let received = Flag()
      var service = echoService()
      service.oneway("record") { _ in received.set() }
      let harness = try await Harness.make(.inProcess, services: [service])
      try harness.connection.oneway(
        contract: "test.echo", version: 1, service: "Echo", method: "record", payload: utf8Bytes("{}"))
      #expect(await eventually { received.isSet })
      await harness.tearDown()
    }
  }
}

/// A thread-safe one-way flag.
final class Flag: Sendable {
  private let value = Mutex(false)
  func set() { value.withLock { $0 = true } }
  var isSet: Bool { value.withLock { $0 } }
}
