import Foundation
import ParleyFrontEnd
import Testing

/// A by-hand measurement, not a timing assertion: checks a generated contract set of about 10,000
/// lines and prints how long it took. Run it in release mode:
///
/// ```sh
/// PARLEY_BENCH=1 swift test -c release --filter LargeContractSetBenchmark
/// PARLEY_BENCH=1 PARLEY_BENCH_OUTPUT=/tmp/large swift test -c release --filter LargeContractSetBenchmark
/// time swift run -c release parley check /tmp/large      # the same set through the CLI
/// ```
@Suite("Large contract set (by hand)")
struct LargeContractSetBenchmark {
  /// `files` contract files that import a shared one, about `linesPerFile` lines each.
  static func generate(files: Int = 20, linesPerFile: Int = 500) -> [String: String] {
    var sources: [String: String] = [
      "shared.ipc": """
      /// Shared types.
      contract bench.shared version 1
      /// Money in minor units.
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
      var lines = [
        "/// Generated file \(file).", "contract bench.part\(file) version 3", "import \"shared.ipc\"", "",
      ]
      var index = 0
      while lines.count < linesPerFile - 12 {
        lines += [
          "/// Status \(index).", "enum Status\(index) {", "  1 pending", "  2 done", "  reserved 3", "}",
          "/// Item \(index).", "struct Item\(index) {", "  /// The id.", "  1 id: ID",
          "  2 price: shared.Money", "  3 status: Status\(index) = .pending",
          "  4 tags: [String] = [] @count(...10)",
          "  5 next: Item\(index)?", "  6 byName: [String: Int32] = [:]",
          "  7 note: String? @length(...200) @since(2)",
          "  reserved 8, 9...10", "}", "union Choice\(index) {", "  1 item: Item\(index)", "  2 text: String",
          "}",
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

  @Test("check about 10,000 lines", .enabled(if: ProcessInfo.processInfo.environment["PARLEY_BENCH"] != nil))
  func measure() throws {
    let sources = Self.generate()
    let lineCount = sources.values.map { $0.split(separator: "\n", omittingEmptySubsequences: false).count }
      .reduce(0, +)
    if let output = ProcessInfo.processInfo.environment["PARLEY_BENCH_OUTPUT"] {
      try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
      for (path, text) in sources {
        try text.write(toFile: output + "/" + path, atomically: true, encoding: .utf8)
      }
    }
    let paths = sources.keys.sorted()
    let fileSystem = InMemoryFileSystem(sources)
    var best = Double.infinity
    var result = FrontEnd.load(paths: paths, fileSystem: fileSystem)
    for _ in 0..<5 {
      let start = ContinuousClock.now
      result = FrontEnd.load(paths: paths, fileSystem: fileSystem)
      let elapsed = ContinuousClock.now - start
      best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    #expect(result.diagnostics.isEmpty)
    print("checked \(lineCount) lines in \(sources.count) files: best of 5 = \(Int(best * 1000)) ms")
  }
}
