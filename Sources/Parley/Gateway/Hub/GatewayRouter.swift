import Foundation
import Synchronization

/// The hub's routing state and rules: registered instances, forwarded calls, subscriptions and
/// statistics, under one lock. Every entry point runs on the I/O thread of the connection the
/// envelope came from; sends happen after the lock is released.
final class GatewayRouter: Sendable {
  typealias Key = ObjectIdentifier

  /// A registered instance. A class, changed in place under the router's lock: routing a call
  /// reads and counts it, and a copy of its fields would retain each of them.
  final class Instance {
    var instance: String
    let peer: ServerPeer
    /// The instance connection's codec (fixed once registered: registration follows the handshake).
    let codec: WireCodec
    var services: [GatewayServiceInfo]
    let connectedAt: Date
    var nextID: UInt64 = 1
    var inFlight = 0
    var routed = 0
    var errors = 0
    var health = InstanceHealth()

    init(
      instance: String, peer: ServerPeer, codec: WireCodec, services: [GatewayServiceInfo], connectedAt: Date
    ) {
      self.instance = instance
      self.peer = peer
      self.codec = codec
      self.services = services
      self.connectedAt = connectedAt
    }
  }

  /// A call forwarded to an instance, keyed by the gateway's id on that instance's connection.
  struct Route {
    var caller: Key
    var callerPeer: ServerPeer
    /// The caller connection's codec.
    var callerCodec: WireCodec
    var callerID: UInt64
    /// When the call was forwarded (monotonic ns), for its latency.
    var started: UInt64
    var abandonAt: UInt64
    /// The call opened a stream: it ends with `streamEnd`, and `streamItem`s flow until then.
    var stream: Bool
    /// The caller's `call` as it arrived, kept to try it on another instance after a refusal
    /// (its contract, service and method are checked before a route is made).
    var request: Envelope
    /// When the caller's budget runs out (`nil`: the call has no deadline).
    var deadline: UInt64?
    /// The instances this call was sent to before this one (usually none): a retry goes to none
    /// of them, nor to this one.
    var triedBefore: [Key]
    /// An item of the stream reached the caller: the call has run, it is never retried.
    var itemsForwarded = false

    var service: String { request.service ?? "" }
    var method: String { request.method ?? "" }
    var context: CallContext? { request.context }
  }

  /// The calls forwarded to one instance, by the gateway's id. A class, changed in place under the
  /// router's lock: removing a route from a table nested in the state's dictionary went through
  /// two `Dictionary` `modify` coroutines, each allocating its frame, on every reply.
  final class RouteTable {
    var byID: [UInt64: Route] = [:]
  }

  /// Anyone connected: its calls in flight (caller id → instance, gateway id) and subscriptions.
  /// A class, changed in place under the router's lock (a copy would copy both tables).
  final class Party {
    let peer: ServerPeer
    var outgoing: [UInt64: (instance: Key, id: UInt64)] = [:]
    var subscriptions: [UInt64: TopicPattern] = [:]
    /// What a caller's calls are stamped with, read once (a connection's identity and codec are
    /// fixed after its handshake; `nil` until its first call).
    var caller: (identity: PeerIdentity, codec: WireCodec)?
    /// The service the policy last allowed this caller to call (the policy and the caller's
    /// credentials never change, so the answer holds for the connection's life).
    var permitted: String?

    init(peer: ServerPeer) { self.peer = peer }
  }

  struct Counters {
    var calls = 0
    var errors = 0
    var cancelled = 0
    var retried = 0
    var latency = LatencyHistogram()
  }

  /// What routing a call chose, or why it is refused.
  private enum Choice {
    case forward(Forward)
    case refuse(ParleyError)
  }

  /// A call to send to an instance, chosen under the lock.
  private struct Forward {
    var target: ServerPeer
    var targetKey: Key
    var targetCodec: WireCodec
    var id: UInt64
    var from: PeerIdentity
    var callerCodec: WireCodec
    var othersInFlight: Bool
  }

  struct State {
    var instances: [Key: Instance] = [:]
    var byService: [String: [Key]] = [:]  // service name → instances, in registration order
    var cursor: [String: Int] = [:]  // round-robin position among equally loaded instances
    var routes: [Key: RouteTable] = [:]  // instance → gateway id → route
    var parties: [Key: Party] = [:]
    var subscriptionCount = 0
    var counters: [String: [String: Counters]] = [:]  // service → method → counters
    var forgedReplies = 0
    var undeliverable = 0
    var ejections = 0
    var droppedEvents = 0
    /// Scratch lists for choosing an instance, kept to be reused by every call (empty between).
    var serving: [Key] = []
    var healthy: [Key] = []
  }

  let configuration: GatewayConfiguration
  let state = Mutex(State())
  /// The configuration's observer (`nil`: lifecycle events are not built at all).
  let observer: ParleyObserver?
  /// Answers forwarded as their own bytes (``forwardAnswersAsBytes(from:)``), for tests.
  let answersForwardedAsBytes = Atomic<Int>(0)

  init(configuration: GatewayConfiguration) {
    self.configuration = configuration
    self.observer = configuration.observer
  }

  static func key(_ peer: ServerPeer) -> Key { ObjectIdentifier(peer.connection) }

  func send(_ envelope: Envelope, to peer: ServerPeer, flushNow: Bool = true) -> ParleyError? {
    peer.connection.core.send(envelope, flushNow: flushNow)
  }

  func emit(
    _ kind: ParleyLifecycleEvent.Kind, service: String? = nil, method: String? = nil,
    context: CallContext? = nil,
    instance: String? = nil, error: ParleyError? = nil, duration: Duration? = nil
  ) {
    guard let observer else { return }
    observer.emit(
      ParleyLifecycleEvent(
        kind: kind, source: "gateway", service: service, method: method, context: context, instance: instance,
        error: error, duration: duration))
  }

  // MARK: Registration

  /// Handles `register`: records (or replaces) the services of the instance on `peer`.
  func register(_ envelope: Envelope, from peer: ServerPeer) {
    let body: GatewayRegisterBody
    do throws(ParleyError) {
      body = try GatewayWire.decode(GatewayRegisterBody.self, from: envelope.payload)
      try Self.validate(body)
      let credentials = peer.identity.credentials
      for service in body.services
      where !configuration.policy.mayRegister(service.service, credentials: credentials) {
        throw ParleyError(
          .permissionDenied, "this user may not register service \(service.service) (gateway policy)",
          mayHaveRun: false)
      }
    } catch {
      if let id = envelope.id { _ = send(.reply(id: id, error: error), to: peer) }
      return
    }
    let key = Self.key(peer)
    state.withLock { state in
      if state.parties[key] == nil { state.parties[key] = Party(peer: peer) }
      // An instance id that registered before on another connection is replaced by this one.
      for (other, existing) in state.instances where other != key && existing.instance == body.instance {
        Self.unlist(other, existing, in: &state)
        state.instances[other] = nil
      }
      if let existing = state.instances[key] { Self.unlist(key, existing, in: &state) }
      let instance =
        state.instances[key]
        ?? Instance(instance: body.instance, peer: peer, codec: peer.codec, services: [], connectedAt: Date())
      instance.instance = body.instance
      instance.services = body.services
      state.instances[key] = instance
      for name in Set(body.services.map(\.service)) { state.byService[name, default: []].append(key) }
    }
    forwardAnswersAsBytes(from: peer)
    for service in body.services { emit(.registered, service: service.service, instance: body.instance) }
    if let id = envelope.id {
      _ = send(
        .reply(
          id: id,
          payload: GatewayWire.encode(
            GatewayRegisteredBody(instance: body.instance, gateway: configuration.server.name))), to: peer)
    }
  }

  private static func validate(_ body: GatewayRegisterBody) throws(ParleyError) {
    var violations: [ParleyError.Violation] = []
    if body.instance.isEmpty || body.instance.utf8.count > 256 {
      violations.append(.init(path: "instance", message: "must have 1 to 256 bytes"))
    }
    for (index, service) in body.services.enumerated() {
      if service.service.isEmpty {
        violations.append(.init(path: "services[\(index)].service", message: "is empty"))
      }
      if service.contract.isEmpty {
        violations.append(.init(path: "services[\(index)].contract", message: "is empty"))
      }
      if service.minVersion > service.version {
        violations.append(.init(path: "services[\(index)].minVersion", message: "is above version"))
      }
      if service.contract == GatewayWire.contract {
        violations.append(.init(path: "services[\(index)].contract", message: "is reserved for the gateway"))
      }
    }
    if !violations.isEmpty { throw ParleyError.validationFailed(violations) }
  }

  private static func unlist(_ key: Key, _ instance: Instance, in state: inout State) {
    for name in Set(instance.services.map(\.service)) {
      state.byService[name]?.removeAll { $0 == key }
      if state.byService[name]?.isEmpty == true { state.byService[name] = nil }
    }
  }

  // MARK: Calls

  /// Handles a caller's `call`: forwards it to a live instance or answers at once.
  func call(_ envelope: Envelope, from peer: ServerPeer) {
    guard let callerID = envelope.id else {
      let error = ParleyError(.protocolError, "a call needs a numeric \"id\"")
      peer.connection.core.close(sending: .closing(.goaway, error), reason: error)
      return
    }
    let failure: ParleyError
    switch forward(envelope, callerID: callerID, from: peer) {
    case .forwarded: return
    case .refused(let error): failure = error
    }
    emit(
      .failed, service: envelope.service, method: envelope.method, context: envelope.context, error: failure)
    // A call with `credit` opens a stream: its refusal is a `streamEnd`.
    let answer: Envelope =
      envelope.credit != nil ? .streamEnd(id: callerID, error: failure) : .reply(id: callerID, error: failure)
    _ = send(answer, to: peer)
  }

  private enum Forwarding {
    case forwarded
    case refused(ParleyError)
  }

  /// Forwards `envelope` to an instance not in `excluding`. An instance whose connection cannot
  /// take the frame (it was never written, so the call did not run) is excluded in turn and the
  /// next one is tried. `deadline` is the caller's (`nil`: from the envelope's `timeoutMs`).
  private func forward(
    _ envelope: Envelope, callerID: UInt64, from peer: ServerPeer, excluding: [Key] = [],
    deadline callerDeadline: UInt64? = nil
  ) -> Forwarding {
    guard let contract = envelope.contract, let service = envelope.service, let method = envelope.method,
      let version = envelope.contractVersion
    else {
      return .refused(
        ParleyError(.protocolError, "a call needs \"contract\", \"cv\", \"service\" and \"method\""))
    }
    let callerKey = Self.key(peer)
    let now = Sys.now()
    // At most Int32.max ms (24 days), as a server clamps it: a larger timeout must not wrap.
    let timeoutNanos = envelope.timeoutMs.map { UInt64(min(max(0, $0), Int64(Int32.max))) * 1_000_000 }
    let deadline = callerDeadline ?? timeoutNanos.map { now &+ $0 }
    var excluded = excluding
    var unsent: ParleyError?  // the last instance that could not take the frame
    while true {
      let choice = state.withLock { state -> Choice in
        choose(
          envelope, contract: contract, service: service, method: method, version: version,
          callerID: callerID, callerKey: callerKey, peer: peer, excluded: excluded, now: now,
          timeoutNanos: timeoutNanos, deadline: deadline, in: &state)
      }
      switch choice {
      case .refuse(let error): return .refused(unsent ?? error)
      case .forward(let chosen):
        var forwarded = envelope
        forwarded.id = chosen.id
        forwarded.from = chosen.from
        Self.carryPayloadCodec(&forwarded, from: chosen.callerCodec, to: chosen.targetCodec)
        // With other calls in flight to that instance, let its I/O thread send them together.
        if let error = send(forwarded, to: chosen.target, flushNow: !chosen.othersInFlight) {
          _ = takeRoute(instance: chosen.targetKey, id: chosen.id)
          unsent = ParleyError(
            error.code == .notConnected ? .connectionLost : error.code,
            "the call could not be forwarded to \(service): \(error.message)", mayHaveRun: false)
          // The frame was never written: another instance may take it while time remains.
          excluded.append(chosen.targetKey)
          if let deadline, deadline <= Sys.now() { return .refused(unsent ?? error) }
          continue
        }
        if observer != nil {
          let instance = state.withLock { $0.instances[chosen.targetKey]?.instance }
          emit(.dispatched, service: service, method: method, context: envelope.context, instance: instance)
        }
        return .forwarded
      }
    }
  }

  /// Chooses an instance for a call and records its route (under the lock), or says why none
  /// takes it. Checks in order: the policy, the chain's depth, the caller's id, then the
  /// instances (contract, version, method, ejection, load).
  private func choose(
    _ envelope: Envelope, contract: String, service: String, method: String, version: Int,
    callerID: UInt64, callerKey: Key, peer: ServerPeer, excluded: [Key], now: UInt64,
    timeoutNanos: UInt64?, deadline: UInt64?, in state: inout State
  ) -> Choice {
    let party = state.parties[callerKey]
    let caller: (identity: PeerIdentity, codec: WireCodec)
    var permitted = false
    if let party, let known = party.caller {
      caller = known
      permitted = party.permitted == service
    } else {
      caller = (peer.identity, peer.codec)
    }
    if !permitted, !configuration.policy.mayCall(service, credentials: caller.identity.credentials) {
      return .refuse(
        ParleyError(
          .permissionDenied, "this user may not call service \(service) (gateway policy)", mayHaveRun: false))
    }
    if let context = envelope.context, context.depth > configuration.maxDepth {
      return .refuse(
        ParleyError(
          .maxDepthExceeded,
          "the call chain \(context.chain.joined(separator: " → ")) is \(context.depth) deep, above the gateway's maximum of \(configuration.maxDepth)"
        ))
    }
    if let party, party.outgoing[callerID] != nil {
      return .refuse(
        ParleyError(.protocolError, "call id \(callerID) is already in flight on this connection"))
    }
    guard let candidates = state.byService[service], !candidates.isEmpty else {
      return .refuse(
        ParleyError(.serviceNotFound, "no instance of service \(service) is registered with the gateway"))
    }
    // One pass: instances of the contract, accepting the version, serving the method, and of
    // those the ones not ejected (the error messages are built only on failure). The lists are
    // the state's scratch lists, so a call allocates nothing here.
    var serving = state.serving
    var healthy = state.healthy
    state.serving = []
    state.healthy = []
    defer {
      serving.removeAll(keepingCapacity: true)
      healthy.removeAll(keepingCapacity: true)
      state.serving = serving
      state.healthy = healthy
    }
    var contractSeen = false
    var versionAccepted = false
    for key in candidates {
      guard let instance = state.instances[key],
        let info = instance.services.first(where: { $0.service == service && $0.contract == contract })
      else { continue }
      contractSeen = true
      guard info.accepts(version) else { continue }
      versionAccepted = true
      guard instance.services.contains(where: { $0.service == service && $0.serves(method) }),
        !excluded.contains(key)
      else { continue }
      serving.append(key)
      if instance.health.isEligible(now: now, inFlight: instance.inFlight) { healthy.append(key) }
    }
    guard contractSeen else {
      return .refuse(
        ParleyError(.serviceNotFound, "service \(service) is registered, but not for contract \(contract)"))
    }
    guard versionAccepted else {
      let versions = candidates.compactMap { key in
        state.instances[key]?.services.first { $0.service == service && $0.contract == contract }
          .map { "\($0.minVersion)...\($0.version)" }
      }
      return .refuse(
        ParleyError(
          .versionMismatch,
          "contract \(contract) version \(version) cannot talk to \(service): its instances accept versions \(Set(versions).sorted().joined(separator: ", "))"
        ))
    }
    guard !serving.isEmpty else {
      return .refuse(
        ParleyError(.methodNotFound, "service \(service) of \(contract) has no method \(method)"))
    }
    // Instances that are not ejected (all of them when every one is); then least calls in
    // flight, ties round-robin, so idle instances share the load.
    let pool = healthy.isEmpty ? serving : healthy
    let start = state.cursor[service, default: 0]
    var best: Instance?
    var bestKey: Key?
    var bestLoad = Int.max
    for offset in 0..<pool.count {
      let key = pool[(start + offset) % pool.count]
      guard let instance = state.instances[key] else { continue }
      if instance.inFlight < bestLoad {
        best = instance
        bestKey = key
        bestLoad = instance.inFlight
      }
    }
    state.cursor[service] = start &+ 1
    guard let instance = best, let target = bestKey else {
      return .refuse(ParleyError(.serviceNotFound, "no instance of service \(service) is available"))
    }
    let id = instance.nextID
    instance.nextID += 1
    instance.inFlight += 1
    instance.routed += 1
    let stream =
      envelope.credit != nil
      || instance.services.contains { $0.service == service && $0.streams.contains(method) }
    // A stream without a deadline may run for as long as its caller wants.
    let abandonAt =
      timeoutNanos.map { now &+ $0 &+ configuration.abandonAfter.nanoseconds }
      ?? (stream ? UInt64.max : now &+ 3_600 * 1_000_000_000)
    let table: RouteTable
    if let existing = state.routes[target] {
      table = existing
    } else {
      table = RouteTable()
      state.routes[target] = table
    }
    table.byID[id] = Route(
      caller: callerKey, callerPeer: peer, callerCodec: caller.codec, callerID: callerID, started: now,
      abandonAt: abandonAt, stream: stream, request: envelope, deadline: deadline, triedBefore: excluded)
    let record = party ?? Party(peer: peer)
    record.outgoing[callerID] = (target, id)
    record.caller = caller
    record.permitted = service
    if party == nil { state.parties[callerKey] = record }
    return .forward(
      Forward(
        target: instance.peer, targetKey: target, targetCodec: instance.codec, id: id, from: caller.identity,
        callerCodec: caller.codec, othersInFlight: instance.inFlight > 1))
  }

  /// Removes a route and its caller's record; returns it.
  func takeRoute(instance key: Key, id: UInt64) -> Route? {
    state.withLock { state in Self.takeRoute(instance: key, id: id, in: &state) }
  }

  /// An instance's table of routes stays while the instance is connected, even when empty (so
  /// that one call at a time does not allocate a table per call); ``closed(_:)`` removes it.
  static func takeRoute(instance key: Key, id: UInt64, in state: inout State) -> Route? {
    // Looked up, then changed through the class references: no `Dictionary` `modify` coroutine.
    guard let table = state.routes[key], let route = table.byID.removeValue(forKey: id) else { return nil }
    if let instance = state.instances[key] { instance.inFlight -= 1 }
    if let party = state.parties[route.caller] { party.outgoing.removeValue(forKey: route.callerID) }
    return route
  }

  /// Handles a `reply` (or a stream's `streamEnd`) from an instance: delivers it to the caller
  /// whose call it answers, or drops and counts it.
  func reply(_ envelope: Envelope, from peer: ServerPeer) {
    let key = Self.key(peer)
    guard let id = envelope.id else {
      state.withLock { $0.forgedReplies += 1 }
      return
    }
    let failed = envelope.ok != true
    let now = Sys.now()
    let error = failed ? envelope.error : nil
    guard let found = settle(id: id, kind: envelope.kind, failed: failed, error: error, from: peer, now: now)
    else { return }
    let route = found.route
    report(found.ejection)
    if found.retry {
      if self.retry(route, instance: key, now: now) { return }
      state.withLock { Self.count(route, error: true, cancelled: false, in: &$0) }
    }
    var answer = envelope
    answer.id = route.callerID
    Self.carryPayloadCodec(&answer, from: found.instanceCodec, to: route.callerCodec)
    // While the caller waits for more replies, let its I/O thread send them together.
    _ = send(answer, to: route.callerPeer, flushNow: !found.callerWaitsForMore)
    delivered(route, failed: failed, error: error)
  }

  /// Takes the route of answer `id` (a `reply` or `streamEnd`, `failed` with `error` or not) from
  /// the instance on `peer` and records the answer for the instance's health and the method's
  /// counters, under the lock. `nil` when that instance has no such call in flight: the answer is
  /// dropped and counted as forged (except a stream's end, which may follow a cancel).
  func settle(
    id: UInt64, kind: EnvelopeKind, failed: Bool, error: ParleyError?, from peer: ServerPeer, now: UInt64
  ) -> Answered? {
    let key = Self.key(peer)
    return state.withLock { state -> Answered? in
      guard let route = Self.takeRoute(instance: key, id: id, in: &state) else {
        if kind != .streamEnd { state.forgedReplies += 1 }  // a stream's end after a cancel
        return nil
      }
      let instance = state.instances[key]
      let codec = instance?.codec ?? peer.codec
      let ejection: Ejection?
      if failed {
        instance?.errors += 1
        ejection = recordHealth(of: key, code: error?.code ?? .internal, now: now, in: &state)
      } else {
        instance?.health.recordAnswer(now: now)
        ejection = nil
      }
      let retry = failed && Self.mayRetry(route, after: error, now: now) && state.parties[route.caller] != nil
      if !retry { Self.count(route, error: failed, cancelled: false, now: now, in: &state) }
      return Answered(
        route: route, instanceCodec: codec,
        callerWaitsForMore: state.parties[route.caller]?.outgoing.isEmpty == false, ejection: ejection,
        retry: retry)
    }
  }

  /// Reports an answer forwarded to its caller to the observer, if any.
  func delivered(_ route: Route, failed: Bool, error: ParleyError?) {
    guard observer != nil else { return }
    emit(
      failed ? .failed : .delivered, service: route.service, method: route.method, context: route.context,
      error: error, duration: .nanoseconds(Int64(clamping: Sys.now() &- route.started)))
  }

  /// A reply's route, taken under the lock, and what to do with the reply.
  struct Answered {
    var route: Route
    var instanceCodec: WireCodec
    var callerWaitsForMore: Bool
    var ejection: Ejection?
    var retry: Bool
  }

  /// Refusals that mean the instance did not run the call and another one may: with
  /// `mayHaveRun: false`, the instance's own state (shutting down, overloaded, its connection),
  /// never the call's (`VALIDATION_FAILED`, `METHOD_NOT_FOUND`, …).
  static let retriedCodes: Set<ParleyError.Code> = [
    .shuttingDown, .overloaded, .connectionLost, .notConnected,
  ]

  /// Whether a call refused with `error` is tried on another instance: it certainly did not run,
  /// no item of it reached the caller, and time remains.
  static func mayRetry(_ route: Route, after error: ParleyError?, now: UInt64) -> Bool {
    guard let error, !error.mayHaveRun, retriedCodes.contains(error.code), !route.itemsForwarded else {
      return false
    }
    return route.deadline.map { $0 > now &+ 1_000_000 } ?? true
  }

  /// Forwards a refused call to an instance it has not been sent to, with the rest of its
  /// budget; returns whether one took it.
  private func retry(_ route: Route, instance: Key, now: UInt64) -> Bool {
    var request = route.request
    if let deadline = route.deadline {
      guard deadline > now &+ 1_000_000 else { return false }
      request.timeoutMs = Int64((deadline &- now) / 1_000_000)
    }
    guard
      case .forwarded = forward(
        request, callerID: route.callerID, from: route.callerPeer, excluding: route.triedBefore + [instance],
        deadline: route.deadline)
    else { return false }
    state.withLock { state in
      Self.modifyCounters(service: route.service, method: route.method, in: &state) { $0.retried += 1 }
    }
    return true
  }

  /// Counts a call's end for its method (`now`: when it ended, for its latency). The counters
  /// are changed where they are stored: a copy would copy the latency histogram's buckets.
  static func count(
    _ route: Route, error: Bool, cancelled: Bool, now: UInt64 = Sys.now(), in state: inout State
  ) {
    let latency = now &- route.started
    Self.modifyCounters(service: route.service, method: route.method, in: &state) { counters in
      if cancelled {
        counters.cancelled += 1
      } else {
        counters.calls += 1
        if error { counters.errors += 1 }
        counters.latency.record(nanoseconds: latency)
      }
    }
  }

  /// Runs `change` on the counters of `method` of `service`, in place.
  static func modifyCounters(
    service: String, method: String, in state: inout State, _ change: (inout Counters) -> Void
  ) {
    change(&state.counters[service, default: [:]][method, default: Counters()])
  }

  /// Handles a caller's `cancel`: forwards it to the instance running the call. Returns whether
  /// the id belonged to a forwarded call.
  func cancel(_ envelope: Envelope, from peer: ServerPeer) -> Bool {
    guard let callerID = envelope.id else { return false }
    let callerKey = Self.key(peer)
    let target = state.withLock { state -> (ServerPeer, UInt64)? in
      guard let (instance, id) = state.parties[callerKey]?.outgoing[callerID],
        let route = Self.takeRoute(instance: instance, id: id, in: &state),
        let peer = state.instances[instance]?.peer
      else { return nil }
      Self.count(route, error: false, cancelled: true, in: &state)
      return (peer, id)
    }
    guard let (instance, id) = target else { return false }
    _ = send(Envelope(kind: .cancel, id: id), to: instance)
    return true
  }

  /// Handles a `oneway`: forwards it to one live instance that speaks its version, or counts it.
  func oneway(_ envelope: Envelope, from peer: ServerPeer) {
    guard let service = envelope.service, let contract = envelope.contract,
      let version = envelope.contractVersion
    else {
      state.withLock { $0.undeliverable += 1 }
      return
    }
    if let context = envelope.context, context.depth > configuration.maxDepth {
      state.withLock { $0.undeliverable += 1 }
      return
    }
    guard configuration.policy.mayCall(service, credentials: peer.identity.credentials) else {
      state.withLock { $0.undeliverable += 1 }
      return
    }
    let target = state.withLock { state -> ServerPeer? in
      let speaking = (state.byService[service] ?? []).filter { key in
        state.instances[key]?.services.contains {
          $0.service == service && $0.contract == contract && $0.accepts(version)
        }
          == true
      }
      guard !speaking.isEmpty else {
        state.undeliverable += 1
        return nil
      }
      let position = state.cursor[service, default: 0]
      state.cursor[service] = position &+ 1
      return state.instances[speaking[position % speaking.count]]?.peer
    }
    guard let target else { return }
    var forwarded = envelope
    forwarded.id = nil
    forwarded.from = peer.identity
    Self.carryPayloadCodec(&forwarded, from: peer, to: target)
    if send(forwarded, to: target) != nil {
      // The instance's send queue is full (it stopped reading: its oneway handlers are behind).
      state.withLock { $0.undeliverable += 1 }
      return
    }
    emit(.dispatched, service: service, method: envelope.method, context: envelope.context)
  }

  // MARK: Events

  /// Handles `subscribe`: records the pattern, then acknowledges (so no later event is missed).
  func subscribe(_ envelope: Envelope, from peer: ServerPeer) {
    guard let id = envelope.id else { return }
    let key = Self.key(peer)
    let outcome: Result<TopicPattern, ParleyError>
    do {
      let body = try GatewayWire.decode(GatewaySubscribeBody.self, from: envelope.payload)
      outcome = .success(try TopicPattern(body.topic))
    } catch {
      outcome = .failure(error)
    }
    let refusal = state.withLock { state -> ParleyError? in
      guard case .success(let pattern) = outcome else { return nil }
      if state.parties[key] == nil { state.parties[key] = Party(peer: peer) }
      guard let party = state.parties[key] else { return nil }
      if party.subscriptions.count >= configuration.maxSubscriptionsPerConnection {
        return ParleyError(
          .overloaded,
          "this connection already holds \(configuration.maxSubscriptionsPerConnection) subscriptions")
      }
      if party.subscriptions.updateValue(pattern, forKey: id) == nil { state.subscriptionCount += 1 }
      return nil
    }
    switch outcome {
    case .failure(let error): _ = send(.reply(id: id, error: error), to: peer)
    case .success(let pattern):
      if let refusal {
        _ = send(.reply(id: id, error: refusal), to: peer)
      } else {
        _ = send(
          .reply(
            id: id,
            payload: GatewayWire.encode(GatewaySubscribeBody(topic: pattern.description, subscription: id))),
          to: peer)
        emit(.subscribed, method: pattern.description)
      }
    }
  }

  /// Handles `unsubscribe`.
  func unsubscribe(_ envelope: Envelope, from peer: ServerPeer) {
    let key = Self.key(peer)
    let body = try? GatewayWire.decode(GatewayUnsubscribeBody.self, from: envelope.payload)
    if let body {
      state.withLock { state in
        if state.parties[key]?.subscriptions.removeValue(forKey: body.subscription) != nil {
          state.subscriptionCount -= 1
        }
      }
    }
    if let id = envelope.id { _ = send(.reply(id: id, payload: Array("{}".utf8)), to: peer) }
  }

  /// Handles `event`: delivers it once to every connection with a matching subscription, in the
  /// order the publisher sent its events; acknowledges when it carries an id.
  func publish(_ envelope: Envelope, from peer: ServerPeer) {
    guard let contract = envelope.contract, let name = envelope.method else {
      if let id = envelope.id {
        _ = send(
          .reply(id: id, error: ParleyError(.protocolError, "an event needs \"contract\" and \"method\"")),
          to: peer)
      }
      return
    }
    let topic = GatewayWire.topic(contract: contract, event: name)
    let subscribers = state.withLock { state -> [ServerPeer] in
      let found = state.parties.values.filter { party in
        party.subscriptions.values.contains { $0.matches(topic) }
      }
      .map(\.peer)
      if found.isEmpty { state.undeliverable += 1 }
      return found
    }
    var event = envelope
    event.id = nil
    event.from = peer.identity
    // A subscriber whose outbound queue is full (it stopped reading) loses the event; the others
    // are not held up. The hub counts what it dropped.
    var dropped = 0
    for subscriber in subscribers where send(event, to: subscriber) != nil { dropped += 1 }
    if dropped > 0 { state.withLock { $0.droppedEvents += dropped } }
    emit(.published, service: envelope.service, method: name, context: envelope.context)
    if let id = envelope.id { _ = send(.reply(id: id, payload: Array("{}".utf8)), to: peer) }
  }

  // MARK: Disconnects and timers

  /// A connection closed: calls in flight to it fail with `CONNECTION_LOST`, its own calls are
  /// cancelled at their instances, and nothing of it remains.
  func closed(_ peer: ServerPeer) {
    let key = Self.key(peer)
    let (lost, abandoned, instanceName, services) = state.withLock {
      state -> ([Route], [(ServerPeer, UInt64, Route)], String?, [String]) in
      var lost: [Route] = []
      var abandoned: [(ServerPeer, UInt64, Route)] = []
      var instanceName: String?
      var services: [String] = []
      if let instance = state.instances.removeValue(forKey: key) {
        Self.unlist(key, instance, in: &state)
        instanceName = instance.instance
        services = instance.services.map(\.service)
        for (_, route) in state.routes.removeValue(forKey: key)?.byID ?? [:] {
          state.parties[route.caller]?.outgoing[route.callerID] = nil
          Self.count(route, error: true, cancelled: false, in: &state)
          lost.append(route)
        }
      }
      // A table of routes left by an instance another connection took over, once empty.
      if state.routes[key]?.byID.isEmpty == true { state.routes[key] = nil }
      if let party = state.parties.removeValue(forKey: key) {
        state.subscriptionCount -= party.subscriptions.count
        for (_, target) in party.outgoing {
          if let route = Self.takeRoute(instance: target.instance, id: target.id, in: &state),
            let instance = state.instances[target.instance]
          {
            Self.count(route, error: false, cancelled: true, in: &state)
            abandoned.append((instance.peer, target.id, route))
          }
        }
      }
      return (lost, abandoned, instanceName, services)
    }
    for route in lost {
      let error = ParleyError(
        .connectionLost, "the instance of \(route.service) running the call disconnected", mayHaveRun: true)
      _ = send(Self.answer(route, error: error), to: route.callerPeer)
      emit(.failed, service: route.service, method: route.method, context: route.context, error: error)
    }
    for (instance, id, _) in abandoned { _ = send(Envelope(kind: .cancel, id: id), to: instance) }
    if let instanceName {
      for service in services { emit(.disconnected, service: service, instance: instanceName) }
    }
  }

  /// Forgets calls whose caller should long have given up: answers `TIMEOUT` and cancels them.
  func sweep(now: UInt64) {
    var ejections: [Ejection] = []
    let expired = state.withLock { state -> [(ServerPeer?, UInt64, Route)] in
      var expired: [(ServerPeer?, UInt64, Route)] = []
      for (key, routes) in state.routes {
        let routes = routes.byID  // a copy: taking routes below changes the table
        for (id, route) in routes where route.abandonAt <= now {
          let peer = state.instances[key]?.peer
          if let taken = Self.takeRoute(instance: key, id: id, in: &state) {
            Self.count(taken, error: true, cancelled: false, in: &state)
            if let ejection = recordHealth(of: key, code: .timeout, now: now, in: &state) {
              ejections.append(ejection)
            }
            expired.append((peer, id, taken))
          }
        }
      }
      return expired
    }
    for ejection in ejections { report(ejection) }
    for (instance, id, route) in expired {
      if let instance { _ = send(Envelope(kind: .cancel, id: id), to: instance) }
      let error = ParleyError(
        .timeout, "no reply from \(route.service) within the call's deadline", mayHaveRun: true)
      _ = send(Self.answer(route, error: error), to: route.callerPeer)
    }
  }

  /// The hub's own failure answer to a forwarded call: a `reply`, or a `streamEnd` for a stream.
  static func answer(_ route: Route, error: ParleyError) -> Envelope {
    route.stream ? .streamEnd(id: route.callerID, error: error) : .reply(id: route.callerID, error: error)
  }

  /// An instance that was just ejected, to report once the lock is released.
  struct Ejection {
    var instance: String
    var services: [String]
    var length: Duration
    var code: ParleyError.Code
  }

  /// Records an instance's answer for ejection: `code` is the error code, `nil` for success.
  /// Returns the ejection it caused, if any.
  func recordHealth(of key: Key, code: ParleyError.Code?, now: UInt64, in state: inout State) -> Ejection? {
    guard let instance = state.instances[key] else { return nil }
    guard let code, configuration.ejection.failureCodes.contains(code) else {
      instance.health.recordAnswer(now: now)
      return nil
    }
    guard instance.health.recordFailure(now: now, policy: configuration.ejection) else { return nil }
    state.ejections += 1
    return Ejection(
      instance: instance.instance, services: Set(instance.services.map(\.service)).sorted(),
      length: configuration.ejection.ejectionLength(streak: instance.health.streak), code: code)
  }

  /// Reports an ejection to the observer.
  func report(_ ejection: Ejection?) {
    guard let ejection else { return }
    for service in ejection.services {
      emit(
        .ejected, service: service, instance: ejection.instance,
        error: ParleyError(
          ejection.code, "ejected for \(ejection.length) after repeated failures", mayHaveRun: true))
    }
  }

  // MARK: Status

  /// The routing part of the hub's status.
  func snapshot() -> (
    services: [GatewayStatus.Service], inFlight: Int, subscriptions: Int, forged: Int, undeliverable: Int,
    parties: Int, droppedEvents: Int
  ) {
    state.withLock { state in
      var names = Set(state.byService.keys)
      names.formUnion(state.counters.keys)
      let now = Sys.now()
      let services = names.sorted().map { name -> GatewayStatus.Service in
        let instances = (state.byService[name] ?? []).compactMap { key -> GatewayStatus.Instance? in
          guard let instance = state.instances[key],
            let info = instance.services.first(where: { $0.service == name })
          else { return nil }
          let last = instance.peer.connection.core.lastInboundAt.load(ordering: .relaxed)
          return GatewayStatus.Instance(
            instance: instance.instance, contract: info.contract, version: info.version,
            minVersion: info.minVersion,
            methods: info.methods + info.streams + info.oneways, events: info.events,
            pid: instance.peer.identity.credentials?.pid.map(Int.init), connectedAt: instance.connectedAt,
            lastHeardMsAgo: last == 0 ? -1 : Int((now &- last) / 1_000_000), inFlight: instance.inFlight,
            routed: instance.routed, errors: instance.errors, ejections: instance.health.ejections,
            ejectedForMs: instance.health.isEjected(now: now)
              ? Int((instance.health.ejectedUntil &- now) / 1_000_000) : nil)
        }
        let methods = (state.counters[name] ?? [:]).sorted { $0.key < $1.key }.map { method, counters in
          GatewayStatus.Method(
            method: method, calls: counters.calls, errors: counters.errors, cancelled: counters.cancelled,
            retried: counters.retried, latency: counters.latency)
        }
        return GatewayStatus.Service(service: name, instances: instances, methods: methods)
      }
      let inFlight = state.routes.values.reduce(0) { $0 + $1.byID.count }
      return (
        services, inFlight, state.subscriptionCount, state.forgedReplies, state.undeliverable,
        state.parties.count, state.droppedEvents
      )
    }
  }
}
