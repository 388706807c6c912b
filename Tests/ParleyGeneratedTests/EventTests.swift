import Foundation
import Parley
import Testing

/// Generated `event` members: typed publish → typed subscription through a gateway hub on a Unix
/// socket in a temporary directory.
@Suite("Generated events through a gateway", .timeLimit(.minutes(1)))
struct EventTests {
  /// The first `count` payloads of `events`, or fewer if the time limit passes.
  static func first(_ count: Int, of events: ParleyTypedEvents<GenStreams.Notice>) async throws
    -> [GenStreams.Notice]
  {
    try await withTimeLimit(.seconds(20)) {
      var received: [GenStreams.Notice] = []
      for await notice in events {
        received.append(notice)
        if received.count == count { break }
      }
      return received
    }
  }

  @Test func aTypedPublishReachesATypedSubscriptionInOrder() async throws {
    try await withTickerGateway { service, subscriber in
      let notices = try await GenStreams.TickerClient(subscriber).noticed.subscribe()
      let publisher = GenStreams.TickerClient(service).noticed
      #expect(publisher.topic == "gen.streams.noticed")
      let sent = (0..<20).map { GenStreams.Notice(serial: Int64($0), text: "notice \($0)") }
      for notice in sent { try await publisher.publish(notice) }
      #expect(try await Self.first(20, of: notices) == sent)
      await notices.cancel()
    }
  }

  @Test func anUndecodableEventIsDroppedAndCountedAndTheSubscriptionLivesOn() async throws {
    try await withTickerGateway { service, subscriber in
      let notices = try await GenStreams.TickerClient(subscriber).noticed.subscribe()
      try await service.publish(
        contract: "gen.streams", service: "Ticker", event: "noticed", payload: Array(#"{"serial":"x"}"#.utf8))
      try await service.publish(
        contract: "gen.streams", service: "OtherService", event: "noticed",
        payload: Array(#"{"serial":7,"text":"other"}"#.utf8))
      let good = GenStreams.Notice(serial: 1, text: "good")
      try await GenStreams.TickerClient(service).noticed.publish(good)
      #expect(try await Self.first(1, of: notices) == [good])
      #expect(notices.undecodableEvents == 1)
      await notices.cancel()
    }
  }

  @Test func anEventWithoutPayload() async throws {
    try await withTickerGateway { service, subscriber in
      let ticks = try await GenStreams.TickerClient(subscriber).ticked.subscribe()
      for _ in 0..<3 { try await GenStreams.TickerClient(service).ticked.publish(()) }
      let received = try await withTimeLimit(.seconds(20)) {
        var count = 0
        for await _ in ticks {
          count += 1
          if count == 3 { break }
        }
        return count
      }
      #expect(received == 3)
      #expect(ticks.undecodableEvents == 0)
      await ticks.cancel()
    }
  }

  @Test func eventsOnADirectConnectionFailWithNotConnected() async throws {
    let fixture = try await TestServer.start([TickerHandler(probe: TickerProbe()).parleyRegistration()])
    let connection = try await fixture.connect()
    let topic = GenStreams.TickerClient(connection).noticed
    for attempt in 0..<2 {
      do {
        if attempt == 0 {
          _ = try await topic.subscribe()
        } else {
          try await topic.publish(GenStreams.Notice(serial: 1, text: "direct"))
        }
        Issue.record("expected NOT_CONNECTED")
      } catch let error as ParleyError {
        #expect(error.code == .notConnected)
        #expect(!error.mayHaveRun)
        #expect(error.message.contains("gateway"))
      }
    }
    await connection.close()
    await fixture.stop()
  }
}
