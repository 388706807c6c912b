import Parley
import Testing

/// Streams through a `parley gateway` process: complete and ordered, end-to-end credit, and a
/// caller's cancel reaching the handler.
@Suite(.serialized, .timeLimit(.minutes(2))) struct StreamProcessTests {
  @Test func streamsFlowThroughTheGatewayProcess() async throws {
    let gateway = try await GatewayProcess()
    defer { gateway.cleanUp() }
    let probe = StreamRoutingTests.Probe()
    let link = try await GatewayServiceLink.connect(
      to: gateway.endpoint, services: [StreamRoutingTests.counter(probe)],
      configuration: GatewayServiceConfiguration(name: "counter"))
    let client = try await gateway.client()
    let count = 10_000
    let received = try await withTimeout {
      var next = 0
      for try await item in try await client.connection.stream(
        contract: "test.count", version: 1, service: "Counter", method: "count", payload: json("\(count)"))
      {
        guard text(item) == "\(next)" else { return -next - 1 }
        next += 1
      }
      return next
    }
    #expect(received == count)

    // A slow consumer holds the producer: credit crosses the hub process both ways.
    let before = probe.sent.load(ordering: .relaxed)
    let window = 4
    let slow = try await client.connection.stream(
      contract: "test.count", version: 1, service: "Counter", method: "count", payload: json("-1"),
      options: CallOptions(streamCredit: window))
    let consumed = try await withTimeout {
      var iterator = slow.makeAsyncIterator()
      for _ in 0..<20 { _ = try await iterator.next() }
      return 20
    }
    try await Task.sleep(for: .milliseconds(300))  // time for a runaway producer to show itself
    let sent = probe.sent.load(ordering: .relaxed) - before
    #expect(sent <= consumed + window, "sent \(sent) for \(consumed) consumed, window \(window)")
    slow.cancel()
    #expect(await eventually { probe.cancelled.load(ordering: .relaxed) })
    #expect(await eventually { (try? await client.status())?.callsInFlight == 0 })

    await client.close()
    await link.close()
    await gateway.stop()
  }
}
