import Foundation
import Parley

/// Prints results as a table and writes them as JSON (the format `parley-bench compare` reads).
enum BenchReport {
  /// Prints the header line of a run.
  static func printHeader(_ info: RunInfo, _ options: BenchOptions) {
    let commit = info.commit.map { " at \($0)\(info.dirty == true ? "+changes" : "")" } ?? ""
    let load = info.loadBefore.map { String(format: "%.2f", $0) }.joined(separator: " ")
    print("parley-bench\(commit): \(info.cpus) CPUs, \(info.system), load average \(load)")
    print(
      "warm-up \(options.warmup) s, measured \(options.duration) s per row\(options.quick ? " (--quick: smoke run, not comparable)" : ""); servers in \(options.sameProcess ? "this process" : "child processes"), handlers: \(options.handlersLabel), callers: \(options.loopCallers ? "I/O thread executor" : "pool")"
    )
    print(columns("scenario", "value", "unit", "p50 µs", "p99 µs", "p99.9 µs", "count"))
    fflush(nil)  // all streams: rows show up at once when stdout is a pipe
  }

  /// Prints one result row (as soon as it is measured).
  static func printRow(_ result: BenchResult) {
    let latency = result.latency
    print(
      columns(
        result.id, format(result.value), result.unit, latency.map { format($0.p50) } ?? "-",
        latency.map { format($0.p99) } ?? "-", latency.map { format($0.p999) } ?? "-", "\(result.count)")
        + (result.details.isEmpty
          ? "" : "  " + result.details.map { "\($0.0)=\(format($0.1))" }.joined(separator: " ")))
    fflush(nil)  // all streams: rows show up at once when stdout is a pipe
  }

  private static func columns(_ values: String...) -> String {
    let widths = [34, 13, 11, 10, 10, 10, 9]
    var line = ""
    for (index, value) in values.enumerated() {
      let width = index < widths.count ? widths[index] : 10
      let padding = String(repeating: " ", count: max(1, width - value.count))
      line += index == 0 || index == 2 ? value + padding : padding + value + (index == 1 ? " " : "")
    }
    return line
  }

  /// A number for people: no decimals from 100 up or for whole numbers, else 1 or 2 decimals.
  static func format(_ value: Double) -> String {
    if !value.isFinite { return "\(value)" }
    if abs(value) >= 100 || value == value.rounded() { return String(format: "%.0f", value) }
    if abs(value) >= 10 { return String(format: "%.1f", value) }
    return String(format: "%.2f", value)
  }

  /// Writes the run as pretty-printed JSON to `path`.
  /// - Throws: when the file cannot be written.
  static func writeJSON(_ results: [BenchResult], info: RunInfo, options: BenchOptions, to path: String)
    throws
  {
    var rows: [[String: Any]] = []
    for result in results {
      var row: [String: Any] = [
        "id": result.id, "scenario": result.scenario, "label": result.label,
        "value": rounded(result.value, 3),
        "unit": result.unit, "higherIsBetter": result.higherIsBetter, "count": result.count,
        "seconds": rounded(result.seconds, 4),
      ]
      if let latency = result.latency {
        row["p50Micros"] = rounded(latency.p50, 2)
        row["p99Micros"] = rounded(latency.p99, 2)
        row["p999Micros"] = rounded(latency.p999, 2)
        row["latencySamples"] = latency.samples
      }
      if !result.details.isEmpty {
        row["details"] = Dictionary(result.details.map { ($0.0, $0.1) }, uniquingKeysWith: { $1 })
      }
      if let note = result.note { row["note"] = note }
      rows.append(row)
    }
    var run: [String: Any] = [
      "tool": "parley-bench", "format": 2, "date": info.date, "command": info.command,
      "machine": ["cpus": info.cpus, "system": info.system],
      "loadAverageBefore": info.loadBefore, "loadAverageAfter": info.loadAfter,
      "quick": options.quick, "warmupSeconds": options.warmup, "durationSeconds": options.duration,
      "serversInChildProcesses": !options.sameProcess, "handlersOnIOThread": options.handlers != .pool,
      "handlerExecution": options.handlersLabel, "callersOnLoopExecutor": options.loopCallers,
      "results": rows,
    ]
    if let commit = info.commit { run["commit"] = commit }
    if let dirty = info.dirty { run["uncommittedChanges"] = dirty }
    let data = try JSONSerialization.data(withJSONObject: run, options: [.prettyPrinted, .sortedKeys])
    try (data + Data("\n".utf8)).write(to: URL(fileURLWithPath: path))
  }
}
