/// A warm-up followed by a measured window, in seconds.
struct LoadWindow: Sendable {
  var warmup: Double
  var duration: Double
}

/// What a closed-loop run measured.
struct LoadOutcome: Sendable {
  /// Operations completed inside the measured window.
  var count: Int
  /// The measured window's length in seconds.
  var seconds: Double
  /// Latencies (ns) of the operations completed inside the measured window.
  var latencies: [UInt64]
  /// Operations completed in all, warm-up included.
  var total: Int
  /// CPU time (user + system, every thread of this process) used during the whole run, warm-up
  /// included: divided by ``total`` it is the CPU per operation when both sides run here.
  var cpuSeconds: Double = 0

  /// Operations per second in the measured window.
  var perSecond: Double { Double(count) / seconds }
}

/// The closed-loop driver of every call scenario: `workers` tasks each repeat `operation` (the
/// next starts when the previous one returned) through the warm-up and the measured window; only
/// operations that *finish* inside the window are counted and their latencies kept.
///
/// With `executor` (a connection's I/O thread, `--loop-callers`) every worker task prefers it as
/// its task executor, so calls run without thread hops in the benchmark's process. `operation`
/// is `nonisolated(nonsending)`: it runs on its worker's executor, as code written inline in the
/// loop would (a plain async closure costs one executor switch per call to enter it).
enum ClosedLoop {
  static func run(
    workers: Int, window: LoadWindow, executor: (_ worker: Int) -> (any TaskExecutor)? = { _ in nil },
    _ operation: nonisolated(nonsending) @escaping @Sendable (_ worker: Int) async throws -> Void
  ) async throws -> LoadOutcome {
    let cpuBefore = BenchClock.processCPUSeconds()
    let start = BenchClock.nanos()
    let from = start + UInt64(window.warmup * 1e9)
    let to = from + UInt64(window.duration * 1e9)
    return try await withThrowingTaskGroup(of: LoadOutcome.self) { group in
      for worker in 0..<workers {
        group.addTask(executorPreference: executor(worker)) {
          var part = LoadOutcome(count: 0, seconds: window.duration, latencies: [], total: 0)
          part.latencies.reserveCapacity(4096)
          while true {
            let before = BenchClock.nanos()
            if before >= to { break }
            try await operation(worker)
            let after = BenchClock.nanos()
            part.total += 1
            if after >= from && after < to { part.latencies.append(after - before) }
          }
          part.count = part.latencies.count
          return part
        }
      }
      var all = LoadOutcome(count: 0, seconds: window.duration, latencies: [], total: 0)
      for try await part in group {
        all.latencies += part.latencies
        all.count += part.count
        all.total += part.total
      }
      all.cpuSeconds = BenchClock.processCPUSeconds() - cpuBefore
      return all
    }
  }
}
