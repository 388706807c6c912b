import Parley
import Testing

/// An actor on its own executor that iterates a generated stream and counts a pool's jobs
/// meanwhile: every switch off the actor (to the preferred task executor) would be one.
actor StreamDesk {
  private let executor = QueueExecutor()
  nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
  let pool: CountingTaskExecutor
  /// The items received, appended on the actor as each arrives.
  private(set) var received: [Int32] = []

  init(pool: CountingTaskExecutor) { self.pool = pool }

  /// The pool's jobs while this actor iterates `count` ticks that have all arrived already.
  ///
  /// A `next` that has to wait for an item is resumed through the global executor (the Swift
  /// runtime resumes a continuation there and the task then hops back to the actor), one pool
  /// job per wait whatever the stream does; how many waits happen depends on the machine's load.
  /// So the items are received first (a window that holds them all) and only iterating them is
  /// counted: one job per item if `next` left the actor, none if it stays.
  func poolJobsWhileIterating(_ client: GenStreams.TickerClient, count: Int32) async throws -> Int {
    let ticks = try await client.count(count: count, options: CallOptions(streamCredit: Int(count) + 1))
    let arrived = await waitUntil { ticks.raw.receivedItems == Int(count) }
    guard arrived else { throw StreamDeskError.itemsDidNotArrive(ticks.raw.receivedItems) }
    let before = pool.jobs
    for try await tick in ticks { received.append(tick.index) }
    return pool.jobs - before
  }
}

/// The ticks did not all arrive in time (how many did).
enum StreamDeskError: Error { case itemsDidNotArrive(Int) }

/// `for try await` over a stream from an actor runs each `next` on that actor
/// (`next(isolation:)`): no executor switch per item (one per item before).
@Suite("Stream iteration stays on the caller's executor", .timeLimit(.minutes(2)))
struct StreamIterationExecutorTests {
  @Test func iteratingFromAnActorSwitchesNoExecutorPerItem() async throws {
    try await StreamTests.withTicker { client, _ in
      let pool = CountingTaskExecutor()
      let desk = StreamDesk(pool: pool)
      let jobs = try await withTaskExecutorPreference(pool) {
        try await desk.poolJobsWhileIterating(client, count: 200)
      }
      #expect(await desk.received == Array(0..<200))
      #expect(jobs < 10, "pool jobs while iterating 200 items: \(jobs)")
    }
  }
}
