import Parley
import Testing

/// The transports every end-to-end test runs over.
enum TransportKind: String, CaseIterable, CustomTestStringConvertible {
  case inProcess, unix, tcp
  var testDescription: String { rawValue }
}

/// A server plus one connected client over one transport.
struct Harness {
  let server: ParleyServer
  let connection: ClientConnection
  let directory: String?
  let endpoint: Endpoint?

  static func make(
    _ kind: TransportKind, services: [ServiceRegistration] = [echoService()],
    server serverConfiguration: ServerConfiguration = ServerConfiguration(),
    client clientConfiguration: ClientConfiguration = ClientConfiguration()
  ) async throws -> Harness {
    await warmUpRuntime()
    let server = ParleyServer(configuration: serverConfiguration)
    for service in services { server.register(service) }
    switch kind {
    case .inProcess:
      let (client, serverSide) = InProcessTransport.makePair()
      server.accept(serverSide)
      let connection = try await ClientConnection.connect(over: client, configuration: clientConfiguration)
      return Harness(
        server: server, connection: connection, directory: nil, endpoint: nil)
    case .unix:
      let directory = try TestServer.makeTemporaryDirectory()
      let endpoint = try await server.start(on: .unix(path: directory + "/s.sock"))
      let connection = try await ClientConnection.connect(to: endpoint, configuration: clientConfiguration)
      return Harness(server: server, connection: connection, directory: directory, endpoint: endpoint)
    case .tcp:
      let endpoint = try await server.start(on: .tcp(host: "127.0.0.1", port: 0))
      let connection = try await ClientConnection.connect(to: endpoint, configuration: clientConfiguration)
      return Harness(
        server: server, connection: connection, directory: nil, endpoint: endpoint)
    }
  }

  /// Closes everything and checks nothing is pending and none of this harness's sockets leaked.
  ///
  /// Leaks are checked through the runtime's socket registry, scoped to this harness's endpoint:
  /// a process-wide descriptor count cannot be trusted while other suites (of every test target,
  /// which share one test process) open and close sockets in parallel.
  func tearDown(sourceLocation: SourceLocation = #_sourceLocation) async {
    #expect(connection.statistics.pendingCalls == 0, sourceLocation: sourceLocation)
    await connection.close()
    await server.stop(grace: .milliseconds(200))
    #expect(server.connectionCount == 0, sourceLocation: sourceLocation)
    if let endpoint {
      let text = endpoint.description
      let released = await eventually { OpenSockets.descriptors(matching: text).isEmpty }
      #expect(released, "sockets of \(text) still open: \(OpenSockets.all())", sourceLocation: sourceLocation)
    }
    if let directory { TestServer.removeTree(directory) }
  }
}
