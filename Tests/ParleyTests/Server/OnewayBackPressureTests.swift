import Parley
import Synchronization
import Testing

/// A oneway service whose handler waits at a gate, then records the numbers it receives.
private final class GatedNotes: Sendable {
  private let state = Mutex<(open: Bool, numbers: [Int])>((false, []))

  func open() { state.withLock { $0.open = true } }
  var numbers: [Int] { state.withLock { $0.numbers } }

  /// Waits (at most 20 s) until the gate opens, then records `number`.
  func record(_ number: Int) async {
    let deadline = ContinuousClock.now + .seconds(20)
    while !state.withLock({ $0.open }), ContinuousClock.now < deadline {
      try? await Task.sleep(for: .milliseconds(2))
    }
    state.withLock { $0.numbers.append(number) }
  }

  var service: ServiceRegistration {
    var service = ServiceRegistration(contract: "test.gated", version: 1, service: "Gated")
    service.oneway("note") { [self] call in
      if let number = Int(utf8Text(call.payload)) { await record(number) }
    }
    service.method("ping") { _ in utf8Bytes("\"pong\"") }
    return service
  }
}

extension RuntimeSocketSuites {
  /// A server whose oneway handlers fall behind stops reading the connection instead of
  /// dropping messages: the sender is pushed back, and every oneway runs once, in order.
  @Suite struct OnewayBackPressureTests {
    @Test(arguments: [
      (TransportKind.inProcess, HandlerExecution.pool), (.unix, .pool), (.tcp, .pool), (.unix, .ioThread),
    ])
    func onewaysBeyondTheLimitWaitInsteadOfBeingDropped(
      transport: TransportKind, execution: HandlerExecution
    ) async throws {
      // More than the limit plus what one read can deliver after pausing (8 + 16,384): a server
      // that did not pause would have to drop some.
      let count = 20_000
      let notes = GatedNotes()
      var server = ServerConfiguration()
      server.maxInFlightPerConnection = 8
      server.handlerExecution = execution
      // Short heartbeats: a server that paused reading must not count the client's unread
      // pongs as missed while its own handlers are behind.
      server.heartbeatInterval = .milliseconds(50)
      server.missedPingsAllowed = 2
      let harness = try await Harness.make(transport, services: [notes.service], server: server)
      try await sendNumberedOneways(
        count, on: harness.connection, contract: "test.gated", service: "Gated", method: "note")
      // The gate stays shut for several heartbeats: the server is paused, not dead.
      try await Task.sleep(for: .milliseconds(400))
      #expect(notes.numbers.isEmpty)
      notes.open()
      try await expectEveryOnewayRunsOnceInOrder(count, notes: notes, harness: harness)
    }

    /// Pausing happens on the I/O thread and resuming on a handler's thread; thousands of quick
    /// pause/resume cycles must never leave the connection paused with nothing left to resume it.
    @Test(arguments: [TransportKind.inProcess, .unix])
    func quickPauseResumeCyclesNeverStallTheConnection(transport: TransportKind) async throws {
      let count = 30_000
      let notes = GatedNotes()
      notes.open()
      var server = ServerConfiguration()
      server.maxInFlightPerConnection = 2  // pause at 2 unfinished, resume at 1: a cycle per oneway or two
      let harness = try await Harness.make(transport, services: [notes.service], server: server)
      try await sendNumberedOneways(
        count, on: harness.connection, contract: "test.gated", service: "Gated", method: "note")
      try await expectEveryOnewayRunsOnceInOrder(count, notes: notes, harness: harness)
    }

    /// Makes a call behind the `count` oneways sent, then checks that each of them ran exactly
    /// once and in order (the call is read after them: they ran or still run), and tears down.
    private func expectEveryOnewayRunsOnceInOrder(_ count: Int, notes: GatedNotes, harness: Harness)
      async throws
    {
      let reply = try await harness.connection.call(
        contract: "test.gated", version: 1, service: "Gated", method: "ping", payload: [],
        options: CallOptions(timeout: .seconds(30)))
      #expect(reply == utf8Bytes("\"pong\""))
      #expect(await eventually(seconds: 20) { notes.numbers.count >= count })
      #expect(notes.numbers == Array(0..<count), "each oneway exactly once, in the order sent")
      await harness.tearDown()
    }
  }
}
