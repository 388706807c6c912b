import Foundation
import ParleyFrontEnd
import ParleySwiftGen
import Testing

/// A by-hand measurement, not a timing assertion: generates Swift for a contract set of about
/// 10,000 lines and prints how long it took. Run it in release mode:
///
/// ```sh
/// PARLEY_BENCH=1 swift test -c release --filter GeneratorBenchmark
/// ```
@Suite("Generator benchmark (by hand)")
struct GeneratorBenchmark {
  /// `files` contracts of about `linesPerFile` lines each, importing a shared one.
  static func sources(files: Int = 20, linesPerFile: Int = 500) -> [String: String] {
    var sources = [
      "shared.ipc": """
      contract bench.shared version 1
      struct Money {
        1 amountMinor: Int64 @range(0...)
        2 currency: String @pattern("^[A-Z]{3}$")
      }
      type ID = String @length(1...64)
      error NotFound code 404 {
        1 id: ID
      }
      """
    ]
    for file in 0..<files {
      var lines = ["/// File \(file).", "contract bench.part\(file) version 3", "import \"shared.ipc\"", ""]
      var index = 0
      while lines.count < linesPerFile - 12 {
        lines += [
          "/// Status \(index).", "enum Status\(index) {", "  1 pending", "  2 done", "  reserved 3", "}",
          "/// Item \(index).", "struct Item\(index) {", "  /// The id.", "  1 id: ID",
          "  2 price: shared.Money",
          "  3 status: Status\(index) = .pending", "  4 tags: [String] = [] @count(...10)",
          "  5 next: Item\(index)?",
          "  6 byName: [String: Int32] = [:]", "  7 note: String? @length(...200) @since(2)",
          "  reserved 8, 9...10", "}",
          "union Choice\(index) {", "  1 item: Item\(index)", "  2 text: String", "}",
        ]
        index += 1
      }
      lines += [
        "service Service\(file) {", "  rpc get(Item0) -> Item0 throws NotFound @timeout(2s) @idempotent",
        "  oneway touch(Item0)", "  event changed(Item0)", "  stream all(Item0) -> Choice0", "}",
      ]
      sources["part\(file).ipc"] = lines.joined(separator: "\n") + "\n"
    }
    return sources
  }

  @Test(
    "generate about 10,000 lines", .enabled(if: ProcessInfo.processInfo.environment["PARLEY_BENCH"] != nil))
  func measure() {
    let sources = Self.sources()
    let lines = sources.values.map { $0.split(separator: "\n", omittingEmptySubsequences: false).count }
      .reduce(0, +)
    let contracts = FrontEnd.load(sources: sources)
    #expect(!contracts.hasErrors)
    var best = Double.infinity
    var output = 0
    for _ in 0..<5 {
      let start = ContinuousClock.now
      let generated = SwiftGenerator.generate(contracts.contracts, options: SwiftGeneratorOptions())
      let elapsed = ContinuousClock.now - start
      output = generated.map { $0.contents.utf8.count }.reduce(0, +)
      best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    print(
      "generated \(output) bytes of Swift from \(lines) contract lines in \(Int(best * 1000)) ms (best of 5)")
  }
}
