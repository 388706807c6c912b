import Parley
import Testing

extension RawPeer {
  /// A client connection to a scripted peer: the client offers only JSON and sends no pings; the
  /// peer answers its `hello` with `welcome` and then does whatever the test sends.
  static func connectedClient() async throws -> (ClientConnection, RawPeer) {
    let (clientSide, peerSide) = InProcessTransport.makePair()
    let peer = RawPeer(peerSide)
    var configuration = ClientConfiguration()
    configuration.codecs = [JSONEnvelopeCodec()]
    configuration.heartbeatInterval = .zero
    let connecting = Task {
      try await ClientConnection.connect(over: clientSide, configuration: configuration)
    }
    #expect(await eventually { peer.received.contains { $0.kind == .hello } })
    var welcome = Envelope(kind: .welcome)
    welcome.welcome = Welcome(codec: "json", maxFrame: 1 << 20, heartbeatMs: 0, maxInFlight: 100)
    peer.send(welcome)
    return (try await connecting.value, peer)
  }
}
