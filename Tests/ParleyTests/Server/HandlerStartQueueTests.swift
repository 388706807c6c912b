import Synchronization
import Testing

@testable import Parley

/// The queue of calls whose pool handlers wait for a runner: arrival order, how many runners
/// start, and memory that stays bounded when the queue never empties.
@Suite struct HandlerStartQueueTests {
  @Test func callsLeaveInArrivalOrder() {
    var queue = HandlerStartQueue<Int>(maxRunners: 1)
    for number in 1...5 { _ = queue.append(number) }
    var taken: [Int] = []
    while let number = queue.next() { taken.append(number) }
    #expect(taken == [1, 2, 3, 4, 5])
    #expect(queue.count == 0 && queue.storedSlots == 0)
  }

  @Test func aRunnerStartsWhileFewerThanTheMaximumRun() {
    var queue = HandlerStartQueue<Int>(maxRunners: 2)
    let starts = [queue.append(1), queue.append(2), queue.append(3)]
    // None ran, then the first may be busy in a long handler; then both run: the third waits.
    #expect(starts == [true, true, false])
    #expect(queue.runners == 2)
    let taken = [queue.next(), queue.next(), queue.next()]
    #expect(taken == [1, 2, 3])
    let firstEnd = queue.next()  // the first runner to find the queue empty ends
    #expect(firstEnd == nil && queue.runners == 1)
    let secondEnd = queue.next()
    #expect(secondEnd == nil && queue.runners == 0)
    let restart = queue.append(4)  // none runs any more: the next call starts one
    #expect(restart)
  }

  @Test func aQueueThatNeverEmptiesStaysBounded() {
    var queue = HandlerStartQueue<Int>(maxRunners: 1)
    _ = queue.append(0)
    var expected = 0
    var largest = 0
    for number in 1...100_000 {
      _ = queue.append(number)
      let taken = queue.next()
      #expect(taken == expected)
      expected += 1
      largest = max(largest, queue.storedSlots)
    }
    #expect(queue.count == 1)
    #expect(largest <= 130)
  }
}

extension RuntimeSocketSuites {
  /// Pool handlers of one connection start from a queue (one hop per batch of calls), yet still
  /// run on several threads at once.
  @Suite struct PoolHandlerStartTests {
    @Test(arguments: [TransportKind.inProcess, .unix])
    func twoHandlersOfOneConnectionRunAtTheSameTime(transport: TransportKind) async throws {
      guard Sys.onlineProcessors >= 2 else { return }  // one core: one runner, nothing to show
      // Each handler waits, without suspending, until both have started: on one thread the
      // first would wait for the second forever (bounded here by 10 s and an error reply).
      let arrived = Atomic<Int>(0)
      var service = ServiceRegistration(contract: "test.meet", version: 1, service: "Meet")
      service.method("meet") { _ in
        arrived.add(1, ordering: .relaxed)
        let deadline = ContinuousClock.now + .seconds(10)
        while arrived.load(ordering: .relaxed) < 2 {
          if ContinuousClock.now > deadline { throw ParleyError(.timeout, "the other handler never ran") }
        }
        return utf8Bytes("\"met\"")
      }
      var server = ServerConfiguration()
      server.handlerExecution = .pool
      let harness = try await Harness.make(transport, services: [service], server: server)
      let connection = harness.connection
      try await withThrowingTaskGroup(of: [UInt8].self) { group in
        for _ in 0..<2 {
          group.addTask {
            try await connection.call(
              contract: "test.meet", version: 1, service: "Meet", method: "meet", payload: utf8Bytes("{}"))
          }
        }
        for try await reply in group { #expect(utf8Text(reply) == "\"met\"") }
      }
      await harness.tearDown()
    }

    @Test func manyCallsInFlightAllAnswerOnce() async throws {
      var server = ServerConfiguration()
      server.handlerExecution = .pool
      let harness = try await Harness.make(.unix, services: [echoService()], server: server)
      let connection = harness.connection
      let answers = try await withThrowingTaskGroup(of: Bool.self) { group in
        for number in 0..<1_000 {  // the client allows 1,024 in flight
          group.addTask { try await connection.echo("{\"n\":\(number)}") == "{\"n\":\(number)}" }
        }
        return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
      }
      #expect(answers == 1_000)
      #expect(await eventually { harness.server.inFlightCalls == 0 })
      await harness.tearDown()
    }
  }
}
