import Foundation
import Parley
import Synchronization
import Testing

extension RuntimeSocketSuites {
  /// A `ParleyClient` reconnecting to real Unix-socket servers.
  @Suite(.serialized) struct ReconnectionTests {
    @Test func reconnectsAfterTheServerRestartsOnTheSamePath() async throws {
      await warmUpRuntime()
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      let endpoint = Endpoint.unix(path: directory + "/s.sock")
      let first = ParleyServer()
      first.register(echoService())
      try await first.start(on: endpoint)

      let client = try await ParleyClient.connect(to: endpoint, configuration: fastClientConfiguration())
      let readyRuns = ExecutionCounter()
      try await client.addReadyAction(named: "count") { _ in readyRuns.increment() }
      #expect(readyRuns.value == 1, "a ready action runs at once on a ready connection")
      let recorder = StateRecorder(client)
      #expect(try await client.echo(#"{"n":1}"#) == #"{"n":1}"#)

      await first.stop(grace: .milliseconds(100))
      #expect(await recorder.waitFor(.transientFailure))
      let second = ParleyServer()
      second.register(echoService())
      try await second.start(on: endpoint)

      try await client.waitUntilReady(timeout: .seconds(10))
      #expect(try await client.echo(#"{"n":2}"#) == #"{"n":2}"#)
      #expect(readyRuns.value == 2, "the ready action ran again on the new connection")
      #expect(client.statistics.connectionsMade == 2)
      #expect(
        containsInOrder(recorder.kinds, [.ready, .transientFailure, .connecting, .ready]), "\(recorder.kinds)"
      )

      await client.close()
      await recorder.finish()
      #expect(recorder.kinds.last == .shutdown)
      await expectParleyError(.notConnected) { _ = try await client.echo("{}") }
      await second.stop(grace: .milliseconds(100))
    }

    @Test func failFastByDefaultWaitForReadyWhenAsked() async throws {
      await warmUpRuntime()
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      let endpoint = Endpoint.unix(path: directory + "/s.sock")
      let client = ParleyClient(to: endpoint, configuration: fastClientConfiguration())
      let recorder = StateRecorder(client)
      client.start()

      let failFast = await expectParleyError(.notConnected) { _ = try await client.echo("{}") }
      #expect(failFast?.mayHaveRun == false)
      let late = await expectParleyError(.timeout) {
        _ = try await client.echo("{}", options: CallOptions(timeout: .milliseconds(100), waitForReady: true))
      }
      #expect(late?.mayHaveRun == false)

      let waiting = Task {
        try await client.echo(#"{"w":1}"#, options: CallOptions(timeout: .seconds(20), waitForReady: true))
      }
      #expect(await recorder.waitFor(.transientFailure, count: 3))
      let server = ParleyServer()
      server.register(echoService())
      try await server.start(on: endpoint)
      #expect(try await waiting.value == #"{"w":1}"#)

      await client.close()
      await server.stop(grace: .milliseconds(100))
    }

    @Test func givesUpAfterMaxAttempts() async throws {
      await warmUpRuntime()
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      var configuration = fastClientConfiguration()
      configuration.reconnect.maxAttempts = 3
      let client = ParleyClient(to: .unix(path: directory + "/nobody.sock"), configuration: configuration)
      let recorder = StateRecorder(client)
      client.start()
      await recorder.finish()
      let states = recorder.states
      #expect(states.filter { $0.kind == .connecting }.count == 3)
      #expect(states.filter { $0.kind == .transientFailure }.count == 2)
      guard case .shutdown(let error?) = states.last else {
        Issue.record("expected shutdown with an error, got \(states)")
        return
      }
      #expect(error.code == .notConnected && error.message.contains("3 attempts"), "\(error)")
      await expectParleyError(.notConnected) { _ = try await client.echo("{}") }
      #expect(throws: ParleyError.self) {
        try client.oneway(contract: "test.echo", version: 1, service: "Echo", method: "m", payload: [])
      }
      await client.close()
    }

    @Test func givesUpAfterTheTotalTimeLimit() async throws {
      await warmUpRuntime()
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      var configuration = fastClientConfiguration()
      configuration.reconnect.totalTimeLimit = .milliseconds(100)
      let client = ParleyClient(to: .unix(path: directory + "/nobody.sock"), configuration: configuration)
      let recorder = StateRecorder(client)
      client.start()
      await recorder.finish()
      #expect(recorder.kinds.last == .shutdown)
      #expect(client.statistics.failedAttempts >= 1)
      await client.close()
    }

    @Test func serverThatClosesBeforeTheHandshakeManyTimes() async throws {
      await warmUpRuntime()
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      let path = directory + "/s.sock"
      let server = try AcceptAndCloseServer(path: path)
      let attempts = 1000
      var configuration = ParleyClientConfiguration()
      configuration.reconnect = BackoffPolicy(
        initialDelay: .microseconds(50), maxDelay: .milliseconds(1), maxAttempts: attempts)
      configuration.jitterSeed = 2024
      let client = ParleyClient(to: .unix(path: path), configuration: configuration)
      let recorder = StateRecorder(client)
      client.start()
      await recorder.finish()

      guard case .shutdown(let error?) = recorder.states.last else {
        Issue.record("expected to give up, got \(recorder.states.suffix(3))")
        return
      }
      #expect(error.message.contains("\(attempts) attempts"), "\(error)")
      #expect(server.acceptCount == attempts)
      #expect(client.statistics.failedAttempts == attempts)
      let failures = recorder.states.compactMap { state -> ConnectionFailure? in
        if case .transientFailure(let failure) = state { return failure }
        return nil
      }
      #expect(failures.count > 100)
      for failure in failures {
        #expect(failure.retryDelay <= configuration.reconnect.ceiling(forAttempt: failure.attempt))
      }
      let early = failures.prefix(3).map(\.retryDelay).reduce(.zero, +) / 3
      let late = failures.suffix(300).map(\.retryDelay).reduce(.zero, +) / 300
      #expect(early < late, "backoff grows: early mean \(early), late mean \(late)")
      #expect(Set(failures.suffix(300).map(\.retryDelay)).count > 1, "jitter varies the delays")

      await client.close()
      await server.stop()
      let released = await eventually { OpenSockets.descriptors(matching: directory).isEmpty }
      #expect(released, "sockets still open: \(OpenSockets.all())")
    }

    @Test func queuedOnewaysAreSentOnceAndOverflowIsAnError() async throws {
      await warmUpRuntime()
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      let endpoint = Endpoint.unix(path: directory + "/s.sock")
      var configuration = fastClientConfiguration()
      configuration.maxQueuedOneways = 5
      let client = ParleyClient(to: endpoint, configuration: configuration)
      client.start()
      for n in 0..<5 {
        try client.oneway(
          contract: "test.echo", version: 1, service: "Echo", method: "record", payload: utf8Bytes("\(n)"))
      }
      let overflow = await expectParleyError(.overloaded) {
        try client.oneway(
          contract: "test.echo", version: 1, service: "Echo", method: "record", payload: utf8Bytes("5"))
      }
      #expect(overflow?.mayHaveRun == false)
      #expect(client.statistics.queuedOneways == 5)

      let received = ReceivedLog()
      var service = echoService()
      service.oneway("record") { call in received.append(utf8Text(call.payload)) }
      let server = ParleyServer()
      server.register(service)
      try await server.start(on: endpoint)
      try await client.waitUntilReady(timeout: .seconds(10))
      #expect(await eventually { received.values.count == 5 })
      // A call after the oneways proves the server has read everything that was sent.
      #expect(try await client.echo("{}") == "{}")
      // Each exactly once. The server starts every oneway handler as its own task, so the
      // order in which handlers run is not the order on the wire.
      #expect(received.values.sorted() == ["0", "1", "2", "3", "4"])
      #expect(client.statistics.queuedOneways == 0)
      #expect(client.statistics.droppedOneways == 1)

      await client.close()
      await server.stop(grace: .milliseconds(100))
    }
  }
}

/// A locked list of what a handler received.
final class ReceivedLog: Sendable {
  private let list = Mutex<[String]>([])
  func append(_ value: String) { list.withLock { $0.append(value) } }
  var values: [String] { list.withLock { $0 } }
}
