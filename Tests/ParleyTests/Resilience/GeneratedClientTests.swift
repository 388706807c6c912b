import Parley
import Testing

extension RuntimeSocketSuites {
  /// A generated client built on a `ParleyClient` (a `ParleyCallTransport`) gets reconnection
  /// and the oneway queue without code of its own.
  @Suite(.serialized) struct GeneratedClientOverParleyClientTests {
    @Test func generatedClientKeepsWorkingAcrossAServerRestart() async throws {
      await warmUpRuntime()
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      let endpoint = Endpoint.unix(path: directory + "/edge.sock")
      let first = ParleyServer()
      first.register(GeneratedCodeServiceTests.Handler().parleyRegistration())
      try await first.start(on: endpoint)
      let transport = try await ParleyClient.connect(to: endpoint, configuration: fastClientConfiguration())
      let client = FocusEdge.EdgeServiceClient(transport)
      #expect(try await client.count(41) == 82)

      await first.stop(grace: .milliseconds(100))
      #expect(await eventually { transport.connection == nil }, "the client noticed the loss")
      let handler = GeneratedCodeServiceTests.Handler()
      let second = ParleyServer()
      second.register(handler.parleyRegistration())
      try client.poke(value: 7)  // queued while disconnected
      try await second.start(on: endpoint)
      try await transport.waitUntilReady(timeout: .seconds(10))
      #expect(try await client.count(1) == 2)
      #expect(await eventually { handler.poked.current == 7 })

      await transport.close()
      await second.stop(grace: .milliseconds(100))
    }
  }
}
