import Synchronization

/// A client that stays connected: it owns a ``ClientConnection`` and replaces it when it fails,
/// with exponential backoff and jitter, re-running registered ready actions (service
/// registration, subscriptions) on every new connection before calls flow again.
///
/// It is a ``ParleyCallTransport``, so generated clients get reconnection, safe retries,
/// wait-for-ready and the oneway queue by taking a `ParleyClient` instead of a connection:
///
/// ```swift
/// let client = try await ParleyClient.connect(to: .unix(path: "/run/shop/orders.sock"))
/// let orders = Shop.OrderServiceClient(client)          // generated
/// let order = try await orders.getOrder(id: "ord_42")   // retried when safe
/// for await state in client.states { print(state) }     // connecting, ready, …
/// await client.close()
/// ```
///
/// - Calls while disconnected fail at once with `NOT_CONNECTED` (did not run), unless
///   ``CallOptions/waitForReady`` or ``ParleyClientConfiguration/waitsForReady`` asks to wait
///   for a connection within the call's deadline. A call made while an attempt is under way
///   waits for that attempt's outcome.
/// - Failed calls are repeated only when safe, within the deadline and the retry budget (see
///   ``RetryPolicy``). A call is never sent twice otherwise.
/// - Oneway messages sent while disconnected wait in a bounded queue and are sent once, in
///   order, when a connection is ready; a full queue throws `OVERLOADED`.
/// - Ready actions (``addReadyAction(named:_:)``) run on each new connection before it is
///   published as ready: a gateway service re-registers, a subscriber re-subscribes.
///
/// The client keeps reconnecting until ``close()`` is called or its ``BackoffPolicy`` gives up.
public final class ParleyClient: ParleyCallTransport, Sendable {
  /// Opens one connection (the default connects to the endpoint with the configuration given).
  public typealias Connector = @Sendable (ClientConfiguration) async throws -> ClientConnection
  /// Work to do on every new connection before it is used, e.g. registering with a gateway.
  public typealias ReadyAction = @Sendable (ClientConnection) async throws -> Void

  /// Identifies a registered ready action (for ``removeReadyAction(_:)``).
  public struct ReadyActionID: Sendable, Hashable {
    let value: UInt64
  }

  struct Action: Sendable {
    var id: UInt64
    var name: String
    var body: ReadyAction
  }

  struct Waiter {
    var continuation: UnsafeContinuation<ClientConnection, any Error>
    var waitsForReady: Bool
  }

  struct QueuedOneway {
    var contract: String
    var version: Int
    var service: String
    var method: String
    var payload: [UInt8]
    var payloadCodec: WireCodec
    var context: CallContext?
  }

  struct State {
    var phase: ConnectionState = .idle
    var connection: ClientConnection?
    var lastCodec: WireCodec?
    var lastError: ParleyError?
    var observers: [UInt64: AsyncStream<ConnectionState>.Continuation] = [:]
    var waiters: [UInt64: Waiter] = [:]
    var actions: [Action] = []
    var oneways: [QueuedOneway] = []
    var onewayBytes = 0
    var monitor: Task<Void, Never>?
    var closing = false
    var nextID: UInt64 = 1
    var random: JitterRandom
    var statistics = ParleyClientStatistics(
      connectionsMade: 0, failedAttempts: 0, retries: 0, queuedOneways: 0, droppedOneways: 0)

    mutating func makeID() -> UInt64 {
      defer { nextID += 1 }
      return nextID
    }
  }

  /// States an observer that does not keep up may fall behind by; older ones are dropped.
  public static let stateBufferSize = 1024

  /// What the client connects to (a description for errors).
  public let target: String
  /// The configuration in use.
  public let configuration: ParleyClientConfiguration
  let connector: Connector
  let state: Mutex<State>

  /// Creates a client for `endpoint`; it connects on ``start()``, ``connect(to:configuration:timeout:)``
  /// or the first call.
  public convenience init(
    to endpoint: Endpoint, configuration: ParleyClientConfiguration = ParleyClientConfiguration()
  ) {
    self.init(target: endpoint.description, configuration: configuration) { connection in
      try await ClientConnection.connect(to: endpoint, configuration: connection)
    }
  }

  /// Creates a client whose connections come from `connector` (e.g. an in-process pair, or a
  /// custom transport); `target` names the peer in errors.
  public init(
    target: String, configuration: ParleyClientConfiguration = ParleyClientConfiguration(),
    connector: @escaping Connector
  ) {
    self.target = target
    self.configuration = configuration
    self.connector = connector
    self.state = Mutex(State(random: JitterRandom(seed: configuration.jitterSeed)))
  }

  /// Creates a client for `endpoint`, starts it and waits for the first ready connection.
  /// - Parameter timeout: how long to wait (default: the connection's connect plus handshake
  ///   timeouts).
  /// - Throws: ``ParleyError``: `NOT_CONNECTED` with the first attempt's error when it fails, or
  ///   `TIMEOUT`; the client is closed then.
  public static func connect(
    to endpoint: Endpoint, configuration: ParleyClientConfiguration = ParleyClientConfiguration(),
    timeout: Duration? = nil
  ) async throws -> ParleyClient {
    let client = ParleyClient(to: endpoint, configuration: configuration)
    let wait =
      timeout ?? (configuration.connection.connectTimeout + configuration.connection.handshakeTimeout)
    do {
      _ = try await client.readyConnection(waitsForReady: false, deadline: Sys.now() &+ wait.nanoseconds)
    } catch {
      await client.close()
      throw error
    }
    return client
  }

  // MARK: Observing

  /// The current state.
  public var currentState: ConnectionState { state.withLock { $0.phase } }

  /// The states from now on, starting with the current one and ending after `shutdown`. Each
  /// access gives a new sequence; an observer that falls behind by more than
  /// ``stateBufferSize`` states loses the oldest.
  public var states: AsyncStream<ConnectionState> {
    let (stream, continuation) = AsyncStream.makeStream(
      of: ConnectionState.self, bufferingPolicy: .bufferingNewest(Self.stateBufferSize))
    let id = state.withLock { $0.makeID() }
    continuation.onTermination = { [weak self] _ in
      _ = self?.state.withLock { $0.observers.removeValue(forKey: id) }
    }
    let ended = state.withLock { state -> Bool in
      continuation.yield(state.phase)
      if case .shutdown = state.phase { return true }
      state.observers[id] = continuation
      return false
    }
    if ended { continuation.finish() }
    return stream
  }

  /// The ready connection, if any (for layers that send their own envelopes).
  public var connection: ClientConnection? {
    state.withLock { state in
      guard case .ready = state.phase, let connection = state.connection, !connection.isClosed else {
        return nil
      }
      return connection
    }
  }

  /// The codec generated clients encode payloads in: the current connection's, else the last
  /// negotiated one, else the first offered. Payloads state their codec with each call
  /// (`payloadCodec`), so one encoded before a reconnect that negotiated another codec is still
  /// read right (it is marked).
  public var codec: WireCodec {
    state.withLock { state in
      state.connection?.codec ?? state.lastCodec ?? configuration.connection.codecs.first?.id ?? .json
    }
  }

  /// Counters of this client.
  public var statistics: ParleyClientStatistics {
    state.withLock { state in
      var statistics = state.statistics
      statistics.queuedOneways = state.oneways.count
      return statistics
    }
  }

  // MARK: Lifecycle

  /// Starts connecting in the background (once; later calls do nothing).
  public func start() {
    state.withLock { state in
      guard case .idle = state.phase, !state.closing, state.monitor == nil else { return }
      state.monitor = Task { await self.maintain() }
    }
  }

  /// Stops reconnecting and closes the connection: pending calls fail with `CONNECTION_LOST`,
  /// waiting calls with `NOT_CONNECTED`, queued oneways are dropped; the state becomes
  /// `shutdown(nil)` and the state sequences end. Returns once the connection is closed.
  public func close() async {
    let (monitor, connection) = state.withLock { state -> (Task<Void, Never>?, ClientConnection?) in
      state.closing = true
      defer { state.connection = nil }
      return (state.monitor, state.connection)
    }
    shutDown(nil)
    monitor?.cancel()
    if let connection { await connection.close() }
    await monitor?.value
  }

  // MARK: The connection loop

  /// Connects, runs the ready actions, publishes ready, waits for the loss, backs off, repeats;
  /// until closed or the backoff policy gives up.
  private func maintain() async {
    var attempt = 0
    var outageStart = ContinuousClock.now
    while !isClosing {
      attempt += 1
      publish(.connecting(attempt: attempt))
      var failure: ParleyError
      do {
        let connection = try await connector(configuration.connection)
        if isClosing {
          await connection.close()
          return
        }
        let loss = ConnectionLossSignal()
        connection.attach(timer: nil) { loss.fire($0) }
        if let error = await prepare(connection) {
          await connection.close()
          failure = error
        } else {
          attempt = 0
          let lost = await loss.wait()
          if isClosing { return }
          state.withLock { state in
            if state.connection === connection { state.connection = nil }
          }
          outageStart = ContinuousClock.now
          failure = lost
        }
      } catch {
        failure = Self.parleyError(error)
      }
      if isClosing { return }
      let decision = state.withLock { state -> BackoffPolicy.Decision in
        state.lastError = failure
        if attempt > 0 { state.statistics.failedAttempts += 1 }
        return configuration.reconnect.next(
          afterFailedAttempt: attempt, elapsed: ContinuousClock.now - outageStart, using: &state.random)
      }
      switch decision {
      case .giveUp:
        shutDown(
          ParleyError(
            .notConnected,
            "gave up connecting to \(target) after \(attempt) attempt\(attempt == 1 ? "" : "s"): \(failure.message)",
            mayHaveRun: false))
        return
      case .retry(let delay):
        publish(.transientFailure(ConnectionFailure(error: failure, attempt: attempt, retryDelay: delay)))
        try? await Task.sleep(for: delay)
      }
    }
  }

  /// Runs the ready actions on a new connection, then publishes it as ready (flushing queued
  /// oneways first). Returns the error that makes this attempt fail, or `nil` once ready.
  private func prepare(_ connection: ClientConnection) async -> ParleyError? {
    var lastRun: UInt64 = 0
    while true {
      let pending = state.withLock { $0.actions.filter { $0.id > lastRun } }
      for action in pending {
        do {
          try await run(action, on: connection)
        } catch {
          let cause = Self.parleyError(error)
          return ParleyError(
            cause.code, "ready action \"\(action.name)\" failed: \(cause.message)", mayHaveRun: false)
        }
        lastRun = action.id
      }
      enum Outcome { case ready([Waiter]), moreActions, closing }
      let outcome = state.withLock { state -> Outcome in
        if state.closing { return .closing }
        if state.actions.contains(where: { $0.id > lastRun }) { return .moreActions }
        flushOneways(on: connection, state: &state)
        state.connection = connection
        state.lastCodec = connection.codec
        state.statistics.connectionsMade += 1
        let waiters = Array(state.waiters.values)
        state.waiters = [:]
        setPhase(.ready, state: &state)
        return .ready(waiters)
      }
      switch outcome {
      case .moreActions: continue
      case .closing: return ParleyError(.notConnected, "the client is closed", mayHaveRun: false)
      case .ready(let waiters):
        for waiter in waiters { waiter.continuation.resume(returning: connection) }
        return nil
      }
    }
  }

  /// Sends the queued oneways in order; stops (keeping the rest) if the connection is gone.
  private func flushOneways(on connection: ClientConnection, state: inout State) {
    while let first = state.oneways.first {
      do {
        try CallContext.$current.withValue(first.context) {
          try connection.oneway(
            contract: first.contract, version: first.version, service: first.service, method: first.method,
            payload: first.payload, payloadCodec: first.payloadCodec)
        }
      } catch let error as ParleyError where error.code == .notConnected {
        return  // not sent: it stays first in line for the next connection
      } catch {
        state.statistics.droppedOneways += 1
      }
      state.oneways.removeFirst()
      state.onewayBytes -= first.payload.count
    }
  }

  var isClosing: Bool { state.withLock { $0.closing } }

  /// Moves to `phase` (not `ready` or `shutdown`, which have their own paths) and fails the
  /// fail-fast waiters when it is a transient failure.
  private func publish(_ phase: ConnectionState) {
    let failed = state.withLock { state -> [Waiter] in
      if state.closing { return [] }
      setPhase(phase, state: &state)
      guard case .transientFailure = phase else { return [] }
      let failFast = state.waiters.filter { !$0.value.waitsForReady }
      for id in failFast.keys { state.waiters[id] = nil }
      return Array(failFast.values)
    }
    if case .transientFailure(let failure) = phase {
      let error = notConnected(failure.error)
      for waiter in failed { waiter.continuation.resume(throwing: error) }
    }
  }

  func setPhase(_ phase: ConnectionState, state: inout State) {
    state.phase = phase
    for observer in state.observers.values { observer.yield(phase) }
  }

  /// Ends the client: `shutdown(error)`, waiters fail, oneways are dropped, observers end.
  private func shutDown(_ error: ParleyError?) {
    let (waiters, observers) = state.withLock {
      state -> ([Waiter], [AsyncStream<ConnectionState>.Continuation]) in
      if case .shutdown = state.phase { return ([], []) }
      state.closing = true
      setPhase(.shutdown(error), state: &state)
      state.statistics.droppedOneways += state.oneways.count
      state.oneways = []
      state.onewayBytes = 0
      defer {
        state.waiters = [:]
        state.observers = [:]
      }
      return (Array(state.waiters.values), Array(state.observers.values))
    }
    let failure = error ?? ParleyError(.notConnected, "the client to \(target) is closed", mayHaveRun: false)
    for waiter in waiters { waiter.continuation.resume(throwing: failure) }
    for observer in observers { observer.finish() }
  }

  /// `NOT_CONNECTED` (did not run) explaining why there is no connection.
  func notConnected(_ cause: ParleyError?) -> ParleyError {
    if let cause, cause.code == .notConnected, cause.message.hasPrefix("gave up") { return cause }
    let reason = cause.map { ": \($0.message)" } ?? ""
    return ParleyError(.notConnected, "not connected to \(target)\(reason)", mayHaveRun: false)
  }

  static func parleyError(_ error: any Error) -> ParleyError {
    if let error = error as? ParleyError { return error }
    if error is CancellationError { return ParleyError(.cancelled, "cancelled", mayHaveRun: false) }
    return ParleyError(.internal, "\(error)", mayHaveRun: false)
  }
}
