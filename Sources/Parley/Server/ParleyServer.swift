import Synchronization

/// A Parley server: listens on Unix sockets and/or TCP, runs handshakes, routes calls to the
/// registered services, and drains on stop.
///
/// ```swift
/// let server = ParleyServer()
/// server.register(orders)                                  // a ServiceRegistration
/// let bound = try await server.start(on: .unix(path: dir + "/orders.sock"))
/// // … serve …
/// await server.stop(grace: .seconds(5))
/// ```
public final class ParleyServer: Sendable {
  private struct SocketFile {
    var path: String
    var identity: UnixSocketFile.Identity
  }

  private struct State {
    var services: [String: [String: ServiceRegistration]] = [:]  // contract → service → registration
    var connections: [ObjectIdentifier: ServerConnection] = [:]
    /// The open connections that completed the handshake (a subset of `connections`).
    var authenticated: Set<ObjectIdentifier> = []
    var listeners: [Listener] = []
    var socketFiles: [SocketFile] = []
    var bound: [Endpoint] = []
    var draining = false
    var envelopeHandlers: [EnvelopeKind: @Sendable (Envelope, ServerPeer) -> Void] = [:]
    var callRouter: (@Sendable (Envelope, ServerPeer) -> Bool)?
    var closedHandler: (@Sendable (ServerPeer) -> Void)?
    var rejectedPeers = 0
  }

  /// The configuration in use.
  public let configuration: ServerConfiguration
  /// The shared-secret requirement derived from the configuration, once.
  let authentication: HandshakeAuthentication
  private let state = Mutex(State())
  /// Bumped (under the state lock) whenever the services or the call router change, so that
  /// connections route with a copy of them and take a new copy only then.
  private let routingGeneration = Atomic<UInt64>(0)

  /// Creates a server; register services, then call ``start(on:)``.
  public init(configuration: ServerConfiguration = ServerConfiguration()) {
    self.configuration = configuration
    self.authentication = HandshakeAuthentication(configuration)
  }

  // MARK: Services

  /// Adds (or replaces) a service. May be called before or after start.
  public func register(_ registration: ServiceRegistration) {
    state.withLock {
      $0.services[registration.contract, default: [:]][registration.service] = registration
      routingGeneration.add(1, ordering: .releasing)
    }
  }

  /// Routes inbound envelopes of `kind` (e.g. `subscribe`, `register`) to `handler`, called on the
  /// I/O thread: it must return quickly. Kinds without a handler are answered with
  /// `PROTOCOL_ERROR` when they carry an id, and counted.
  public func setEnvelopeHandler(
    for kind: EnvelopeKind, _ handler: @escaping @Sendable (Envelope, ServerPeer) -> Void
  ) {
    state.withLock { $0.envelopeHandlers[kind] = handler }
  }

  func envelopeHandler(for kind: EnvelopeKind) -> (@Sendable (Envelope, ServerPeer) -> Void)? {
    state.withLock { $0.envelopeHandlers[kind] }
  }

  /// Routes inbound `call`, `oneway` and `cancel` envelopes to `router` before the registered
  /// services (the gateway hub forwards them); the router returns `false` to leave an envelope
  /// to the registered services. Called on the I/O thread: it must return quickly.
  func setCallRouter(_ router: @escaping @Sendable (Envelope, ServerPeer) -> Bool) {
    state.withLock {
      $0.callRouter = router
      routingGeneration.add(1, ordering: .releasing)
    }
  }

  /// The current services and call router, unless `known` is still current.
  func routingTable(ifNewerThan known: UInt64?) -> RoutingTable? {
    if let known, routingGeneration.load(ordering: .acquiring) == known { return nil }
    return state.withLock { state in
      RoutingTable(
        generation: routingGeneration.load(ordering: .relaxed), services: state.services,
        callRouter: state.callRouter)
    }
  }

  /// Calls `handler` once for every connection that closes (the gateway hub drops its state).
  func setConnectionClosedHandler(_ handler: @escaping @Sendable (ServerPeer) -> Void) {
    state.withLock { $0.closedHandler = handler }
  }

  var servedContracts: [ServedContract] {
    state.withLock { state in
      var seen = Set<ServedContract>()
      return state.services.values.flatMap(\.values).map(\.served).filter { seen.insert($0).inserted }.sorted
      {
        ($0.name, $0.version) < ($1.name, $1.version)
      }
    }
  }

  // MARK: Starting

  /// Starts listening on `endpoint` and returns the bound endpoint (with the real port when
  /// port 0 was asked for). Returns only once connections are being accepted. May be called
  /// several times to listen on several endpoints.
  ///
  /// Unix sockets: the file is created inside a directory owned by this user (created 0700 if
  /// missing), with mode ``ServerConfiguration/socketFileMode``; a stale socket of ours is
  /// removed; a live server's socket, a regular file, a directory or a symlink is never touched.
  /// TCP: binding beyond loopback requires ``ServerConfiguration/secret`` (or its text form).
  /// - Throws: ``ParleyError`` (`NOT_CONNECTED`, `PERMISSION_DENIED`) naming the path or address;
  ///   `UNAUTHENTICATED` when the configured shared secret is unusable (e.g. too short).
  @discardableResult
  public func start(on endpoint: Endpoint) async throws -> Endpoint {
    if state.withLock({ $0.draining }) {
      throw ParleyError(.shuttingDown, "the server has been stopped", mayHaveRun: false)
    }
    if case .misconfigured(let error) = authentication { throw error }
    let address = try SocketAddress(endpoint)
    switch endpoint {
    case .unix(let path):
      try UnixSocketFile.prepare(
        path: path, requirePrivateDirectory: configuration.requiresPrivateSocketDirectory)
    case .tcp(let host, _):
      if !address.isLoopback, !authentication.isRequired {
        throw ParleyError(
          .permissionDenied,
          "binding TCP to \(host), beyond loopback, requires a shared secret (ServerConfiguration.secret, e.g. from SharedSecret.load(fromFile:))",
          mayHaveRun: false)
      }
    }
    final class BoundBox: Sendable {
      let endpoint: Mutex<Endpoint>; init(_ e: Endpoint) { endpoint = Mutex(e) }
    }
    let boundBox = BoundBox(endpoint)  // the real port once known, for peer descriptions
    // The listener holds the server strongly: a started server serves until `stop(grace:)`, even
    // when its creator keeps no reference (with a weak one, every connection was dropped silently
    // and clients timed out in the handshake). `stop` closes the listener, ending the cycle.
    let listener = try await Listener.open(address, describe: endpoint) { fd in
      self.adopt(fd: fd, endpoint: boundBox.endpoint.withLock { $0 })
    }
    var bound = endpoint
    switch endpoint {
    case .unix(let path):
      if chmod(path, mode_t(configuration.socketFileMode)) != 0 {
        await listener.close()
        throw ParleyError(
          .notConnected, "cannot set the mode of \(path): \(Sys.describe(Sys.errno))", mayHaveRun: false)
      }
      if let identity = UnixSocketFile.identity(of: path) {
        state.withLock { $0.socketFiles.append(SocketFile(path: path, identity: identity)) }
      }
    case .tcp:
      if let (host, port) = SocketAddress.boundTCP(listener.fd) {
        bound = .tcp(host: host, port: port)
        boundBox.endpoint.withLock { [bound] in $0 = bound }
      }
    }
    state.withLock {
      $0.listeners.append(listener)
      $0.bound.append(bound)
    }
    return bound
  }

  /// The endpoints the server listens on (ports resolved).
  public var boundEndpoints: [Endpoint] { state.withLock { $0.bound } }

  /// Serves one already-connected channel (e.g. the server end of an in-process pair).
  public func accept(_ channel: any ByteChannel) {
    guard admit() else {
      refuseOverLimit(channel)
      return
    }
    let connection = ServerConnection(channel: channel, server: self)
    state.withLock { $0.connections[ObjectIdentifier(connection)] = connection }
    connection.start()
  }

  /// Past the connection limits: `reject` `OVERLOADED` (`SHUTTING_DOWN` while draining; nothing
  /// ran), then close, so a reconnecting client knows why and backs off.
  private func refuseOverLimit(_ channel: any ByteChannel) {
    let error =
      state.withLock { $0.draining }
      ? ParleyError(.shuttingDown, "the server is shutting down", mayHaveRun: false)
      : ParleyError(.overloaded, "the server has too many connections; try again later", mayHaveRun: false)
    channel.write(JSONEnvelopeCodec().frame(.closing(.reject, error)))
    channel.close()
  }

  /// Whether a new connection fits the limits (connections, unauthenticated connections).
  private func admit() -> Bool {
    state.withLock { state in
      if state.draining { return false }
      if state.connections.count >= configuration.maxConnections { return false }
      return state.connections.count - state.authenticated.count < configuration.maxUnauthenticatedConnections
    }
  }

  private func adopt(fd: Int32, endpoint: Endpoint) {
    let isUnix: Bool
    if case .unix = endpoint { isUnix = true } else { isUnix = false }
    let loop = EventLoop.group.next()
    let channel = SocketChannel(
      fd: fd, loop: loop, peerDescription: isUnix ? "peer on \(endpoint)" : "peer via \(endpoint)",
      isUnix: isUnix, maxPendingBytes: configuration.maxPendingWriteBytes)
    guard admit() else {
      refuseOverLimit(channel)
      return
    }
    if isUnix {
      guard let credentials = channel.peerCredentials, configuration.peerPolicy.allows(credentials) else {
        // Refused before any frame is read: say why, then close.
        state.withLock { $0.rejectedPeers += 1 }
        let error = ParleyError(.unauthenticated, "this peer's user is not allowed to connect")
        channel.write(JSONEnvelopeCodec().frame(.closing(.reject, error)))
        channel.close()
        return
      }
    }
    accept(channel)
  }

  /// Counts `connection` as authenticated while it is open (it finished the handshake).
  func connectionAuthenticated(_ connection: ServerConnection) {
    let key = ObjectIdentifier(connection)
    state.withLock { state in
      // A connection that closed meanwhile is not counted (it would never be uncounted).
      if state.connections[key] != nil { state.authenticated.insert(key) }
    }
  }

  /// Forgets a closed connection. Keyed by identity, so the authenticated count goes down no
  /// matter what phase the connection reports by now (it marks itself closed first).
  func connectionClosed(_ connection: ServerConnection) {
    let key = ObjectIdentifier(connection)
    let handler = state.withLock { state -> (@Sendable (ServerPeer) -> Void)? in
      state.connections.removeValue(forKey: key)
      state.authenticated.remove(key)
      return state.closedHandler
    }
    handler?(ServerPeer(connection: connection))
  }

  // MARK: Observing

  /// The number of open connections.
  public var connectionCount: Int { state.withLock { $0.connections.count } }

  /// The number of open connections that completed the handshake.
  public var authenticatedConnectionCount: Int { state.withLock { $0.authenticated.count } }

  /// Calls (and oneway messages) currently running, over all connections.
  public var inFlightCalls: Int {
    let connections = state.withLock { Array($0.connections.values) }
    return connections.reduce(0) { $0 + $1.inFlight }
  }

  /// Protocol violations seen over all open connections plus unix peers refused by policy.
  public var rejectedPeerCount: Int { state.withLock { $0.rejectedPeers } }

  // MARK: Stopping

  /// Stops the server: stops accepting and removes the socket files it created, refuses new
  /// calls with `SHUTTING_DOWN` (did not run), lets running calls finish for up to `grace`,
  /// then fails the rest with `SHUTTING_DOWN` (may have run), sends `goaway` and closes every
  /// connection. Returns once all are closed.
  public func stop(grace: Duration = .seconds(5)) async {
    let (listeners, files, connections) = state.withLock { state in
      state.draining = true
      defer {
        state.listeners = []
        state.socketFiles = []
      }
      return (state.listeners, state.socketFiles, Array(state.connections.values))
    }
    for listener in listeners { await listener.close() }
    for file in files { UnixSocketFile.remove(file.path, ifIdentity: file.identity) }
    for connection in connections { connection.beginDrain() }
    let deadline = ContinuousClock.now.advanced(by: grace)
    while ContinuousClock.now < deadline, connections.contains(where: { $0.inFlight > 0 }) {
      try? await Task.sleep(for: .milliseconds(5))
    }
    for connection in state.withLock({ Array($0.connections.values) }) { await connection.terminate() }
    // Connections accepted meanwhile were refused; wait for every channel to be released.
    let closeDeadline = ContinuousClock.now.advanced(by: .seconds(2))
    while ContinuousClock.now < closeDeadline, state.withLock({ !$0.connections.isEmpty }) {
      try? await Task.sleep(for: .milliseconds(2))
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
