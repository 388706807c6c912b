import Parley
import Testing

/// An actor on its own executor that counts a pool's jobs while it cancels subscriptions and adds
/// ready actions: every switch off the actor (to the preferred task executor) would be one.
actor CancellingDesk {
  private let executor = QueueExecutor()
  nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
  let pool: CountingTaskExecutor

  init(pool: CountingTaskExecutor) { self.pool = pool }

  /// The pool's jobs during `subscription.cancel()` made from this actor.
  func poolJobsDuringCancel(_ subscription: GatewaySubscription) async -> Int {
    let before = pool.jobs
    await subscription.cancel()
    return pool.jobs - before
  }

  /// The control: the pool's jobs during `subscription.cancel()` made through a `@concurrent`
  /// function.
  func poolJobsDuringConcurrentCancel(_ subscription: GatewaySubscription) async -> Int {
    @concurrent func cancel() async { await subscription.cancel() }
    let before = pool.jobs
    await cancel()
    return pool.jobs - before
  }

  /// The pool's jobs during `events.cancel()` made from this actor.
  func poolJobsDuringCancel(_ events: ParleyTypedEvents<GenStreams.Notice>) async -> Int {
    let before = pool.jobs
    await events.cancel()
    return pool.jobs - before
  }

  /// The pool's jobs during `client.addReadyAction` made from this actor (the client has no
  /// ready connection, so the action is only registered).
  func poolJobsDuringAddReadyAction(_ client: ParleyClient) async throws -> Int {
    let before = pool.jobs
    try await client.addReadyAction(named: "noop") { _ in }
    return pool.jobs - before
  }
}

/// `GatewaySubscription.cancel`, `ParleyTypedEvents.cancel` and `ParleyClient.addReadyAction` are
/// `nonisolated(nonsending)`, as the rest of the client API: called from an actor they switch no
/// executor (each put one job on the preferred task executor before: the switch on entry).
///
/// The cancels are made after the connection closed, so that they send nothing: a live cancel
/// sends `unsubscribe` to the hub, whose request costs the connection's own jobs (as a `publish`
/// from an actor does, before and after this change), which would hide the switch.
@Suite("Cancelling and adding ready actions stay on the caller's executor", .timeLimit(.minutes(1)))
struct CancelExecutorTests {
  @Test func cancellingASubscriptionOfAClosedConnectionFromAnActorSwitchesNoExecutor() async throws {
    try await withTickerGateway { _, caller in
      let pool = CountingTaskExecutor()
      let desk = CancellingDesk(pool: pool)
      let direct = try await caller.subscribe("gen.streams.*")
      let control = try await caller.subscribe("gen.streams.*")
      await caller.close()
      let (jobs, controlJobs) = await withTaskExecutorPreference(pool) {
        (await desk.poolJobsDuringCancel(direct), await desk.poolJobsDuringConcurrentCancel(control))
      }
      #expect(jobs == 0)
      #expect(controlJobs >= 1)
    }
  }

  @Test func cancellingTypedEventsOfAClosedConnectionFromAnActorSwitchesNoExecutor() async throws {
    try await withTickerGateway { _, caller in
      let pool = CountingTaskExecutor()
      let desk = CancellingDesk(pool: pool)
      let notices = try await GenStreams.TickerClient(caller).noticed.subscribe()
      await caller.close()
      let jobs = await withTaskExecutorPreference(pool) { await desk.poolJobsDuringCancel(notices) }
      #expect(jobs == 0)
    }
  }

  @Test func cancellingALinkSubscriptionOfAClosedLinkFromAnActorSwitchesNoExecutor() async throws {
    try await withTickerGateway { service, _ in
      let pool = CountingTaskExecutor()
      let desk = CancellingDesk(pool: pool)
      let subscription = try await service.subscribe("gen.streams.*")
      await service.close()
      let jobs = await withTaskExecutorPreference(pool) { await desk.poolJobsDuringCancel(subscription) }
      #expect(jobs == 0)
    }
  }

  @Test func addingAReadyActionFromAnActorSwitchesNoExecutor() async throws {
    let client = ParleyClient(target: "nowhere") { _ in
      throw ParleyError(.notConnected, "this test never connects", mayHaveRun: false)
    }
    let pool = CountingTaskExecutor()
    let desk = CancellingDesk(pool: pool)
    let jobs = try await withTaskExecutorPreference(pool) {
      try await desk.poolJobsDuringAddReadyAction(client)
    }
    #expect(jobs == 0)
    await client.close()
  }
}
