import Testing

@testable import Parley

/// A server connection keeps the server's call router (the gateway hub's) and reads it again
/// only when the server's routing changed: a router set while a connection is open routes that
/// connection's next call, and a router that declines leaves the call to the registered services.
@Suite(.timeLimit(.minutes(1))) struct CallRouterRefreshTests {
  @Test func aRouterSetAfterTheConnectionOpenedRoutesItsNextCall() async throws {
    let harness = try await Harness.make(.unix)
    #expect(try await harness.connection.echo(#""direct""#) == #""direct""#)
    // From now on calls whose payload is "routed" are answered by the router itself.
    harness.server.setCallRouter { envelope, peer in
      guard envelope.kind == .call, envelope.payload == utf8Bytes(#""routed""#), let id = envelope.id else {
        return false
      }
      var reply = Envelope.reply(id: id, payload: utf8Bytes(#""by the router""#))
      reply.payloadCodec = envelope.payloadCodec  // answered in the request's codec, as a server does
      try? peer.send(reply)
      return true
    }
    #expect(try await harness.connection.echo(#""routed""#) == #""by the router""#)
    #expect(try await harness.connection.echo(#""declined""#) == #""declined""#)  // left to the service
    await harness.tearDown()
  }
}
