import Synchronization

/// Runs inbound `call` and `oneway` envelopes against ``ServiceRegistration`` handlers, one task
/// per call, with deadlines, cancellation, the call-chain context, validation and error mapping.
///
/// Its entry points are called on the connection's I/O thread (the read path or the loop's
/// timer). Where the tasks run is the ``HandlerExecution``: the pool, started inline, or the
/// connection's event loop as their task executor.
///
/// Shared by every connection that serves calls: a ``ParleyServer`` connection, and a service's
/// connection to a gateway (which is a client connection that also receives calls). Both answer
/// exactly alike because both use this type.
final class CallDispatcher: Sendable {
  /// Finds the registration for a call: `(contract, version, service)` → registration or error.
  typealias Route = @Sendable (String, Int, String) throws(ParleyError) -> ServiceRegistration

  private struct Inbound {
    var task: Task<Void, Never>?
    var deadline: UInt64
    var answered = false  // a reply (or nothing, after cancel) was already decided
    var stream: StreamWriter?  // set for a `stream` method: it ends with `streamEnd`, not `reply`
  }

  /// An accepted oneway message waiting for its turn.
  private struct PendingOneway {
    var call: IncomingCall
    var handler: OnewayHandler
  }

  /// A call accepted for the pool whose handler has not started yet.
  private struct PendingStart {
    var id: UInt64
    var call: IncomingCall
    var handler: MethodHandler
    var writer: StreamWriter?
    var marker: WireCodec?
    var deadline: UInt64?
  }

  private struct State {
    /// Running calls by id: a client numbers its calls in sequence, so a slot table by the id's
    /// low bits finds them without hashing (an id whose slot an older call holds goes to the
    /// table's dictionary, as do ids a client chose otherwise).
    var inbound = CallIDTable<Inbound>()
    /// Calls whose handlers wait for a pool thread (``HandlerExecution/pool``).
    var pendingStarts = HandlerStartQueue<PendingStart>(maxRunners: Sys.onlineProcessors)
    /// Oneways accepted and not yet handed to the runner, in arrival order.
    var pendingOneways: [PendingOneway] = []
    /// Oneways accepted and not finished (pending, or in the runner's current batch).
    var unfinishedOneways = 0
    /// Whether a runner task is handling this connection's oneways (one at a time, in order).
    var onewayRunnerActive = false
    /// The runner's task, once stored, tagged with its start number (it may finish first).
    var onewayRunner: (number: UInt64, task: Task<Void, Never>)?
    var onewayRunnerStarts: UInt64 = 0
    /// Reading is paused because `maxInFlight` oneways were unfinished.
    var readingPaused = false
    var draining = false

    /// The stream-opening calls running now.
    func runningStreams() -> Int {
      var streams = 0
      inbound.forEach { _, entry in if entry.stream != nil { streams += 1 } }
      return streams
    }
  }

  private let core: ConnectionCore
  private let maxDepth: Int
  private let maxInFlight: Int
  private let maxStreams: Int
  private let execution: HandlerExecution
  /// The connection's event loop: the handlers' task executor under ``HandlerExecution/ioThread``.
  private let loop: EventLoop
  private let route: Route
  private let observer: ParleyObserver?
  private let source: String
  private let state = Mutex(State())
  /// Held while the connection's reading is paused or resumed, so that decisions taken on
  /// different threads reach the channel in the order they were taken (see ``applyReadingPause()``).
  private let pauseApplication = Mutex(())

  /// Creates a dispatcher answering on `core`.
  init(
    core: ConnectionCore, maxDepth: Int, maxInFlight: Int, observer: ParleyObserver? = nil,
    source: String = "server", execution: HandlerExecution = .pool,
    maxStreams: Int = StreamDefaults.maxConcurrentStreamsPerConnection, route: @escaping Route
  ) {
    self.maxStreams = maxStreams
    self.core = core
    self.execution = execution
    self.loop = core.channel.eventLoop.loop
    self.maxDepth = maxDepth
    self.maxInFlight = maxInFlight
    self.observer = observer
    self.source = source
    self.route = route
  }

  /// Calls and oneway messages currently running.
  var inFlight: Int { state.withLock { $0.inbound.count + $0.unfinishedOneways } }

  private func fail(_ id: UInt64, _ error: ParleyError, stream: StreamWriter? = nil) {
    guard let stream else {
      core.send(.reply(id: id, error: error))
      return
    }
    stream.end(error)
    core.send(.streamEnd(id: id, error: error))
  }

  /// The handler a call or oneway resolved to.
  private enum Handler {
    case method(MethodHandler)
    case stream(StreamHandler)
    case oneway(OnewayHandler)
  }

  /// Resolves the handler and context of a call or oneway; throws the error to answer with.
  private func resolve(_ envelope: Envelope, oneway: Bool, peer: PeerIdentity) throws(ParleyError) -> (
    IncomingCall, Handler
  ) {
    guard let contract = envelope.contract, let service = envelope.service, let method = envelope.method,
      let version = envelope.contractVersion
    else {
      throw ParleyError(.protocolError, "a call needs \"contract\", \"cv\", \"service\" and \"method\"")
    }
    let registration = try route(contract, version, service)
    let found: Handler?
    if oneway {
      found = registration.stored.oneways[method].map { .oneway($0.run) }
    } else if let handler = registration.stored.methods[method] {
      found = .method(handler.run)
    } else {
      found = registration.stored.streams[method].map { .stream($0.run) }
    }
    guard let handler = found else {
      throw ParleyError(
        .methodNotFound, "service \(service) of \(contract) has no \(oneway ? "oneway " : "")method \(method)"
      )
    }
    let context = envelope.context ?? CallContext(root: CallContext.makeRoot(), chain: [service], depth: 1)
    guard context.depth <= maxDepth else {
      throw ParleyError(
        .maxDepthExceeded,
        "the call chain is \(context.depth) deep, above this server's maximum of \(maxDepth)")
    }
    var deadline: UInt64?
    if let timeoutMs = envelope.timeoutMs {
      guard timeoutMs > 0 else {
        throw ParleyError(.timeout, "the call arrived with no time left", mayHaveRun: false)
      }
      // At most Int32.max ms (24 days): any time the wire can carry fits in monotonic nanoseconds.
      deadline = Sys.now() + UInt64(min(timeoutMs, Int64(Int32.max))) * 1_000_000
    }
    // The payload's codec: the connection's, unless a gateway forwarded it from another codec.
    let call = IncomingCall(
      payload: envelope.payload ?? [], codec: envelope.payloadCodec ?? core.codec.id, contract: contract,
      contractVersion: version, service: service, method: method, callID: envelope.id, context: context,
      peer: peer, deadlineNanos: deadline)
    try registration.checkPayloadCodec(of: call)
    return (call, handler)
  }

  /// Starts the handler of a `call` envelope, or answers at once with the reason it cannot run.
  func handleCall(_ envelope: Envelope, peer: PeerIdentity) {
    guard let id = envelope.id else {
      let error = ParleyError(.protocolError, "a call needs a numeric \"id\"")
      core.close(sending: .closing(.goaway, error), reason: error)
      return
    }
    // A stream-opening call is answered with `streamEnd` from the start (even when refused).
    // Replies, items and error payloads are encoded in the request's codec; when that is not the
    // connection's codec, they say so (`payloadCodec`).
    let marker = envelope.payloadCodec.flatMap { $0 == core.codec.id ? nil : $0 }
    let call: IncomingCall
    let handler: MethodHandler
    let writer: StreamWriter?
    do {
      switch try resolve(envelope, oneway: false, peer: peer) {
      case (let resolvedCall, .method(let method)):
        call = resolvedCall
        handler = method
        writer = nil
      case (let resolvedCall, .stream(let stream)):
        let streamWriter = StreamWriter(
          core: core, callID: id, initialCredit: envelope.credit ?? StreamDefaults.serverAssumedCredit,
          payloadCodec: marker)
        call = resolvedCall
        handler = Self.streamMethod(stream, streamWriter)
        writer = streamWriter
      case (_, .oneway):
        return  // never: a call resolves to a method or stream handler
      }
    } catch {
      notify(.failed, envelope, error: error)
      // A call with `credit` opens a stream: its refusal is a `streamEnd`.
      if envelope.credit != nil { core.send(.streamEnd(id: id, error: error)) } else { fail(id, error) }
      return
    }
    let handlerDeadline = call.deadlineNanos
    let deadlineNanos = handlerDeadline ?? UInt64.max
    // On the pool without an observer, the call joins the connection's start queue in the same
    // lock: its handler task is created by a runner on a pool thread (see `HandlerStartQueue`).
    let queued = execution == .pool && observer == nil
    let admission = state.withLock { state -> Admission in
      if state.draining {
        return .refused(ParleyError(.shuttingDown, "the server is shutting down", mayHaveRun: false))
      }
      if state.inbound.count >= maxInFlight {
        return .refused(
          ParleyError(
            .overloaded, "\(maxInFlight) calls are already running for this connection", mayHaveRun: false))
      }
      if writer != nil, state.runningStreams() >= maxStreams {
        return .refused(
          ParleyError(
            .overloaded, "\(maxStreams) streams are already running for this connection", mayHaveRun: false))
      }
      if state.inbound.contains(id) {
        return .refused(
          ParleyError(
            .protocolError, "call id \(id) is already in flight on this connection", mayHaveRun: false))
      }
      state.inbound.insert(Inbound(deadline: deadlineNanos, stream: writer), for: id)
      guard queued else { return .accepted(startRunner: false) }
      let start = PendingStart(
        id: id, call: call, handler: handler, writer: writer, marker: marker, deadline: handlerDeadline)
      return .accepted(startRunner: state.pendingStarts.append(start))
    }
    switch admission {
    case .refused(let refusal):
      fail(id, refusal, stream: writer)
      return
    case .accepted(let startRunner):
      if startRunner { Task { [self] in await startQueuedHandlers() } }
    }
    if !queued {
      startHandler(
        id, call, handler, writer: writer, marker: marker, deadline: handlerDeadline, envelope: envelope)
    }
    if deadlineNanos != UInt64.max, !core.timerIsSet(before: deadlineNanos) {
      core.scheduleTimer(at: deadlineNanos)
    }
  }

  /// Whether a call may run, decided under the lock.
  private enum Admission {
    case refused(ParleyError)
    /// Accepted; a queued call may need a new runner.
    case accepted(startRunner: Bool)
  }

  /// Starts the handler of accepted call `id` in its own task, placed as ``execution`` says.
  ///
  /// The task is created outside the lock (it may finish at once and needs the lock); a cancel
  /// or timeout that came in between is applied as soon as the handle is stored.
  private func startHandler(
    _ id: UInt64, _ call: IncomingCall, _ handler: @escaping MethodHandler, writer: StreamWriter?,
    marker: WireCodec?,
    deadline: UInt64?, envelope: Envelope?
  ) {
    // Inline: the handler starts on this thread and runs until its first suspension (no
    // thread hop; its reply joins this read batch's write); on the loop executor it also
    // continues here after each suspension. On the pool it starts on a pool thread.
    let task: Task<Void, Never>
    if let envelope, observer != nil {
      let operation: @Sendable () async -> Void = { [self] in
        let started = ContinuousClock.now
        notify(.handlerStarted, envelope)
        let outcome = await run(handler, call, deadline: deadline)
        switch outcome {
        case .success: notify(.succeeded, envelope, duration: ContinuousClock.now - started)
        case .failure(let error):
          notify(.failed, envelope, error: error, duration: ContinuousClock.now - started)
        }
        finish(id, outcome, stream: writer, marker: marker)
      }
      task = start(operation)
    } else {
      // The hot path: no clock reads, no events, no envelope kept by the closure, and closure
      // literals handed straight to the task (a closure value would need a conversion thunk).
      switch execution {
      case .ioThread:
        task = Task.immediate(executorPreference: loop) { [self] in
          finish(id, await run(handler, call, deadline: deadline), stream: writer, marker: marker)
        }
      case .startOnIOThread, .pool:
        // `.pool` reaches here from a runner: the handler starts on the runner's pool thread.
        task = Task.immediate { [self] in
          finish(id, await run(handler, call, deadline: deadline), stream: writer, marker: marker)
        }
      }
    }
    let cancelNow = state.withLock { state -> Bool in
      state.inbound.update(id) { $0.task = task }?.answered ?? false  // nil: already finished
    }
    if cancelNow { task.cancel() }
  }

  /// A runner of the start queue (on a pool thread): starts the handlers of queued calls one
  /// after another until none waits. A call answered meanwhile (cancelled, timed out, shut
  /// down) never starts.
  private func startQueuedHandlers() async {
    while true {
      let next = state.withLock { state -> PendingStart? in
        while let start = state.pendingStarts.next() {
          guard let entry = state.inbound.value(for: start.id) else { continue }
          if !entry.answered { return start }
          _ = state.inbound.remove(start.id)
        }
        return nil
      }
      guard let start = next else { return }
      startHandler(
        start.id, start.call, start.handler, writer: start.writer, marker: start.marker,
        deadline: start.deadline,
        envelope: nil)
    }
  }

  /// Starts `operation` in a task placed as ``execution`` says.
  private func start(_ operation: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
    switch execution {
    case .ioThread: Task.immediate(executorPreference: loop, operation: operation)
    case .startOnIOThread: Task.immediate(operation: operation)
    case .pool: Task(operation: operation)
    }
  }

  private func notify(
    _ kind: ParleyLifecycleEvent.Kind, _ envelope: Envelope, error: ParleyError? = nil,
    duration: Duration? = nil
  ) {
    guard let observer else { return }
    observer.emit(
      ParleyLifecycleEvent(
        kind: kind, source: source, service: envelope.service, method: envelope.method,
        context: envelope.context, error: error, duration: duration))
  }

  /// Runs `handler` with the call's context and deadline as task-locals. Everything that is not
  /// awaited happens in synchronous helpers: an async function keeps its locals in the task's
  /// frame, and small frames fit the task allocator's first slab instead of costing allocations
  /// of their own on every call. Inlined into the handler task's closure: as a function of its
  /// own it cost one more executor switch per call (returning into the closure), 3 -> 2
  /// `swift_task_switch` per call, counted with a uprobe, heap allocations unchanged.
  @inline(__always)
  private func run(_ handler: MethodHandler, _ call: IncomingCall, deadline: UInt64?) async -> Result<
    [UInt8], ParleyError
  > {
    do {
      let reply = try await CallContext.$current.withValue(call.context) {
        try await InheritedDeadline.$current.withValue(deadline) { try await handler(call) }
      }
      return Self.checked(reply, codec: call.codec)
    } catch {
      return .failure(Self.wireError(for: error))
    }
  }

  /// `reply`, unless it claims to be JSON and is not.
  private static func checked(_ reply: [UInt8], codec: WireCodec) -> Result<[UInt8], ParleyError> {
    if !reply.isEmpty, codec == .json, (try? JSONReader.validate(reply)) == nil {
      return .failure(ParleyError(.internal, "the handler returned a malformed reply", mayHaveRun: true))
    }
    return .success(reply)
  }

  /// What the caller is told about an error a handler threw: a ``ParleyError`` as it is (an
  /// application error always "may have run"), cancellation as `CANCELLED`, anything else as
  /// `INTERNAL` without details.
  private static func wireError(for error: any Error) -> ParleyError {
    if let error = error as? ParleyError {
      var sent = ParleyError(
        error.code, error.message, mayHaveRun: error.mayHaveRun, violations: error.violations,
        application: error.application)
      if error.code == .application { sent.mayHaveRun = true }
      return sent
    }
    if error is CancellationError {
      return ParleyError(.cancelled, "the handler was cancelled", mayHaveRun: true)
    }
    return ParleyError(.internal, "the handler failed with an internal error", mayHaveRun: true)
  }

  private func finish(
    _ id: UInt64, _ outcome: Result<[UInt8], ParleyError>, stream: StreamWriter?, marker: WireCodec?
  ) {
    let (removed, othersRunning) = state.withLock { state in
      (state.inbound.remove(id), !state.inbound.isEmpty)
    }
    stream?.end(ParleyError(.protocolError, "the stream has ended", mayHaveRun: true))
    guard let entry = removed, !entry.answered else { return }
    var envelope: Envelope
    switch (outcome, stream) {
    case (.success(let payload), nil): envelope = .reply(id: id, payload: payload)
    case (.failure(let error), nil): envelope = .reply(id: id, error: error)
    case (.success, _?): envelope = .streamEnd(id: id, error: nil)
    case (.failure(let error), _?): envelope = .streamEnd(id: id, error: error)
    }
    envelope.payloadCodec = marker
    // While other calls run, their replies follow soon: let the I/O thread send them together.
    if let error = core.send(envelope, flushNow: !othersRunning), error.code == .overloaded {
      let failure = ParleyError(.overloaded, "the client is not reading its replies")
      core.close(sending: .closing(.goaway, failure), reason: failure)
    }
  }

  /// Queues the handler of a `oneway` envelope behind the connection's earlier oneways;
  /// problems are counted, never answered.
  ///
  /// A connection's oneway handlers run one at a time in arrival order, on one runner task that
  /// exists while there is work (started with the ``HandlerExecution`` like call handlers).
  /// Once `maxInFlight` oneways are unfinished, the connection stops reading (the sender is
  /// pushed back) until half of them are done: none is dropped. Only a channel that cannot pause
  /// lets the queue reach ``onewayHardLimit``, past which oneways are dropped.
  func handleOneway(_ envelope: Envelope, peer: PeerIdentity) {
    guard case (let call, .oneway(let handler))? = try? resolve(envelope, oneway: true, peer: peer) else {
      core.protocolViolations.add(1, ordering: .relaxed)  // oneway: no reply, no error
      return
    }
    let (pause, runnerNumber) = state.withLock { state -> (Bool, UInt64?) in
      guard !state.draining, state.unfinishedOneways < onewayHardLimit else { return (false, nil) }
      state.pendingOneways.append(PendingOneway(call: call, handler: handler))
      state.unfinishedOneways += 1
      let pause = !state.readingPaused && state.unfinishedOneways >= maxInFlight
      if pause { state.readingPaused = true }
      if state.onewayRunnerActive { return (pause, nil) }
      state.onewayRunnerActive = true
      state.onewayRunnerStarts += 1
      return (pause, state.onewayRunnerStarts)
    }
    if pause { applyReadingPause() }
    guard let number = runnerNumber else { return }
    // Started outside the lock: an inline start may run the whole queue here.
    let task = start { [self] in await runOneways() }
    state.withLock { state in
      if state.onewayRunnerActive, state.onewayRunnerStarts == number {
        state.onewayRunner = (number, task)
      }
    }
  }

  /// How many unfinished oneways may be queued: the pause limit plus what one read can still
  /// deliver after the pause (a 256 KiB read holds fewer than 16,384 oneway frames). Only a
  /// channel that cannot pause reading reaches it.
  private var onewayHardLimit: Int { maxInFlight.addingReportingOverflow(16_384).partialValue }

  /// Runs queued oneway handlers in order until the queue is empty; resumes reading once half
  /// of the paused-at limit is done.
  private func runOneways() async {
    while true {
      let batch = state.withLock { state -> [PendingOneway] in
        if state.pendingOneways.isEmpty {
          state.onewayRunnerActive = false
          state.onewayRunner = nil
          return []
        }
        let batch = state.pendingOneways
        state.pendingOneways = []
        return batch
      }
      if batch.isEmpty { return }
      for oneway in batch {
        try? await CallContext.$current.withValue(oneway.call.context) {
          try await oneway.handler(oneway.call)
        }
        let resume = state.withLock { state -> Bool in
          state.unfinishedOneways -= 1
          guard state.readingPaused, state.unfinishedOneways <= maxInFlight / 2 else { return false }
          state.readingPaused = false
          return true
        }
        if resume { applyReadingPause() }
      }
    }
  }

  /// Tells the connection whether to read, from the latest decision. The I/O thread pauses and a
  /// handler's thread resumes: applying each decision's own value outside the lock could let a
  /// stale pause land after the resume that followed it, and the connection would stay paused
  /// with nothing left to resume it. Reading the decision and applying it under one lock makes
  /// the last application carry the latest decision.
  private func applyReadingPause() {
    pauseApplication.withLock { _ in
      core.setReadingPaused(state.withLock { $0.readingPaused })
    }
  }

  /// Adds the credit of a caller's `streamItem` envelope to the stream `envelope.id`, if running.
  func handleStreamCredit(_ envelope: Envelope) {
    guard let id = envelope.id, let credit = envelope.credit else {
      core.protocolViolations.add(1, ordering: .relaxed)
      return
    }
    state.withLock { $0.inbound.value(for: id)?.stream }?.grant(credit)
  }

  /// Cancels the handler of call `envelope.id`; no reply follows.
  func handleCancel(_ envelope: Envelope) {
    guard let id = envelope.id else { return }
    let task = state.withLock { state -> Task<Void, Never>? in
      // The caller gave up: no reply follows a cancel.
      guard let before = state.inbound.update(id, { $0.answered = true }), !before.answered else {
        return nil
      }
      return before.task
    }
    task?.cancel()
  }

  /// Answers calls whose deadline passed at `now` with `TIMEOUT` and cancels their handlers;
  /// returns the next deadline, if any.
  func expire(now: UInt64) -> UInt64? {
    let (expired, next) = state.withLock {
      state -> ([(UInt64, Task<Void, Never>?, StreamWriter?)], UInt64?) in
      var expired: [(UInt64, Task<Void, Never>?, StreamWriter?)] = []
      var next = UInt64.max
      state.inbound.forEach { id, entry in
        guard !entry.answered else { return }
        if entry.deadline <= now {
          expired.append((id, entry.task, entry.stream))
        } else {
          next = min(next, entry.deadline)
        }
      }
      for (id, _, _) in expired { state.inbound.update(id) { $0.answered = true } }
      return (expired, next == UInt64.max ? nil : next)
    }
    for (id, task, stream) in expired {
      task?.cancel()
      fail(
        id,
        ParleyError(.timeout, "the call's deadline passed while the handler was running", mayHaveRun: true),
        stream: stream)
    }
    return next
  }

  /// Refuses new calls from now on (`SHUTTING_DOWN`, did not run).
  func beginDrain() {
    state.withLock { $0.draining = true }
  }

  /// Cancels every handler and fails unanswered calls with `SHUTTING_DOWN` (may have run).
  func terminate() {
    let (unanswered, tasks) = state.withLock {
      state -> ([(UInt64, StreamWriter?)], [Task<Void, Never>]) in
      state.draining = true
      var ids: [(UInt64, StreamWriter?)] = []
      var tasks: [Task<Void, Never>] = []
      state.inbound.forEach { id, entry in
        if !entry.answered { ids.append((id, entry.stream)) }
        if let task = entry.task { tasks.append(task) }
      }
      state.inbound.updateAll { $0.answered = true }
      if let runner = state.onewayRunner { tasks.append(runner.task) }
      return (ids, tasks)
    }
    for task in tasks { task.cancel() }
    for (id, stream) in unanswered {
      fail(
        id, ParleyError(.shuttingDown, "the server shut down before the call finished", mayHaveRun: true),
        stream: stream)
    }
  }

  /// The connection closed: cancels every handler (no reply can be sent any more).
  func connectionClosed() {
    let tasks = state.withLock { state -> [Task<Void, Never>] in
      var tasks: [Task<Void, Never>] = []
      state.inbound.forEach { _, entry in
        if let task = entry.task { tasks.append(task) }
      }
      if let runner = state.onewayRunner { tasks.append(runner.task) }
      state.inbound.updateAll { $0.answered = true }
      return tasks
    }
    for task in tasks { task.cancel() }
  }
}
