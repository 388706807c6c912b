import Parley

/// A server stream of 1 MiB chunks (Unix socket, server in a child process) through the
/// runtime's stream API (`ServiceRegistration.stream`, `ClientConnection.stream`), credit
/// window 8: a warm-up stream, then one stream of `chunks` items. MB/s is 10⁶ bytes of item
/// payload per second; latency is the gap between consecutive items at the consumer.
enum StreamScenario {
  static func run(_ context: BenchContext) async throws -> [BenchResult] {
    let chunks = context.options.quick ? 64 : 1024
    let topology = try await BenchTopology.start(
      .direct, over: .unix, in: context.directory, options: context.options)
    do {
      let connection = try await topology.connect()
      _ = try await consume(connection, chunks: context.options.quick ? 8 : 64)
      let start = BenchClock.nanos()
      let (bytes, gaps) = try await consume(connection, chunks: chunks)
      let seconds = BenchClock.seconds(since: start)
      await connection.close()
      await topology.stop()
      var result = BenchResult(
        id: "stream.unix.1MiB.direct", scenario: BenchScenario.stream.rawValue,
        label: "stream of \(chunks) × 1 MiB chunks, Unix socket, direct",
        value: Double(bytes) / seconds / 1e6,
        unit: "MB/s", higherIsBetter: true, count: chunks, seconds: seconds,
        latency: LatencySummary(nanos: gaps))
      result.details = [("bytes", Double(bytes)), ("creditWindow", 8)]
      result.note = "stream latency = gap between consecutive 1 MiB items at the consumer"
      return [result]
    } catch {
      await topology.stop()
      throw error
    }
  }

  /// Consumes one stream of `chunks` items; returns the payload bytes and the gaps between items.
  static func consume(_ connection: ClientConnection, chunks: Int) async throws -> (Int, [UInt64]) {
    let items = try await connection.stream(
      contract: BenchService.contract, version: 1, service: BenchService.service, method: "chunks",
      payload: Array(String(chunks).utf8), options: CallOptions(streamCredit: 8))
    var bytes = 0
    var count = 0
    var gaps: [UInt64] = []
    gaps.reserveCapacity(chunks)
    var previous = BenchClock.nanos()
    for try await item in items {
      let now = BenchClock.nanos()
      gaps.append(now - previous)
      previous = now
      bytes += item.count
      count += 1
    }
    guard count == chunks else { throw BenchError("the stream ended after \(count) of \(chunks) chunks") }
    return (bytes, gaps)
  }
}
