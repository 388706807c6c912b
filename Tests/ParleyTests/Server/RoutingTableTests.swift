import Parley
import Testing

extension RuntimeSocketSuites {
  /// Connections route with their own copy of the server's services: registering (or
  /// replacing) a service on a running server reaches connections that are already open.
  @Suite struct RoutingTableTests {
    @Test(arguments: TransportKind.allCases)
    func aServiceRegisteredAfterStartIsServedOnOpenConnections(transport: TransportKind) async throws {
      let harness = try await Harness.make(transport, services: [])
      let options = CallOptions(timeout: .seconds(30))
      let payload = utf8Bytes(#"{"n":1}"#)
      let missing = await #expect(throws: ParleyError.self) {
        _ = try await harness.connection.call(
          contract: "test.echo", version: 1, service: "Echo", method: "echo", payload: payload,
          options: options)
      }
      #expect(missing?.code == .serviceNotFound)

      harness.server.register(echoService())
      let reply = try await harness.connection.call(
        contract: "test.echo", version: 1, service: "Echo", method: "echo", payload: payload, options: options
      )
      #expect(reply == payload)

      // Replacing it (now version 2 only) is seen as well.
      var replacement = echoService(version: 2)
      replacement.minimumVersion = 2
      harness.server.register(replacement)
      let outdated = await #expect(throws: ParleyError.self) {
        _ = try await harness.connection.call(
          contract: "test.echo", version: 1, service: "Echo", method: "echo", payload: payload,
          options: options)
      }
      #expect(outdated?.code == .versionMismatch)
      await harness.tearDown()
    }
  }
}
