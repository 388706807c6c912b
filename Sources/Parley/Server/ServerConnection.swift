import Synchronization

/// The server side of one connection: the handshake, then calls run by a ``CallDispatcher``
/// (each in its own task, with deadlines, cancellation and draining).
final class ServerConnection: ConnectionCoreHandler, Sendable {
  private enum Phase { case awaitingHello, awaitingAnswer, ready, closed }

  /// A hello accepted so far, waiting for the client's `auth` answer to the challenge.
  private struct PendingHello {
    var hello: Hello
    var codec: any EnvelopeCodec
    var challenge: SharedSecretAuthenticator.Challenge
  }

  private struct State {
    var phase = Phase.awaitingHello
    var handshakeDeadline = UInt64.max
    var peerName: String?
    var identity: PeerIdentity?
    var unhandled = 0
    var pendingHello: PendingHello?
    /// The server's call router as last read (``CallRouter``), `nil` before the first call.
    var callRouter: CallRouter?
  }

  /// The server's call router and the routing generation it was read at, in a class: read out of
  /// a lock as a reference, where a closure read out of a lock is wrapped in two reabstraction
  /// thunks, two heap allocations per call through a gateway hub.
  private final class CallRouter: Sendable {
    let generation: UInt64
    let route: (@Sendable (Envelope, ServerPeer) -> Bool)?

    init(_ table: RoutingTable) {
      generation = table.generation
      route = table.callRouter
    }
  }

  let core: ConnectionCore
  private let server: ParleyServer
  private let configuration: ServerConfiguration
  private let dispatcher: CallDispatcher
  private let authentication: HandshakeAuthentication
  private let state = Mutex(State())
  private let routing: RoutingCache

  init(channel: any ByteChannel, server: ParleyServer) {
    self.server = server
    self.routing = RoutingCache(server: server)
    self.configuration = server.configuration
    self.authentication = server.authentication
    core = ConnectionCore(
      channel: channel,
      settings: .init(
        maxFrameSize: configuration.maxFrameSize,
        heartbeatInterval: configuration.heartbeatInterval.nanoseconds,
        missedPingsAllowed: configuration.missedPingsAllowed,
        writeProgressTimeout: configuration.writeProgressTimeout.nanoseconds))
    dispatcher = CallDispatcher(
      core: core, maxDepth: configuration.maxDepth, maxInFlight: configuration.maxInFlightPerConnection,
      observer: configuration.observer, source: configuration.name,
      execution: configuration.handlerExecution,
      maxStreams: configuration.maxConcurrentStreamsPerConnection
    ) { [routing] contract, version, service throws(ParleyError) in
      try routing.route(contract: contract, version: version, service: service)
    }
  }

  func start() {
    let deadline = Sys.now() + configuration.handshakeTimeout.nanoseconds
    state.withLock { $0.handshakeDeadline = deadline }
    core.start(handler: self)
    core.scheduleTimer(at: deadline)
  }

  var isAuthenticated: Bool { state.withLock { $0.phase == .ready } }
  var inFlight: Int { dispatcher.inFlight }
  var unhandledCount: Int { state.withLock { $0.unhandled } }

  var identity: PeerIdentity {
    if let cached = state.withLock({ $0.identity }) { return cached }
    return PeerIdentity(
      credentials: core.channel.peerCredentials, name: state.withLock { $0.peerName },
      address: core.channel.peerDescription)
  }

  // MARK: Envelopes

  func core(_ core: ConnectionCore, received envelope: Envelope) {
    let (phase, cachedRouter) = state.withLock { ($0.phase, $0.callRouter) }
    switch (phase, envelope.kind) {
    case (.awaitingHello, .hello): handleHello(envelope)
    case (.awaitingHello, _):
      reject(ParleyError(.protocolError, "the first envelope must be hello, not \(envelope.kind.rawValue)"))
    case (.awaitingAnswer, .auth): handleAnswer(envelope)
    case (.awaitingAnswer, _):
      reject(
        ParleyError(
          .unauthenticated,
          "expected the answer to the shared-secret challenge, not \(envelope.kind.rawValue)"))
    case (.closed, _): return
    case (.ready, .call), (.ready, .oneway), (.ready, .cancel):
      if let route = callRouter(cachedRouter), route(envelope, ServerPeer(connection: self)) {
        return
      }
      switch envelope.kind {
      case .call: dispatcher.handleCall(envelope, peer: identity)
      case .oneway: dispatcher.handleOneway(envelope, peer: identity)
      default: dispatcher.handleCancel(envelope)
      }
    case (.ready, .streamItem)
    where envelope.credit != nil && server.envelopeHandler(for: .streamItem) == nil:
      dispatcher.handleStreamCredit(envelope)  // a caller's stream credit
    case (.ready, .hello):
      let error = ParleyError(.protocolError, "hello sent twice")
      core.close(sending: .closing(.goaway, error), reason: error)
    default:
      if let handler = server.envelopeHandler(for: envelope.kind) {
        handler(envelope, ServerPeer(connection: self))
        return
      }
      state.withLock { $0.unhandled += 1 }
      if let id = envelope.id, envelope.kind != .reply {
        core.send(
          .reply(
            id: id,
            error: ParleyError(.protocolError, "unsupported envelope kind \"\(envelope.kind.rawValue)\"")))
      } else {
        core.protocolViolations.add(1, ordering: .relaxed)
      }
    }
  }

  /// The server's current call router: `cached` unless the server's routing changed since it was
  /// read (one atomic load), else read again and kept.
  private func callRouter(_ cached: CallRouter?) -> (@Sendable (Envelope, ServerPeer) -> Bool)? {
    guard let table = server.routingTable(ifNewerThan: cached?.generation) else { return cached?.route }
    let fresh = CallRouter(table)
    state.withLock { $0.callRouter = fresh }
    return fresh.route
  }

  private func reject(_ error: ParleyError) {
    state.withLock { $0.phase = .closed }
    core.close(sending: .closing(.reject, error), reason: error)
  }

  private func handleHello(_ envelope: Envelope) {
    guard let hello = envelope.hello else { return }
    guard envelope.version == WireProtocol.version else {
      reject(
        ParleyError(
          .versionMismatch,
          "protocol version \(envelope.version) is not supported; this server speaks version \(WireProtocol.version)"
        ))
      return
    }
    guard let codec = CodecNegotiation.choose(offered: hello.codecs, supported: configuration.codecs) else {
      let supported = configuration.codecs.map(\.id.rawValue).joined(separator: ", ")
      reject(
        ParleyError(
          .protocolError,
          "no common codec: the client offered [\(hello.codecs.joined(separator: ", "))], the server supports [\(supported)]"
        ))
      return
    }
    if let maxFrame = hello.maxFrame, maxFrame < 1 {
      reject(ParleyError(.protocolError, "hello's maxFrame \(maxFrame) leaves room for no frame"))
      return
    }
    switch authentication {
    case .none: break
    case .misconfigured:
      // The detail stays in the server's configuration; the peer learns only that it failed.
      reject(ParleyError(.unauthenticated, "the server cannot authenticate clients"))
      return
    case .sharedSecret(let authenticator):
      let challenge: SharedSecretAuthenticator.Challenge
      do {
        challenge = try authenticator.makeChallenge()
      } catch {
        reject(ParleyError(.internal, "the server cannot make a challenge"))
        return
      }
      state.withLock {
        $0.phase = .awaitingAnswer
        $0.pendingHello = PendingHello(hello: hello, codec: codec, challenge: challenge)
      }
      var auth = Envelope(kind: .auth)
      auth.auth = AuthExchange(challenge: challenge.serverNonce)
      core.sendHandshake(auth)
      return
    }
    finishHello(hello, codec: codec, proof: nil)
  }

  /// Checks the client's answer to the challenge; a wrong or malformed one is rejected with
  /// `UNAUTHENTICATED` (the same message either way, so nothing is learned from it).
  private func handleAnswer(_ envelope: Envelope) {
    guard case .sharedSecret(let authenticator) = authentication,
      let pending = state.withLock({ state -> PendingHello? in
        defer { state.pendingHello = nil }  // one answer per challenge
        return state.pendingHello
      })
    else { return }
    let answer = SharedSecretAuthenticator.Answer(
      clientNonce: envelope.auth?.nonce ?? [], proof: envelope.auth?.proof ?? [])
    let proof: SharedSecretAuthenticator.ServerProof
    do {
      proof = try authenticator.verify(answer, to: pending.challenge)
    } catch {
      reject(ParleyError(.unauthenticated, "the answer to the shared-secret challenge is wrong"))
      return
    }
    finishHello(pending.hello, codec: pending.codec, proof: proof.proof)
  }

  /// Checks the contracts and answers `welcome` (with the server's proof after a challenge).
  private func finishHello(_ hello: Hello, codec: any EnvelopeCodec, proof: [UInt8]?) {
    let served = server.servedContracts
    for wanted in hello.contracts {
      let offers = served.filter { $0.name == wanted.name }
      if !offers.isEmpty, !offers.contains(where: { $0.accepts(wanted.version) }) {
        let ranges = offers.map { "\($0.minimumVersion)...\($0.version)" }.joined(separator: ", ")
        reject(
          ParleyError(
            .versionMismatch,
            "contract \(wanted.name) version \(wanted.version) is not served; this server accepts versions \(ranges)"
          ))
        return
      }
    }
    state.withLock {
      $0.phase = .ready
      $0.peerName = hello.name
      $0.identity = PeerIdentity(
        credentials: core.channel.peerCredentials, name: hello.name, address: core.channel.peerDescription)
      $0.handshakeDeadline = UInt64.max
    }
    server.connectionAuthenticated(self)
    var welcome = Envelope(kind: .welcome)
    welcome.welcome = Welcome(
      codec: codec.id.rawValue, maxFrame: configuration.maxFrameSize,
      heartbeatMs: Int(configuration.heartbeatInterval.nanoseconds / 1_000_000),
      maxInFlight: configuration.maxInFlightPerConnection, contracts: served, name: configuration.name,
      proof: proof)
    core.sendHandshake(welcome)
    core.setCodec(codec, peerMaxFrame: hello.maxFrame ?? WireProtocol.defaultMaxFrameSize)
  }

  // MARK: Timers, draining, closing

  func coreTimer(_ core: ConnectionCore, now: UInt64) -> UInt64? {
    var next = dispatcher.expire(now: now) ?? UInt64.max
    let handshakeExpired = state.withLock { state -> Bool in
      guard state.phase == .awaitingHello || state.phase == .awaitingAnswer else { return false }
      if state.handshakeDeadline <= now { return true }
      next = min(next, state.handshakeDeadline)
      return false
    }
    if handshakeExpired {
      reject(ParleyError(.protocolError, "the handshake did not complete within the handshake timeout"))
    }
    return next == UInt64.max ? nil : next
  }

  /// Refuses new calls from now on (`SHUTTING_DOWN`, did not run).
  func beginDrain() {
    dispatcher.beginDrain()
  }

  /// Fails what still runs with `SHUTTING_DOWN`, says `goaway` and closes.
  func terminate() async {
    dispatcher.terminate()
    let goaway = ParleyError(.shuttingDown, "the server is shutting down")
    core.close(sending: .closing(.goaway, goaway), reason: goaway)
    await core.waitUntilChannelClosed()
  }

  func coreClosed(_ core: ConnectionCore, error: ParleyError) {
    state.withLock { $0.phase = .closed }
    dispatcher.connectionClosed()
    server.connectionClosed(self)
  }
}

/// A handle on one server connection, given to handlers of envelope kinds added by later layers
/// (events, streams, gateway registration) so they can answer on the same connection.
public struct ServerPeer: Sendable {
  let connection: ServerConnection

  /// Who is on the other end.
  public var identity: PeerIdentity { connection.identity }

  /// The connection's negotiated codec.
  public var codec: WireCodec { connection.core.codec.id }

  /// Sends an envelope on this connection.
  /// - Throws: ``ParleyError`` when it cannot be queued (closed, overloaded, too large).
  public func send(_ envelope: Envelope) throws {
    if let error = connection.core.send(envelope) { throw error }
  }
}
