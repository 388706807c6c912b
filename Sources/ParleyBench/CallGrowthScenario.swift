import Parley

/// Allocations per call must not accumulate: one connection to a server in a child process (Unix
/// socket), 64 calls in flight; after a warm-up of 2 × 10⁵ calls (allocator caches and buffers at
/// their working size), the `VmRSS` of the server process and of this client process are read,
/// then again after 5 × 10⁵ and after 10⁶ more calls (a tenth of each with `--quick`). The value
/// is each process's growth in bytes over the 10⁶ calls, with each half in the details: RSS is
/// page-granular (4 KiB) and includes what the allocator keeps after `free`, so a leak of even
/// 1 byte per call would show as ~1 MB (and in both halves alike), while zero growth (± a few
/// pages) means nothing accumulates per call. The client keeps no per-call state (no latencies).
enum CallGrowthScenario {
  static func run(_ context: BenchContext) async throws -> [BenchResult] {
    let calls = context.options.quick ? 100_000 : 1_000_000
    let warmup = context.options.quick ? 20_000 : 200_000
    let workers = 64
    var options = context.options
    options.sameProcess = false  // the server's RSS must be its own
    let topology = try await BenchTopology.start(
      .direct, over: .unix, in: context.directory, options: options)
    do {
      guard let server = topology.serverProcess else { throw BenchError("no server process") }
      let connection = try await topology.connect()
      try await drive(connection, calls: warmup, workers: workers)
      let serverBefore = server.residentBytes ?? 0
      let clientBefore = ResidentMemory.bytes() ?? 0
      let start = BenchClock.nanos()
      try await drive(connection, calls: calls / 2, workers: workers)
      let serverMiddle = server.residentBytes ?? 0
      let clientMiddle = ResidentMemory.bytes() ?? 0
      try await drive(connection, calls: calls - calls / 2, workers: workers)
      let seconds = BenchClock.seconds(since: start)
      let serverAfter = server.residentBytes ?? 0
      let clientAfter = ResidentMemory.bytes() ?? 0
      await connection.close()
      await topology.stop()
      func row(_ side: String, _ before: Int, _ middle: Int, _ after: Int) -> BenchResult {
        var result = BenchResult(
          id: "call-growth.\(side)", scenario: BenchScenario.callGrowth.rawValue,
          label: "\(side) RSS growth over \(calls) calls (64 in flight, Unix socket)",
          value: Double(after - before),
          unit: "bytes", higherIsBetter: false, count: calls, seconds: seconds)
        result.details = [
          ("rssBeforeBytes", Double(before)), ("rssAfterBytes", Double(after)),
          ("firstHalfGrowthBytes", Double(middle - before)),
          ("secondHalfGrowthBytes", Double(after - middle)),
          ("bytesPerCall", rounded(Double(after - before) / Double(calls), 3)),
          ("callsPerSecond", rounded(Double(calls) / seconds, 0)),
        ]
        return result
      }
      return [
        row("server", serverBefore, serverMiddle, serverAfter),
        row("client", clientBefore, clientMiddle, clientAfter),
      ]
    } catch {
      await topology.stop()
      throw error
    }
  }

  /// `calls` echo calls spread over `workers` concurrent tasks, keeping nothing per call.
  static func drive(_ connection: ClientConnection, calls: Int, workers: Int) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
      for worker in 0..<workers {
        group.addTask {
          var index = worker
          while index < calls {
            try await EchoScenarios.echo(connection, BenchService.payload)
            index += workers
          }
        }
      }
      try await group.waitForAll()
    }
  }
}
