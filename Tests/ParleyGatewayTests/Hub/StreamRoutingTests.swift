import Parley
import Synchronization
import Testing

/// `stream` methods through a hub: items in order, end-to-end credit, cancellation, refusals,
/// errors and lost instances, with the runtime's untyped stream API.
@Suite(.timeLimit(.minutes(2))) struct StreamRoutingTests {
  /// What the counter's handler saw: items it sent, and whether it was cancelled.
  final class Probe: Sendable {
    let sent = Atomic<Int>(0)
    let cancelled = Atomic<Bool>(false)
    let finished = Atomic<Bool>(false)
  }

  /// `count(n)` streams `0..<n`; `n < 0` streams forever; `failAfter` ends with an application error.
  static func counter(_ probe: Probe) -> ServiceRegistration {
    var service = ServiceRegistration(contract: "test.count", version: 1, service: "Counter")
    service.stream("count") { call, writer in
      let n = Int(text(call.payload)) ?? 0
      do {
        var i = 0
        while n < 0 || i < n {
          try await writer.send(json("\(i)"))
          probe.sent.add(1, ordering: .relaxed)
          i += 1
        }
        probe.finished.store(true, ordering: .relaxed)
      } catch {
        if Task.isCancelled || error is CancellationError { probe.cancelled.store(true, ordering: .relaxed) }
        throw error
      }
    }
    service.stream("failAfter") { call, writer in
      for i in 0..<(Int(text(call.payload)) ?? 0) { try await writer.send(json("\(i)")) }
      throw ParleyError.application(code: 409, name: "Exhausted", message: "no more items")
    }
    return service
  }

  private func open(
    _ client: GatewayClient, _ n: Int, method: String = "count", credit: Int? = nil,
    service: String = "Counter"
  ) async throws -> ParleyStream {
    try await client.connection.stream(
      contract: "test.count", version: 1, service: service, method: method, payload: json("\(n)"),
      options: CallOptions(streamCredit: credit))
  }

  @Test func itemsArriveCompleteAndInOrder() async throws {
    let harness = try await GatewayHarness.start()
    let probe = Probe()
    let service = try await harness.service([Self.counter(probe)])
    let client = try await harness.client()
    let count = 20_000
    let received = try await withTimeout {
      var next = 0
      for try await item in try await open(client, count) {
        guard text(item) == "\(next)" else { return -next - 1 }
        next += 1
      }
      return next
    }
    #expect(received == count)
    let empty = try await withTimeout {
      var items = 0
      for try await _ in try await open(client, 0) { items += 1 }
      return items
    }
    #expect(empty == 0)
    #expect(await eventually { harness.hub.status().callsInFlight == 0 })
    let listed = harness.hub.status().services.first { $0.service == "Counter" }?.instances.first?.methods
    #expect(listed?.contains("count") == true)
    await client.close()
    await service.close()
    await harness.stop()
  }

  @Test func creditFlowsEndToEndSoASlowConsumerHoldsTheProducer() async throws {
    let harness = try await GatewayHarness.start()
    let probe = Probe()
    let service = try await harness.service([Self.counter(probe)])
    let client = try await harness.client()
    let window = 8
    let stream = try await open(client, -1, credit: window)
    let consumed = try await withTimeout {
      var iterator = stream.makeAsyncIterator()
      for _ in 0..<50 { _ = try await iterator.next() }
      return 50
    }
    // The producer runs ahead of the consumer by at most what the consumer has granted; the hub
    // adds nothing of its own.
    #expect(await eventually { probe.sent.load(ordering: .relaxed) >= consumed })
    try await Task.sleep(for: .milliseconds(300))  // time for a runaway producer to show itself
    let sent = probe.sent.load(ordering: .relaxed)
    #expect(
      sent <= consumed + window, "sent \(sent) items for \(consumed) consumed with a window of \(window)")
    #expect(stream.maxBufferedItems <= window)
    stream.cancel()
    #expect(await eventually { probe.cancelled.load(ordering: .relaxed) })
    await client.close()
    await service.close()
    await harness.stop()
  }

  @Test func cancellingAtTheCallerCancelsTheHandler() async throws {
    let harness = try await GatewayHarness.start()
    let probe = Probe()
    let service = try await harness.service([Self.counter(probe)])
    let client = try await harness.client()
    let consumer = Task {
      for try await _ in try await open(client, -1) {}
    }
    #expect(await eventually { probe.sent.load(ordering: .relaxed) > 10 })
    consumer.cancel()
    let outcome = await consumer.result
    #expect(throws: (any Error).self) { try outcome.get() }
    #expect(await eventually { probe.cancelled.load(ordering: .relaxed) })
    #expect(await eventually { harness.hub.status().callsInFlight == 0 })
    #expect(probe.finished.load(ordering: .relaxed) == false)
    await client.close()
    await service.close()
    await harness.stop()
  }

  @Test func refusalsErrorsAndLostInstancesEndTheStream() async throws {
    let harness = try await GatewayHarness.start()
    let probe = Probe()
    let service = try await harness.service([Self.counter(probe)])
    let client = try await harness.client()

    let unknown = await parleyError {
      for try await _ in try await open(client, 1, service: "NoSuchService") {}
    }
    #expect(unknown?.code == .serviceNotFound)
    #expect(unknown?.mayHaveRun == false)

    let failing = try await withTimeout {
      var items = 0
      let error = await parleyError {
        for try await _ in try await open(client, 3, method: "failAfter") { items += 1 }
      }
      return (items, error)
    }
    #expect(failing.0 == 3)
    #expect(failing.1?.code == .application)
    #expect(failing.1?.application?.name == "Exhausted")

    let stream = try await open(client, -1)
    var iterator = stream.makeAsyncIterator()
    _ = try await iterator.next()
    await service.close()  // the instance goes away mid-stream
    let lost = try await withTimeout {
      var rest = stream.makeAsyncIterator()
      return await parleyError { while try await rest.next() != nil {} }
    }
    #expect(lost?.code == .connectionLost)
    await client.close()
    await harness.stop()
  }
}
