/// One measured row of the report: a scenario's main number (throughput, time or bytes), its
/// latency percentiles where they apply, and scenario-specific details.
struct BenchResult: Sendable {
  /// Stable identifier compared across runs, e.g. `sequential.unix.64B.direct`.
  var id: String
  /// The scenario it belongs to (what `--scenario` selects), e.g. `sequential`.
  var scenario: String
  /// One line for a person, e.g. `1 in flight, 64 B, Unix socket, direct`.
  var label: String
  /// The main number.
  var value: Double
  /// Its unit: `calls/s`, `messages/s`, `events/s`, `MB/s`, `ms`, `bytes`, `bytes/conn`, `bytes/call`.
  var unit: String
  /// Whether more is better (throughput) or worse (times, memory); `compare` uses it.
  var higherIsBetter: Bool
  /// Operations counted in the measured window (calls, messages, events, chunks, runs).
  var count: Int = 0
  /// Length of the measured window in seconds (warm-up excluded).
  var seconds: Double = 0
  /// Latency percentiles of the measured window, when the scenario has a per-operation latency.
  var latency: LatencySummary?
  /// Extra numbers (e.g. `droppedEvents`, `rssBeforeBytes`), written to the JSON.
  var details: [(String, Double)] = []
  /// A note printed under the table and written to the JSON (method, limits hit).
  var note: String?
}
