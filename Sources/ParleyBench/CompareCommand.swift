import Foundation

/// `parley-bench compare A.json B.json`: for every scenario row in both runs, the two values and
/// how B compares with A (`B/A` for throughput, `A/B` for times and memory, so above 1 always
/// means B is better), plus the p50 latency ratio where both have one.
enum CompareCommand {
  struct Row {
    var value: Double
    var unit: String
    var higherIsBetter: Bool
    var p50: Double?
  }

  /// Returns the exit status: 0, or 2 for bad arguments or unreadable files.
  static func run(_ arguments: [String]) -> Int32 {
    guard arguments.count == 2 else {
      FileHandle.standardError.write(Data("usage: parley-bench compare A.json B.json\n".utf8))
      return 2
    }
    do {
      let (a, aInfo) = try load(arguments[0])
      let (b, bInfo) = try load(arguments[1])
      print("A: \(arguments[0]) \(aInfo)")
      print("B: \(arguments[1]) \(bInfo)")
      print(
        "scenario".padding(toLength: 34, withPad: " ", startingAt: 0) + pad("A", 13) + pad("B", 13) + "  "
          + "unit".padding(toLength: 11, withPad: " ", startingAt: 0) + pad("better×", 9) + pad("p50 B/A", 9))
      for (id, first) in a where b.contains(where: { $0.0 == id }) {
        guard let second = b.first(where: { $0.0 == id })?.1 else { continue }
        let better =
          first.higherIsBetter
          ? (first.value == 0 ? nil : second.value / first.value)
          : (second.value == 0 ? nil : first.value / second.value)
        var p50 = "-"
        if let x = first.p50, let y = second.p50, x > 0 { p50 = String(format: "%.2f", y / x) }
        print(
          id.padding(toLength: 34, withPad: " ", startingAt: 0) + pad(BenchReport.format(first.value), 13)
            + pad(BenchReport.format(second.value), 13) + "  "
            + first.unit.padding(toLength: 11, withPad: " ", startingAt: 0)
            + pad(better.map { String(format: "%.2f", $0) } ?? "-", 9) + pad(p50, 9))
      }
      let onlyA = a.map(\.0).filter { id in !b.contains { $0.0 == id } }
      let onlyB = b.map(\.0).filter { id in !a.contains { $0.0 == id } }
      if !onlyA.isEmpty { print("only in A: \(onlyA.joined(separator: ", "))") }
      if !onlyB.isEmpty { print("only in B: \(onlyB.joined(separator: ", "))") }
      print("better× > 1: B is better (more throughput, or less time / memory)")
      return 0
    } catch {
      FileHandle.standardError.write(Data("parley-bench compare: \(error)\n".utf8))
      return 2
    }
  }

  private static func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(1, width - text.count)) + text
  }

  /// Reads a `parley-bench --json` file: its rows in order and a one-line description.
  static func load(_ path: String) throws -> ([(String, Row)], String) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw BenchError("cannot read \(path)")
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let results = object["results"] as? [[String: Any]]
    else { throw BenchError("\(path) is not a parley-bench JSON report (no \"results\")") }
    var rows: [(String, Row)] = []
    for result in results {
      guard let id = result["id"] as? String, let value = (result["value"] as? NSNumber)?.doubleValue else {
        throw BenchError("\(path): a result without \"id\" or \"value\"")
      }
      rows.append(
        (
          id,
          Row(
            value: value, unit: result["unit"] as? String ?? "",
            higherIsBetter: result["higherIsBetter"] as? Bool ?? true,
            p50: (result["p50Micros"] as? NSNumber)?.doubleValue)
        ))
    }
    let commit = object["commit"] as? String ?? "?"
    let date = object["date"] as? String ?? "?"
    let load =
      (object["loadAverageBefore"] as? [NSNumber])?.first.map { String(format: "%.2f", $0.doubleValue) }
      ?? "?"
    return (
      rows, "(commit \(commit), \(date), load \(load)\((object["quick"] as? Bool) == true ? ", quick" : ""))"
    )
  }
}
