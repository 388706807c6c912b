import Parley
import Synchronization

/// One publisher to 10 subscribers through a gateway hub (a child process, Unix socket): the
/// publisher keeps 32 `publish` requests in flight for the warm-up and the measured window; every
/// subscriber (its own connection to the hub, in this process) subscribes to `bench.events.*`.
///
/// Events/s delivered = deliveries (to all subscribers) of events published inside the measured
/// window ÷ the time from the window's start until the last of them arrived, so subscribers that
/// lag behind the publisher lower the rate instead of hiding. Latency is publish → delivery, per
/// delivery (the payload carries the publisher's monotonic clock; same process).
enum EventFanoutScenario {
  static let subscriberCount = 10
  static let publishersInFlight = 32

  /// Counts deliveries across subscribers while the scenario waits for them.
  final class Progress: Sendable {
    let delivered = Atomic<Int>(0)
  }

  struct SubscriberTally: Sendable {
    var measured = 0
    var lastMeasuredAt: UInt64 = 0
    var latencies: [UInt64] = []
  }

  static func run(_ context: BenchContext) async throws -> [BenchResult] {
    let topology = try await BenchTopology.hub(over: .unix, in: context.directory)
    var clients: [GatewayClient] = []
    do {
      let window = context.options.window
      let start = BenchClock.nanos()
      let from = start + UInt64(window.warmup * 1e9)
      let to = from + UInt64(window.duration * 1e9)
      let progress = Progress()
      var subscriptions: [GatewaySubscription] = []
      for _ in 0..<subscriberCount {
        let client = GatewayClient(connection: try await topology.connect())
        clients.append(client)
        subscriptions.append(try await client.subscribe("bench.events.*"))
      }
      var tasks: [Task<SubscriberTally, Never>] = []
      for subscription in subscriptions {
        tasks.append(
          Task {
            var tally = SubscriberTally()
            for await event in subscription {
              let now = BenchClock.nanos()
              progress.delivered.add(1, ordering: .relaxed)
              guard let sent = UInt64(String(decoding: event.payload, as: UTF8.self)), sent >= from, sent < to
              else { continue }
              tally.measured += 1
              tally.lastMeasuredAt = now
              tally.latencies.append(now - sent)
            }
            return tally
          })
      }
      let publisher = GatewayClient(connection: try await topology.connect())
      clients.append(publisher)
      let published = try await ClosedLoop.run(
        workers: publishersInFlight, window: LoadWindow(warmup: window.warmup, duration: window.duration)
      ) { _ in
        try await publisher.publish(
          contract: "bench.events", service: "Publisher", event: "tick",
          payload: Array(String(BenchClock.nanos()).utf8))
      }
      // Wait until every subscriber has everything (or deliveries stop for 2 s).
      let expected = published.total * subscriberCount
      var last = -1
      var lastChange = BenchClock.nanos()
      while progress.delivered.load(ordering: .relaxed) < expected {
        let now = BenchClock.nanos()
        let seen = progress.delivered.load(ordering: .relaxed)
        if seen != last {
          last = seen
          lastChange = now
        } else if now - lastChange > 2_000_000_000 {
          break
        }
        try await Task.sleep(for: .milliseconds(2))
      }
      for subscription in subscriptions { await subscription.cancel() }
      var measured = 0
      var lastAt = to
      var latencies: [UInt64] = []
      for task in tasks {
        let tally = await task.value
        measured += tally.measured
        lastAt = max(lastAt, tally.lastMeasuredAt)
        latencies += tally.latencies
      }
      let dropped = clients.reduce(0) { $0 + $1.droppedEvents }
      for client in clients { await client.close() }
      await topology.stop()
      let seconds = Double(lastAt - from) / 1e9
      var result = BenchResult(
        id: "events.unix.1to10.gateway", scenario: BenchScenario.events.rawValue,
        label: "1 publisher → 10 subscribers through the gateway, Unix socket (delivered/s)",
        value: Double(measured) / seconds, unit: "events/s", higherIsBetter: true, count: measured,
        seconds: seconds,
        latency: LatencySummary(nanos: latencies))
      result.details = [
        ("publishedPerSecond", rounded(Double(published.count) / window.duration, 0)),
        ("publishedInWindow", Double(published.count)), ("droppedEvents", Double(dropped)),
        ("missingDeliveries", Double(max(0, expected - progress.delivered.load(ordering: .relaxed)))),
      ]
      result.note =
        "events latency = publish → delivery at a subscriber; publishers keep 32 publishes in flight"
      return [result]
    } catch {
      for client in clients { await client.close() }
      await topology.stop()
      throw error
    }
  }
}
