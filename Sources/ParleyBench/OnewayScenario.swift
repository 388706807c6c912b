import Parley

/// Oneway messages per second on one connection (Unix, direct): the client sends `Echo.note`
/// oneways as fast as `oneway(…)` accepts them for the measured window; the server counts what
/// its handlers ran, and the rate is messages *received* per second from the first send to the
/// last message handled. Latency is the time of the `oneway(…)` call itself (enqueueing or
/// writing), since a oneway has no reply.
enum OnewayScenario {
  static func run(_ context: BenchContext) async throws -> [BenchResult] {
    let topology = try await BenchTopology.start(
      .direct, over: .unix, in: context.directory, options: context.options)
    do {
      let connection = try await topology.connect()
      // Warm-up: send for the warm-up window and wait until the server has handled it all.
      let warm = try await send(connection, seconds: context.options.warmup, keepLatencies: false)
      let base = try await waitForReceived(connection, atLeast: warm.sent, timeout: 30).count
      let start = BenchClock.nanos()
      let measured = try await send(connection, seconds: context.options.duration, keepLatencies: true)
      let last = try await waitForReceived(connection, atLeast: base + measured.sent, timeout: 60)
      let received = last.count - base
      let seconds = Double(last.at - start) / 1e9
      await connection.close()
      await topology.stop()
      var result = BenchResult(
        id: "oneway.unix.64B.direct", scenario: BenchScenario.oneway.rawValue,
        label: "oneway, 64 B, Unix socket, direct (received/s)", value: Double(received) / seconds,
        unit: "messages/s", higherIsBetter: true, count: received, seconds: seconds,
        latency: LatencySummary(nanos: measured.latencies))
      result.details = [
        ("sent", Double(measured.sent)), ("dropped", Double(measured.sent - min(measured.sent, received))),
        ("overloadedRetries", Double(measured.overloaded)),
      ]
      result.note =
        "oneway latency = time of the oneway(…) call; rate = messages the server handled per second"
      return [result]
    } catch {
      await topology.stop()
      throw error
    }
  }

  struct Sent {
    var sent = 0
    var overloaded = 0
    var latencies: [UInt64] = []
  }

  /// Sends oneways for `seconds`; an `OVERLOADED` refusal (the outbound queue is full) is retried
  /// after a short pause and counted.
  static func send(_ connection: ClientConnection, seconds: Double, keepLatencies: Bool) async throws -> Sent
  {
    var result = Sent()
    if keepLatencies { result.latencies.reserveCapacity(1 << 20) }
    let end = BenchClock.nanos() + UInt64(seconds * 1e9)
    while true {
      let before = BenchClock.nanos()
      if before >= end { break }
      do {
        try connection.oneway(
          contract: BenchService.contract, version: 1, service: BenchService.service, method: "note",
          payload: BenchService.payload)
      } catch let error as ParleyError where error.code == .overloaded {
        result.overloaded += 1
        try await Task.sleep(for: .microseconds(200))
        continue
      }
      if keepLatencies { result.latencies.append(BenchClock.nanos() - before) }
      result.sent += 1
      if result.sent % 512 == 0 { await Task.yield() }
    }
    return result
  }

  /// Polls `Echo.received` until it reaches `target` or stops moving for 2 s (messages dropped),
  /// bounded by `timeout` seconds; returns the last count and when it was first seen.
  static func waitForReceived(_ connection: ClientConnection, atLeast target: Int, timeout: Double)
    async throws
    -> (count: Int, at: UInt64)
  {
    let start = BenchClock.nanos()
    var last = -1
    var lastChange = start
    while true {
      let reply: [UInt8]
      do {
        reply = try await connection.call(
          contract: BenchService.contract, version: 1, service: BenchService.service, method: "received",
          payload: Array("{}".utf8))
      } catch let error as ParleyError where error.code == .overloaded {
        try await Task.sleep(for: .microseconds(500))  // the oneways sent before are still queued
        continue
      }
      let count = Int(String(decoding: reply, as: UTF8.self)) ?? 0
      let now = BenchClock.nanos()
      if count >= target { return (count, now) }
      if count != last {
        last = count
        lastChange = now
      }
      if now - lastChange > 2_000_000_000 || Double(now - start) / 1e9 > timeout {
        return (count, lastChange)
      }
      try await Task.sleep(for: .microseconds(500))
    }
  }
}
