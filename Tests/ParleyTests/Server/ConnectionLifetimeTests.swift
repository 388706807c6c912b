import Foundation
import Parley
import Testing

extension RuntimeSocketSuites {
  /// Regressions of the runtime's connection bookkeeping: counts go down when connections end,
  /// and a connection that ends without `close()` releases its descriptors on both sides.
  @Suite(.serialized) struct ConnectionLifetimeTests {
    /// A closed authenticated connection is no longer counted as authenticated, so it cannot
    /// make room for more unauthenticated connections than the limit allows.
    @Test func authenticatedCountGoesDownWhenAConnectionCloses() async throws {
      var configuration = ServerConfiguration()
      configuration.maxUnauthenticatedConnections = 1
      configuration.handshakeTimeout = .seconds(30)
      let server = ParleyServer(configuration: configuration)
      server.register(echoService())
      for round in 0..<3 {
        let (clientSide, serverSide) = InProcessTransport.makePair()
        server.accept(serverSide)
        let connection = try await ClientConnection.connect(over: clientSide)
        #expect(try await connection.echo("\(round)") == "\(round)")
        #expect(server.authenticatedConnectionCount == 1)
        await connection.close()
        #expect(await eventually { server.connectionCount == 0 })
        #expect(server.authenticatedConnectionCount == 0)
      }
      // One silent connection fills the unauthenticated limit; the next one is refused.
      let (silentSide, silentServerSide) = InProcessTransport.makePair()
      server.accept(silentServerSide)
      let silent = RawPeer(silentSide)
      #expect(server.connectionCount == 1)
      let (extraSide, extraServerSide) = InProcessTransport.makePair()
      server.accept(extraServerSide)
      let extra = RawPeer(extraSide)
      #expect(await eventually { extra.isClosed })
      #expect(extra.received.contains { $0.kind == .reject && $0.error?.code == .overloaded })
      silent.channel.close()
      await server.stop(grace: .milliseconds(100))
      #expect(server.connectionCount == 0)
      #expect(server.authenticatedConnectionCount == 0)
    }

    /// A started server serves until it is stopped, even when its creator keeps no reference.
    @Test func aStartedServerServesWithoutAReferenceUntilStopped() async throws {
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      weak var unowned: ParleyServer?
      let endpoint: Endpoint
      do {
        let server = ParleyServer()
        server.register(echoService())
        endpoint = try await server.start(on: .unix(path: directory + "/s.sock"))
        unowned = server
      }
      let connection = try await ClientConnection.connect(to: endpoint)
      #expect(try await connection.echo("42") == "42")
      await connection.close()
      #expect(unowned != nil)
      await unowned?.stop(grace: .milliseconds(100))
      #expect(await eventually { unowned == nil }, "stop releases the server")
    }

    /// A peer that goes away without a goaway (its socket simply closed) is noticed at end of
    /// stream: the server forgets the connection and closes its descriptor.
    @Test func serverReleasesAConnectionItsPeerDropped() async throws {
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      let server = ParleyServer()
      server.register(echoService())
      let endpoint = try await server.start(on: .unix(path: directory + "/s.sock"))
      let peerSockets = "peer on \(endpoint)"
      for _ in 0..<3 {
        let raw = try RawClient(path: directory + "/s.sock")
        try await raw.handshake()
        #expect(await eventually { server.authenticatedConnectionCount == 1 })
        #expect(OpenSockets.descriptors(matching: peerSockets).count == 1)
        raw.closeSocket()
        #expect(await eventually { server.connectionCount == 0 })
        #expect(await eventually { OpenSockets.descriptors(matching: peerSockets).isEmpty })
        #expect(server.authenticatedConnectionCount == 0)
      }
      await server.stop(grace: .milliseconds(100))
      #expect(OpenSockets.descriptors(matching: directory).isEmpty)
    }

    /// A `ClientConnection` its owner drops without `close()` closes itself: its socket and the
    /// server's end are released (before, the I/O loop kept both open for good).
    @Test func droppedClientConnectionReleasesBothEnds() async throws {
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      let server = ParleyServer()
      server.register(echoService())
      let endpoint = try await server.start(on: .unix(path: directory + "/s.sock"))
      do {
        let connection = try await ClientConnection.connect(to: endpoint)
        #expect(try await connection.echo("7") == "7")
        #expect(server.connectionCount == 1)
        #expect(OpenSockets.descriptors(matching: "peer on \(endpoint)").count == 1)
      }
      #expect(await eventually { server.connectionCount == 0 })
      // Only the listener is left for this endpoint.
      #expect(await eventually { OpenSockets.descriptors(matching: "\(endpoint)").count == 1 })
      await server.stop(grace: .milliseconds(100))
      #expect(await eventually { OpenSockets.descriptors(matching: directory).isEmpty })
    }
  }
}
