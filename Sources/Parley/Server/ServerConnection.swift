import Synchronization

/// The server side of one connection: the handshake, routing calls to handlers (each in its own
/// task), deadlines, cancellation and draining.
final class ServerConnection: ConnectionCoreHandler, Sendable {
  private struct Inbound {
    var task: Task<Void, Never>?
    var deadline: UInt64
    var answered = false  // a reply (or nothing, after cancel) was already decided
  }

  private enum Phase { case awaitingHello, ready, closed }

  private struct State {
    var phase = Phase.awaitingHello
    var handshakeDeadline = UInt64.max
    var inbound: [UInt64: Inbound] = [:]
    var oneways: [UInt64: Task<Void, Never>] = [:]
    var nextOneway: UInt64 = 0
    var draining = false
    var peerName: String?
    var unhandled = 0
  }

  let core: ConnectionCore
  private let server: ParleyServer
  private let configuration: ServerConfiguration
  private let state = Mutex(State())

  init(channel: any ByteChannel, server: ParleyServer) {
    self.server = server
    self.configuration = server.configuration
    core = ConnectionCore(
      channel: channel,
      settings: .init(
        maxFrameSize: configuration.maxFrameSize,
        heartbeatInterval: configuration.heartbeatInterval.nanoseconds,
        missedPingsAllowed: configuration.missedPingsAllowed))
  }

  func start() {
    let deadline = Sys.now() + configuration.handshakeTimeout.nanoseconds
    state.withLock { $0.handshakeDeadline = deadline }
    core.start(handler: self)
    core.scheduleTimer(at: deadline)
  }

  var isAuthenticated: Bool { state.withLock { $0.phase == .ready } }
  var inFlight: Int { state.withLock { $0.inbound.count + $0.oneways.count } }
  var unhandledCount: Int { state.withLock { $0.unhandled } }

  var identity: PeerIdentity {
    PeerIdentity(
      credentials: core.channel.peerCredentials, name: state.withLock { $0.peerName },
      address: core.channel.peerDescription)
  }

  // MARK: Envelopes

  func core(_ core: ConnectionCore, received envelope: Envelope) {
    let phase = state.withLock { $0.phase }
    switch (phase, envelope.kind) {
    case (.awaitingHello, .hello): handleHello(envelope)
    case (.awaitingHello, _):
      reject(ParleyError(.protocolError, "the first envelope must be hello, not \(envelope.kind.rawValue)"))
    case (.closed, _): return
    case (.ready, .call): handleCall(envelope)
    case (.ready, .oneway): handleOneway(envelope)
    case (.ready, .cancel): handleCancel(envelope)
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
    guard
      let codec = hello.codecs.lazy.compactMap({ name in
        self.configuration.codecs.first { $0.id.rawValue == name }
      })
      .first
    else {
      let supported = configuration.codecs.map(\.id.rawValue).joined(separator: ", ")
      reject(
        ParleyError(
          .protocolError,
          "no common codec: the client offered [\(hello.codecs.joined(separator: ", "))], the server supports [\(supported)]"
        ))
      return
    }
    if let secret = configuration.sharedSecret {
      guard let token = hello.token, constantTimeEquals(Array(token.utf8), Array(secret.utf8)) else {
        reject(ParleyError(.unauthenticated, "a valid shared-secret token is required"))
        return
      }
    }
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
      $0.handshakeDeadline = UInt64.max
    }
    server.connectionAuthenticated()
    var welcome = Envelope(kind: .welcome)
    welcome.welcome = Welcome(
      codec: codec.id.rawValue, maxFrame: configuration.maxFrameSize,
      heartbeatMs: Int(configuration.heartbeatInterval.nanoseconds / 1_000_000),
      maxInFlight: configuration.maxInFlightPerConnection, contracts: served, name: configuration.name)
    core.sendHandshake(welcome)
    core.setCodec(codec, peerMaxFrame: hello.maxFrame ?? WireProtocol.defaultMaxFrameSize)
  }

  private func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    var difference = UInt8(a.count == b.count ? 0 : 1)
    for index in 0..<max(a.count, b.count) {
      difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
    }
    return difference == 0
  }

  private func fail(_ id: UInt64, _ error: ParleyError) {
    core.send(.reply(id: id, error: error))
  }

  /// Resolves the handler and context of a call or oneway, or the error to answer with.
  private func resolve(_ envelope: Envelope, oneway: Bool) -> Result<
    (IncomingCall, ServiceRegistration), ParleyError
  > {
    guard let contract = envelope.contract, let service = envelope.service, let method = envelope.method,
      let version = envelope.contractVersion
    else {
      return .failure(
        ParleyError(.protocolError, "a call needs \"contract\", \"cv\", \"service\" and \"method\""))
    }
    let registration: ServiceRegistration
    switch server.route(contract: contract, version: version, service: service) {
    case .success(let found): registration = found
    case .failure(let error): return .failure(error)
    }
    let exists = oneway ? registration.onewayMethods[method] != nil : registration.methods[method] != nil
    guard exists else {
      return .failure(
        ParleyError(
          .methodNotFound,
          "service \(service) of \(contract) has no \(oneway ? "oneway " : "")method \(method)"))
    }
    let context = envelope.context ?? CallContext(root: CallContext.makeRoot(), chain: [service], depth: 1)
    guard context.depth <= configuration.maxDepth else {
      return .failure(
        ParleyError(
          .maxDepthExceeded,
          "the call chain is \(context.depth) deep, above this server's maximum of \(configuration.maxDepth)"
        ))
    }
    var deadline: ContinuousClock.Instant?
    if let timeoutMs = envelope.timeoutMs {
      guard timeoutMs > 0 else {
        return .failure(ParleyError(.timeout, "the call arrived with no time left", mayHaveRun: false))
      }
      deadline = ContinuousClock.now.advanced(by: .milliseconds(min(timeoutMs, Int64(Int32.max))))
    }
    let call = IncomingCall(
      payload: envelope.payload ?? [], codec: core.codec.id, contract: contract, contractVersion: version,
      service: service, method: method, callID: envelope.id, context: context, deadline: deadline,
      peer: identity)
    return .success((call, registration))
  }

  private func handleCall(_ envelope: Envelope) {
    guard let id = envelope.id else {
      let error = ParleyError(.protocolError, "a call needs a numeric \"id\"")
      core.close(sending: .closing(.goaway, error), reason: error)
      return
    }
    let resolved = resolve(envelope, oneway: false)
    guard case .success(let (call, registration)) = resolved, let handler = registration.methods[call.method]
    else {
      if case .failure(let error) = resolved { fail(id, error) }
      return
    }
    let deadlineNanos = envelope.timeoutMs.map { Sys.now() + UInt64($0) * 1_000_000 } ?? UInt64.max
    let refusal = state.withLock { state -> ParleyError? in
      if state.draining {
        return ParleyError(.shuttingDown, "the server is shutting down", mayHaveRun: false)
      }
      if state.inbound[id] != nil {
        return ParleyError(
          .protocolError, "call id \(id) is already in flight on this connection", mayHaveRun: false)
      }
      if state.inbound.count >= configuration.maxInFlightPerConnection {
        return ParleyError(
          .overloaded,
          "\(configuration.maxInFlightPerConnection) calls are already running for this connection",
          mayHaveRun: false)
      }
      var entry = Inbound(deadline: deadlineNanos)
      entry.task = Task { [self] in
        let outcome = await run(handler, call, deadline: envelope.timeoutMs == nil ? nil : deadlineNanos)
        finish(id, outcome)
      }
      state.inbound[id] = entry
      return nil
    }
    if let refusal {
      fail(id, refusal)
      return
    }
    if deadlineNanos != UInt64.max, !core.timerIsSet(before: deadlineNanos) {
      core.scheduleTimer(at: deadlineNanos)
    }
  }

  private func run(_ handler: MethodHandler, _ call: IncomingCall, deadline: UInt64?) async -> Result<
    [UInt8], ParleyError
  > {
    do {
      let reply = try await CallContext.$current.withValue(call.context) {
        try await InheritedDeadline.$current.withValue(deadline) { try await handler(call) }
      }
      if !reply.isEmpty, call.codec == .json, (try? JSONReader.validate(reply)) == nil {
        return .failure(ParleyError(.internal, "the handler returned a malformed reply", mayHaveRun: true))
      }
      return .success(reply)
    } catch let error as ParleyError {
      var sent = ParleyError(
        error.code, error.message, mayHaveRun: error.mayHaveRun, violations: error.violations,
        application: error.application)
      if error.code == .application { sent.mayHaveRun = true }
      return .failure(sent)
    } catch is CancellationError {
      return .failure(ParleyError(.cancelled, "the handler was cancelled", mayHaveRun: true))
    } catch {
      return .failure(ParleyError(.internal, "the handler failed with an internal error", mayHaveRun: true))
    }
  }

  private func finish(_ id: UInt64, _ outcome: Result<[UInt8], ParleyError>) {
    guard let entry = state.withLock({ $0.inbound.removeValue(forKey: id) }), !entry.answered else { return }
    let envelope: Envelope
    switch outcome {
    case .success(let payload): envelope = .reply(id: id, payload: payload)
    case .failure(let error): envelope = .reply(id: id, error: error)
    }
    if let error = core.send(envelope), error.code == .overloaded {
      let failure = ParleyError(.overloaded, "the client is not reading its replies")
      core.close(sending: .closing(.goaway, failure), reason: failure)
    }
  }

  private func handleOneway(_ envelope: Envelope) {
    guard case .success(let (call, registration)) = resolve(envelope, oneway: true),
      let handler = registration.onewayMethods[call.method]
    else {
      core.protocolViolations.add(1, ordering: .relaxed)  // oneway: no reply, no error
      return
    }
    state.withLock { state in
      guard !state.draining, state.oneways.count < configuration.maxInFlightPerConnection else { return }
      let key = state.nextOneway
      state.nextOneway += 1
      state.oneways[key] = Task { [self] in
        try? await CallContext.$current.withValue(call.context) { try await handler(call) }
        _ = self.state.withLock { $0.oneways.removeValue(forKey: key) }
      }
    }
  }

  private func handleCancel(_ envelope: Envelope) {
    guard let id = envelope.id else { return }
    let task = state.withLock { state -> Task<Void, Never>? in
      guard var entry = state.inbound[id], !entry.answered else { return nil }
      entry.answered = true  // the caller gave up: no reply follows a cancel
      state.inbound[id] = entry
      return entry.task
    }
    task?.cancel()
  }

  // MARK: Timers, draining, closing

  func coreTimer(_ core: ConnectionCore, now: UInt64) -> UInt64? {
    let (expired, handshakeExpired, next) = state.withLock {
      state -> ([(UInt64, Task<Void, Never>?)], Bool, UInt64?) in
      var expired: [(UInt64, Task<Void, Never>?)] = []
      var next = UInt64.max
      for (id, entry) in state.inbound where !entry.answered {
        if entry.deadline <= now {
          expired.append((id, entry.task))
        } else {
          next = min(next, entry.deadline)
        }
      }
      for (id, _) in expired { state.inbound[id]?.answered = true }
      let handshakeExpired = state.phase == .awaitingHello && state.handshakeDeadline <= now
      if state.phase == .awaitingHello, !handshakeExpired { next = min(next, state.handshakeDeadline) }
      return (expired, handshakeExpired, next == UInt64.max ? nil : next)
    }
    for (id, task) in expired {
      task?.cancel()
      fail(
        id,
        ParleyError(.timeout, "the call's deadline passed while the handler was running", mayHaveRun: true))
    }
    if handshakeExpired {
      reject(ParleyError(.protocolError, "no hello within the handshake timeout"))
    }
    return next
  }

  /// Refuses new calls from now on (`SHUTTING_DOWN`, did not run).
  func beginDrain() {
    state.withLock { $0.draining = true }
  }

  /// Fails what still runs with `SHUTTING_DOWN`, says `goaway` and closes.
  func terminate() async {
    let (unanswered, tasks) = state.withLock { state -> ([UInt64], [Task<Void, Never>]) in
      state.draining = true
      var ids: [UInt64] = []
      var tasks: [Task<Void, Never>] = []
      for (id, entry) in state.inbound {
        if !entry.answered { ids.append(id) }
        state.inbound[id]?.answered = true
        if let task = entry.task { tasks.append(task) }
      }
      tasks.append(contentsOf: state.oneways.values)
      return (ids, tasks)
    }
    for task in tasks { task.cancel() }
    for id in unanswered {
      fail(id, ParleyError(.shuttingDown, "the server shut down before the call finished", mayHaveRun: true))
    }
    let goaway = ParleyError(.shuttingDown, "the server is shutting down")
    core.close(sending: .closing(.goaway, goaway), reason: goaway)
    await core.waitUntilChannelClosed()
  }

  func coreClosed(_ core: ConnectionCore, error: ParleyError) {
    let tasks = state.withLock { state -> [Task<Void, Never>] in
      state.phase = .closed
      var tasks = state.inbound.values.compactMap(\.task)
      tasks.append(contentsOf: state.oneways.values)
      for id in state.inbound.keys { state.inbound[id]?.answered = true }
      return tasks
    }
    for task in tasks { task.cancel() }
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
