import Parley
import Testing

@Suite(.timeLimit(.minutes(1))) struct EventTests {
  @Test func subscriberReceivesEveryEventOnceInPublishOrder() async throws {
    let harness = try await GatewayHarness.start()
    let publisher = try await harness.service([Fixtures.echo()], name: "orders")
    let subscriber = try await harness.client(name: "warehouse")
    let wildcard = try await subscriber.subscribe("shop.orders.*")
    let exact = try await subscriber.subscribe("shop.orders.orderShipped")
    let other = try await subscriber.subscribe("shop.users.*")
    for index in 0..<50 {
      try await publisher.publish(
        contract: "shop.orders", service: "OrderService", event: "orderShipped", payload: json("\(index)"))
    }
    try await withTimeout {
      var received: [String] = []
      for await event in wildcard {
        received.append(text(event.payload))
        #expect(event.topic == "shop.orders.orderShipped")
        #expect(event.publisher?.name == "orders")
        if received.count == 50 { break }
      }
      #expect(received == (0..<50).map(String.init))
      var exactCount = 0
      for await _ in exact {
        exactCount += 1
        if exactCount == 50 { break }
      }
    }
    await other.cancel()
    await subscriber.close()
    await publisher.close()
    await harness.stop()
  }

  @Test func aSubscriberThatJustJoinedReceivesTheNextEvent() async throws {
    let harness = try await GatewayHarness.start()
    let publisher = try await harness.client(name: "publisher")
    for round in 0..<20 {
      let subscriber = try await harness.client(name: "late-\(round)")
      let subscription = try await subscriber.subscribe("shop.**")
      try await publisher.publish(
        contract: "shop.orders", service: nil, event: "placed", payload: json("\(round)"))
      let first = try await withTimeout {
        var iterator = subscription.makeAsyncIterator()
        return await iterator.next()
      }
      #expect(first.map { text($0.payload) } == "\(round)")
      await subscriber.close()
    }
    #expect(await eventually { harness.hub.status().subscriptions == 0 })
    await publisher.close()
    await harness.stop()
  }

  @Test func badPatternsAreRefused() async throws {
    let harness = try await GatewayHarness.start()
    let client = try await harness.client()
    let error = await parleyError { _ = try await client.subscribe("shop..orders") }
    #expect(error?.code == .validationFailed)
    await client.close()
    await harness.stop()
  }
}
