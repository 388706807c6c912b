/// The p50 / p99 / p99.9 of a set of latencies, in microseconds.
struct LatencySummary: Sendable {
  var p50: Double
  var p99: Double
  var p999: Double
  /// How many latencies were summarised.
  var samples: Int

  /// Summarises latencies given in nanoseconds; `nil` when there are none.
  init?(nanos: [UInt64]) {
    guard !nanos.isEmpty else { return nil }
    let sorted = nanos.sorted()
    func at(_ quantile: Double) -> Double {
      Double(sorted[Int((Double(sorted.count - 1) * quantile).rounded(.down))]) / 1000
    }
    p50 = at(0.5)
    p99 = at(0.99)
    p999 = at(0.999)
    samples = sorted.count
  }
}
