import Dispatch
import Parley
import Synchronization
import Testing

/// Records the isolation each transport method ran in: `#isolation` inside a
/// `nonisolated(nonsending)` method is its caller's actor, `nil` on the global concurrent executor.
final class IsolationLog: Sendable {
  private let entries = Mutex<[String: [ObjectIdentifier?]]>([:])

  func record(_ method: String, _ isolation: (any Actor)? = #isolation) {
    let id = isolation.map { ObjectIdentifier($0) }
    entries.withLock { $0[method, default: []].append(id) }
  }

  /// The isolations `method` ran in, in order.
  func isolations(of method: String) -> [ObjectIdentifier?] { entries.withLock { $0[method] ?? [] } }
}

/// A gateway-like transport that answers calls itself and logs where each method ran; streams
/// and subscriptions are refused after logging (a test cannot make their results).
final class IsolationRecordingTransport: ParleyEventTransport {
  let log = IsolationLog()
  /// The reply of every call (JSON).
  let reply: [UInt8]
  var codec: WireCodec { .json }

  init(reply: String = "{}") { self.reply = Array(reply.utf8) }

  nonisolated(nonsending) func call(
    contract: String, version: Int, service: String, method: String, payload: [UInt8],
    payloadCodec: WireCodec, options: CallOptions
  ) async throws -> [UInt8] {
    log.record("call")
    return reply
  }

  func oneway(
    contract: String, version: Int, service: String, method: String, payload: [UInt8], payloadCodec: WireCodec
  ) throws {}

  nonisolated(nonsending) func stream(
    contract: String, version: Int, service: String, method: String, payload: [UInt8],
    payloadCodec: WireCodec, options: CallOptions
  ) async throws -> ParleyStream {
    log.record("stream")
    throw ParleyError(.notConnected, "no streams in this test", mayHaveRun: false)
  }

  nonisolated(nonsending) func publish(contract: String, service: String?, event: String, payload: [UInt8])
    async throws
  {
    log.record("publish")
  }

  nonisolated(nonsending) func subscribe(_ pattern: String) async throws -> GatewaySubscription {
    log.record("subscribe")
    throw ParleyError(.notConnected, "no subscriptions in this test", mayHaveRun: false)
  }
}

/// Passes calls on to `base` (a real connection), logging the isolation before sending and after
/// the reply.
final class IsolationRecordingRelay: ParleyCallTransport {
  let log = IsolationLog()
  let base: any ParleyCallTransport
  var codec: WireCodec { base.codec }

  init(_ base: any ParleyCallTransport) { self.base = base }

  nonisolated(nonsending) func call(
    contract: String, version: Int, service: String, method: String, payload: [UInt8],
    payloadCodec: WireCodec, options: CallOptions
  ) async throws -> [UInt8] {
    log.record("call")
    let reply = try await base.call(
      contract: contract, version: version, service: service, method: method, payload: payload,
      payloadCodec: payloadCodec, options: options)
    log.record("reply")
    return reply
  }

  func oneway(
    contract: String, version: Int, service: String, method: String, payload: [UInt8], payloadCodec: WireCodec
  ) throws {
    try base.oneway(
      contract: contract, version: version, service: service, method: method, payload: payload,
      payloadCodec: payloadCodec)
  }
}

/// An actor that calls services through generated clients and keeps what they answer.
actor Desk {
  private(set) var emails: [String] = []
  private(set) var failures = 0

  /// Looks the user up and records the answer in the actor's state right after the call.
  func lookUp(_ client: GenAccounts.AccountServiceClient) async throws -> Int {
    let user = try await client.whoAmI(options: CallOptions(timeout: .seconds(30)))
    emails.append(user.email)
    return emails.count
  }

  /// Opens a stream, publishes and subscribes to an event through `client`; counts the refusals.
  func useStreamsAndEvents(_ client: GenStreams.TickerClient) async {
    do { _ = try await client.count(count: 1) } catch { failures += 1 }
    do { try await client.noticed.publish(GenStreams.Notice(serial: 1, text: "hi")) } catch { failures += 1 }
    do { _ = try await client.noticed.subscribe() } catch { failures += 1 }
  }
}

/// A task executor that counts the jobs it is given. Preferred by a task, it runs that task's
/// nonisolated code that is not `nonisolated(nonsending)`: every switch off the caller's actor
/// lands here and is counted.
final class CountingTaskExecutor: TaskExecutor {
  private let queue = DispatchQueue(label: "parley.test.counting-pool", attributes: .concurrent)
  private let count = Atomic<Int>(0)
  /// The jobs enqueued so far.
  var jobs: Int { count.load(ordering: .relaxed) }

  func enqueue(_ job: consuming ExecutorJob) {
    count.add(1, ordering: .relaxed)
    let job = UnownedJob(job)
    queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
  }
}

/// A serial executor on its own queue: an actor on it does not run on a preferred task executor.
final class QueueExecutor: SerialExecutor {
  private let queue = DispatchQueue(label: "parley.test.actor")

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    queue.async { job.runSynchronously(on: self.asUnownedSerialExecutor()) }
  }

  func asUnownedSerialExecutor() -> UnownedSerialExecutor { UnownedSerialExecutor(ordinary: self) }
}

/// An actor on its own executor that counts a pool's jobs around a generated call.
actor PinnedDesk {
  private let executor = QueueExecutor()
  nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
  let pool: CountingTaskExecutor

  init(pool: CountingTaskExecutor) { self.pool = pool }

  /// The pool's jobs during one `whoAmI` made from this actor.
  func poolJobsDuringCall(_ client: GenAccounts.AccountServiceClient) async throws -> Int {
    let before = pool.jobs
    _ = try await client.whoAmI()
    return pool.jobs - before
  }

  /// The control: the pool's jobs during one `whoAmI` made through a `@concurrent` function.
  func poolJobsDuringConcurrentCall(_ client: GenAccounts.AccountServiceClient) async throws -> Int {
    @concurrent func call() async throws { _ = try await client.whoAmI() }
    let before = pool.jobs
    try await call()
    return pool.jobs - before
  }
}

private struct AccountHandler: GenAccounts.AccountServiceHandler {
  func whoAmI(call: IncomingCall) async throws -> GenAccounts.User {
    GenAccounts.User(email: "ada@example.com", roles: [.admin])
  }
}

/// Generated client methods are `nonisolated(nonsending)`, as are the transports' `call`,
/// `stream`, `publish` and `subscribe`: a call made from an actor reaches the transport still on
/// that actor, so the generated layer adds no executor switch (`docs/generated-code.md`).
@Suite("Generated calls run on the caller's executor", .timeLimit(.minutes(1)))
struct CallerExecutorTests {
  @Test func aCallFromAnActorReachesTheTransportOnThatActor() async throws {
    let transport = IsolationRecordingTransport(reply: #"{"email":"ada@example.com"}"#)
    let desk = Desk()
    #expect(try await desk.lookUp(GenAccounts.AccountServiceClient(transport)) == 1)
    #expect(transport.log.isolations(of: "call") == [ObjectIdentifier(desk)])
  }

  @Test func streamsAndEventsFromAnActorReachTheTransportOnThatActor() async {
    let transport = IsolationRecordingTransport()
    let desk = Desk()
    await desk.useStreamsAndEvents(GenStreams.TickerClient(transport))
    #expect(await desk.failures == 2)  // the stream and the subscription are refused
    for method in ["stream", "publish", "subscribe"] {
      #expect(transport.log.isolations(of: method) == [ObjectIdentifier(desk)], "\(method)")
    }
  }

  @MainActor @Test func aCallFromTheMainActorStaysOnIt() async throws {
    let transport = IsolationRecordingTransport(reply: #"{"email":"ada@example.com"}"#)
    let user = try await GenAccounts.AccountServiceClient(transport).whoAmI()
    #expect(user.email == "ada@example.com")
    #expect(transport.log.isolations(of: "call") == [ObjectIdentifier(MainActor.shared)])
  }

  /// The executor switches themselves: with a counting task executor preferred, a call from an
  /// actor on its own executor puts no job on it (a switch off the actor would), while the same
  /// call through a `@concurrent` function does.
  @Test func aCallFromAnActorSwitchesNoExecutor() async throws {
    let pool = CountingTaskExecutor()
    let desk = PinnedDesk(pool: pool)
    let client = GenAccounts.AccountServiceClient(
      IsolationRecordingTransport(reply: #"{"email":"ada@example.com"}"#))
    let (direct, control) = try await withTaskExecutorPreference(pool) {
      (try await desk.poolJobsDuringCall(client), try await desk.poolJobsDuringConcurrentCall(client))
    }
    #expect(direct == 0)
    #expect(control >= 1)
  }

  /// The control: a caller on the global concurrent executor has no actor, and the log says so.
  @Test func aNonisolatedCallerHasNoActor() async throws {
    let transport = IsolationRecordingTransport(reply: #"{"email":"ada@example.com"}"#)
    @concurrent func call() async throws {
      _ = try await GenAccounts.AccountServiceClient(transport).whoAmI()
    }
    try await call()
    #expect(transport.log.isolations(of: "call") == [nil])
  }

  @Test func aCallOverAConnectionFromAnActorStaysOnThatActor() async throws {
    try await withServedConnection([AccountHandler().parleyRegistration()]) { connection in
      let relay = IsolationRecordingRelay(connection)
      let desk = Desk()
      let client = GenAccounts.AccountServiceClient(relay)
      let first = try await desk.lookUp(client)
      let second = try await desk.lookUp(GenAccounts.AccountServiceClient(connection))
      #expect(first == 1 && second == 2)
      #expect(await desk.emails == ["ada@example.com", "ada@example.com"])
      #expect(relay.log.isolations(of: "call") == [ObjectIdentifier(desk)])
      #expect(relay.log.isolations(of: "reply") == [ObjectIdentifier(desk)])
    }
  }
}
