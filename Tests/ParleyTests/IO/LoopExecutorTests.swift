import Foundation
import Synchronization
import Testing

@testable import Parley

extension RuntimeSocketSuites {
  /// The event loops as task executors (`EventLoop+TaskExecutor.swift`): callers that prefer a
  /// connection's loop, handlers placed by ``HandlerExecution``, and that deadlines,
  /// cancellation, nesting and connection loss behave exactly as on the pool.
  @Suite(.serialized) struct LoopExecutorTests {
    /// A server on a Unix socket in a temporary directory, with ``echoService()`` and
    /// ``loopService(_:)``, and a connection to it.
    private static func withServer(
      _ execution: HandlerExecution, probe: Probe = Probe(),
      _ body: (ParleyServer, ClientConnection) async throws -> Void
    ) async throws {
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      var configuration = ServerConfiguration()
      configuration.handlerExecution = execution
      let server = ParleyServer(configuration: configuration)
      server.register(echoService())
      server.register(loopService(probe))
      server.register(streamService())
      let endpoint = try await server.start(on: .unix(path: directory + "/loop.sock"))
      let connection = try await ClientConnection.connect(to: endpoint)
      do {
        try await body(server, connection)
      } catch {
        await connection.close()
        await server.stop(grace: .zero)
        throw error
      }
      await connection.close()
      await server.stop(grace: .zero)
    }

    /// What the `test.loop` handlers saw: whether they ran on an I/O thread, each time they
    /// recorded, and whether they were cancelled.
    final class Probe: Sendable {
      let onLoop = Mutex<[Bool]>([])
      let cancelled = Atomic<Int>(0)
      let relay = Mutex<ClientConnection?>(nil)

      func record() { onLoop.withLock { $0.append(EventLoop.group.inAnyLoop) } }
    }

    /// `test.loop` v1 `Loop`: `where` records its thread before and after a suspension;
    /// `park` waits up to 30 s and counts its cancellation; `relay` calls `Echo.echo` through the
    /// probe's relay connection and answers with its reply; `note` (oneway) records its thread.
    private static func loopService(_ probe: Probe) -> ServiceRegistration {
      var service = ServiceRegistration(contract: "test.loop", version: 1, service: "Loop")
      service.method("where") { call in
        probe.record()
        await Task.yield()
        try await Task.sleep(for: .milliseconds(1))
        probe.record()
        return call.payload
      }
      service.method("park") { call in
        do {
          try await Task.sleep(for: .seconds(30))
        } catch {
          probe.cancelled.add(1, ordering: .relaxed)
          throw error
        }
        return call.payload
      }
      service.method("relay") { call in
        guard let relay = probe.relay.withLock({ $0 }) else {
          throw ParleyError(.internal, "no relay connection")
        }
        let reply = try await relay.call(
          contract: "test.echo", version: 1, service: "Echo", method: "echo", payload: call.payload,
          options: CallOptions(timeout: .seconds(20)))
        probe.record()
        return reply
      }
      service.oneway("note") { _ in probe.record() }
      return service
    }

    private static func call(
      _ connection: ClientConnection, _ method: String, _ payload: String = #""x""#,
      timeout: Duration = .seconds(20)
    ) async throws -> String {
      utf8Text(
        try await connection.call(
          contract: "test.loop", version: 1, service: "Loop", method: method, payload: utf8Bytes(payload),
          options: CallOptions(timeout: timeout)))
    }

    private static func onLoop(_ connection: ClientConnection) -> Bool {
      (connection.executor as? EventLoop)?.inLoop == true
    }

    // MARK: Callers on the loop

    /// A call made from a task that prefers the connection's executor completes, and the code
    /// after the `await` runs on the connection's I/O thread.
    @Test func aCallFromTheLoopExecutorCompletes() async throws {
      try await Self.withServer(.pool) { _, connection in
        let (reply, before, after) = try await withTaskExecutorPreference(connection.executor) {
          let before = Self.onLoop(connection)
          let reply = try await connection.echo(#""hello""#)
          return (reply, before, Self.onLoop(connection))
        }
        #expect(reply == #""hello""#)
        #expect(before && after, "the caller runs on the connection's I/O thread")
        #expect(!Self.onLoop(connection))
      }
    }

    /// A ``ParleyClient`` offers its current connection's executor, and calls from it complete.
    @Test func aParleyClientOffersItsConnectionsExecutor() async throws {
      try await Self.withServer(.ioThread) { server, _ in
        let endpoint = try #require(server.boundEndpoints.first)
        let client = try await ParleyClient.connect(to: endpoint)
        let executor = try #require(client.executor)
        let loop = executor as? EventLoop
        let connectionLoop = client.connection?.executor as? EventLoop
        #expect(loop != nil && loop === connectionLoop)
        let reply = try await withTaskExecutorPreference(executor) {
          try await client.call(
            contract: "test.echo", version: 1, service: "Echo", method: "echo", payload: utf8Bytes("7"))
        }
        #expect(utf8Text(reply) == "7")
        await client.close()
      }
    }

    /// Many callers on the loop at once (their frames batched) all get their own replies.
    @Test func manyCallsInFlightFromTheLoopExecutor() async throws {
      try await Self.withServer(.ioThread) { _, connection in
        let replies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
          for index in 0..<64 {
            group.addTask(executorPreference: connection.executor) {
              (index, try await connection.echo("\(index)"))
            }
          }
          var replies: [Int: String] = [:]
          for try await (index, reply) in group { replies[index] = reply }
          return replies
        }
        #expect(replies.count == 64)
        #expect(replies.allSatisfy { "\($0.key)" == $0.value })
      }
    }

    /// What ran, in order (shared by the loop's closures and a task).
    final class Recorder: Sendable {
      let order = Mutex<[Int]>([])
      let done = Atomic<Int>(0)

      func ran(_ step: Int) {
        order.withLock { $0.append(step) }
        done.add(1, ordering: .relaxed)
      }
    }

    /// The loop runs queued closures and task jobs in the order they were queued.
    @Test func closuresAndJobsRunInQueueOrder() async throws {
      let loop = EventLoop.group.next()
      let recorder = Recorder()
      loop.execute {
        // On the loop thread, so nothing runs until this closure returns.
        loop.execute { recorder.ran(1) }
        Task(executorPreference: loop) { recorder.ran(2) }
        loop.execute { recorder.ran(3) }
      }
      #expect(await eventually(seconds: 10) { recorder.done.load(ordering: .relaxed) == 3 })
      #expect(recorder.order.withLock { $0 } == [1, 2, 3])
    }

    // MARK: Where handlers run

    /// `.pool`: handlers run off the I/O threads; `.startOnIOThread`: on an I/O thread until the
    /// first suspension; `.ioThread`: on the I/O thread before and after suspending. Oneways too.
    @Test(arguments: [HandlerExecution.pool, .startOnIOThread, .ioThread])
    func handlersRunWhereConfigured(_ execution: HandlerExecution) async throws {
      let probe = Probe()
      try await Self.withServer(execution, probe: probe) { _, connection in
        #expect(try await Self.call(connection, "where") == #""x""#)
        try connection.oneway(contract: "test.loop", version: 1, service: "Loop", method: "note", payload: [])
        #expect(await eventually(seconds: 10) { probe.onLoop.withLock { $0.count } == 3 })
      }
      let threads = probe.onLoop.withLock { $0 }
      switch execution {
      case .pool: #expect(threads == [false, false, false])
      case .startOnIOThread: #expect(threads == [true, false, true])
      case .ioThread: #expect(threads == [true, true, true])
      }
    }

    /// The old switch maps onto the placement.
    @Test func startsHandlersOnIOThreadMapsOntoHandlerExecution() {
      var configuration = ServerConfiguration()
      #expect(configuration.handlerExecution == .pool && !configuration.startsHandlersOnIOThread)
      configuration.startsHandlersOnIOThread = true
      #expect(configuration.handlerExecution == .startOnIOThread)
      configuration.handlerExecution = .ioThread
      configuration.startsHandlersOnIOThread = true
      #expect(configuration.handlerExecution == .ioThread && configuration.startsHandlersOnIOThread)
      configuration.startsHandlersOnIOThread = false
      #expect(configuration.handlerExecution == .pool)
    }

    // MARK: Nesting, deadlines, cancellation, loss

    /// A handler on the loop that awaits another call on the same loop (here: through the very
    /// connection its caller used, so every hop is on one I/O thread) does not deadlock; nor does
    /// a caller on that loop waiting for it.
    @Test func aHandlerOnTheLoopAwaitingACallOnTheSameLoopDoesNotDeadlock() async throws {
      let probe = Probe()
      try await Self.withServer(.ioThread, probe: probe) { _, connection in
        probe.relay.withLock { $0 = connection }
        let reply = try await withTaskExecutorPreference(connection.executor) {
          try await Self.call(connection, "relay", #""nested""#)
        }
        #expect(reply == #""nested""#)
        // Several at once, from the pool and from the loop.
        try await withThrowingTaskGroup(of: String.self) { group in
          for index in 0..<16 {
            group.addTask(executorPreference: index % 2 == 0 ? connection.executor : nil) {
              try await Self.call(connection, "relay", "\(index)")
            }
          }
          var count = 0
          for try await _ in group { count += 1 }
          #expect(count == 16)
        }
        probe.relay.withLock { $0 = nil }
      }
      #expect(probe.onLoop.withLock { $0 }.allSatisfy { $0 })
    }

    /// A stream served by a handler on the loop and consumed on the loop delivers every item in
    /// order through many credit grants, and its error end arrives as on the pool.
    @Test func streamsWorkOnTheLoop() async throws {
      try await Self.withServer(.ioThread) { _, connection in
        let (items, failure) = try await withTaskExecutorPreference(connection.executor) {
          let stream = try await connection.stream(
            contract: "test.streams", version: 1, service: "Streams", method: "count",
            payload: utf8Bytes(#"{"n":1000}"#))
          var items: [Int] = []
          for try await item in stream { items.append(Int(utf8Text(item)) ?? -1) }
          let failing = try await connection.stream(
            contract: "test.streams", version: 1, service: "Streams", method: "failAfterTwo", payload: [])
          var failure: ParleyError?
          do {
            for try await _ in failing {}
          } catch let error as ParleyError {
            failure = error
          }
          return (items, failure)
        }
        #expect(items == Array(0..<1000))
        #expect(failure?.code == .application)
      }
    }

    /// A caller on the loop gets `TIMEOUT` when its deadline passes, and the server's handler on
    /// its loop is cancelled.
    @Test func deadlinesWorkOnTheLoop() async throws {
      let probe = Probe()
      try await Self.withServer(.ioThread, probe: probe) { _, connection in
        await withTaskExecutorPreference(connection.executor) {
          await expectParleyError(.timeout) {
            _ = try await Self.call(connection, "park", timeout: .milliseconds(200))
          }
          #expect(Self.onLoop(connection))
        }
        #expect(await eventually(seconds: 10) { probe.cancelled.load(ordering: .relaxed) == 1 })
        let after = try await connection.echo(#""after""#)
        #expect(after == #""after""#)
      }
    }

    /// Cancelling a caller's task on the loop throws `CANCELLED` at once and cancels the handler
    /// on the server's loop.
    @Test func cancellationWorksOnTheLoop() async throws {
      let probe = Probe()
      try await Self.withServer(.ioThread, probe: probe) { server, connection in
        let call = Task(executorPreference: connection.executor) {
          try await Self.call(connection, "park")
        }
        #expect(await eventually(seconds: 10) { server.inFlightCalls == 1 })
        call.cancel()
        await expectParleyError(.cancelled) { _ = try await call.value }
        #expect(await eventually(seconds: 10) { probe.cancelled.load(ordering: .relaxed) == 1 })
        let after = try await connection.echo(#""after""#)
        #expect(after == #""after""#)
      }
    }

    /// A caller waiting on the loop learns of the connection's loss (the server stops).
    @Test func aCallerOnTheLoopSeesTheConnectionEnd() async throws {
      try await Self.withServer(.ioThread) { server, connection in
        let call = Task(executorPreference: connection.executor) {
          try await Self.call(connection, "park")
        }
        #expect(await eventually(seconds: 10) { server.inFlightCalls == 1 })
        await server.stop(grace: .milliseconds(50))
        do {
          _ = try await call.value
          Issue.record("the call succeeded after the server stopped")
        } catch let error as ParleyError {
          #expect([.shuttingDown, .connectionLost].contains(error.code), "\(error)")
        }
      }
    }
  }
}
