import Parley
import Synchronization
import Testing

/// A call an instance refused in a way that means it certainly did not run (`SHUTTING_DOWN`,
/// `OVERLOADED`, … with `mayHaveRun: false`) is tried on another instance, once per instance,
/// within the call's deadline; anything that may have run is answered as it is.
@Suite(.timeLimit(.minutes(2))) struct RefusalRetryTests {
  /// A hand-made instance (of `EchoService` unless `service` says otherwise) that answers every
  /// call with `refusal`: a `reply`, or a `streamEnd` for a call that opens a stream.
  final class Refuser: Sendable {
    let connection: ClientConnection
    let calls = Atomic<Int>(0)

    init(
      _ harness: GatewayHarness, name: String, refusal: ParleyError,
      service: String = #"{"contract":"test.echo","version":3,"service":"EchoService","methods":["echo"]}"#
    ) async throws {
      connection = try await ClientConnection.connect(to: harness.endpoint)
      connection.setHandler(for: .call) { [self] envelope in
        calls.add(1, ordering: .relaxed)
        guard let id = envelope.id else { return }
        try? connection.send(
          envelope.credit != nil ? .streamEnd(id: id, error: refusal) : .reply(id: id, error: refusal))
      }
      var register = Envelope(kind: .register)
      register.payload = json(
        #"{"instance":"\#(name)","services":[\#(service)]}"#)
      _ = try await connection.request(register)
    }
  }

  private func echo(_ client: GatewayClient, _ text: String) async throws -> String {
    let reply = try await client.connection.call(
      contract: "test.echo", version: 3, service: "EchoService", method: "echo", payload: json("\"\(text)\""),
      options: CallOptions(timeout: .seconds(10)))
    return String(decoding: reply, as: UTF8.self)
  }

  @Test(arguments: [
    ParleyError(.shuttingDown, "the instance is shutting down", mayHaveRun: false),
    ParleyError(.overloaded, "too many calls", mayHaveRun: false),
    ParleyError(.connectionLost, "the frame was never written", mayHaveRun: false),
  ])
  func aRefusedCallThatDidNotRunSucceedsOnAnotherInstance(refusal: ParleyError) async throws {
    let harness = try await GatewayHarness.start()
    let refuser = try await Refuser(harness, name: "refuser", refusal: refusal)
    let good = try await harness.service([Fixtures.echo()], name: "good")
    let client = try await harness.client()
    for i in 0..<8 {
      let answer = try await withTimeout { try await echo(client, "m\(i)") }
      #expect(answer == "\"m\(i)\"")
    }
    // Sequential calls go round-robin, so the refuser was tried (and each refusal retried).
    let refused = refuser.calls.load(ordering: .relaxed)
    #expect(refused >= 1)
    let status = harness.hub.status()
    #expect(status.callsInFlight == 0)
    // Every refusal was retried once, and the status (what `parley status` prints) says so.
    let counters = status.services.first(where: { $0.service == "EchoService" })?.methods
      .first(where: { $0.method == "echo" })
    #expect(counters?.retried == refused)
    #expect(counters?.calls == 8)
    await client.close()
    await good.close()
    await refuser.connection.close()
    await harness.stop()
  }

  @Test func aRefusedStreamIsOpenedOnAnotherInstance() async throws {
    let harness = try await GatewayHarness.start()
    let refuser = try await Refuser(
      harness, name: "refuser", refusal: ParleyError(.shuttingDown, "shutting down", mayHaveRun: false),
      service: #"{"contract":"test.count","version":1,"service":"Counter","methods":[],"streams":["count"]}"#)
    let good = try await harness.service(
      [StreamRoutingTests.counter(StreamRoutingTests.Probe())], name: "good")
    let client = try await harness.client()
    for _ in 0..<4 {
      let items = try await withTimeout {
        var items: [String] = []
        for try await item in try await client.connection.stream(
          contract: "test.count", version: 1, service: "Counter", method: "count", payload: json("5"))
        {
          items.append(text(item))
        }
        return items
      }
      #expect(items == ["0", "1", "2", "3", "4"])
    }
    #expect(refuser.calls.load(ordering: .relaxed) >= 1)
    #expect(await eventually { harness.hub.status().callsInFlight == 0 })
    await client.close()
    await good.close()
    await refuser.connection.close()
    await harness.stop()
  }

  @Test func whenEveryInstanceRefusesEachIsTriedOnceAndTheCallerGetsTheRefusal() async throws {
    let harness = try await GatewayHarness.start()
    let refusal = ParleyError(.shuttingDown, "the instance is shutting down", mayHaveRun: false)
    let first = try await Refuser(harness, name: "r1", refusal: refusal)
    let second = try await Refuser(harness, name: "r2", refusal: refusal)
    let client = try await harness.client()
    let error = await parleyError { _ = try await withTimeout { try await echo(client, "x") } }
    #expect(error?.code == .shuttingDown)
    #expect(error?.mayHaveRun == false)
    #expect(first.calls.load(ordering: .relaxed) == 1)
    #expect(second.calls.load(ordering: .relaxed) == 1)
    #expect(await eventually { harness.hub.status().callsInFlight == 0 })
    await client.close()
    await first.connection.close()
    await second.connection.close()
    await harness.stop()
  }

  @Test(arguments: [
    ParleyError(.internal, "it broke", mayHaveRun: true),
    ParleyError(.overloaded, "overloaded half-way", mayHaveRun: true),
    ParleyError(.validationFailed, "bad input", mayHaveRun: false),
  ])
  func aFailureThatMayHaveRunOrIsTheCallersIsNotRetried(failure: ParleyError) async throws {
    let harness = try await GatewayHarness.start()
    let failing = try await Refuser(harness, name: "failing", refusal: failure)
    let other = try await Refuser(harness, name: "other", refusal: failure)
    let client = try await harness.client()
    let error = await parleyError { _ = try await withTimeout { try await echo(client, "x") } }
    #expect(error?.code == failure.code)
    #expect(failing.calls.load(ordering: .relaxed) + other.calls.load(ordering: .relaxed) == 1)
    await client.close()
    await failing.connection.close()
    await other.connection.close()
    await harness.stop()
  }
}
