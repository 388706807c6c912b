import ParleyCompiler

/// The compiler on a 10,000-line contract set (``ContractSetGenerator``), in memory: *check*
/// (`FrontEnd.load`: parse, resolve, check) and *generate* (`SwiftGenerator.generate`: translate and
/// render every contract), each timed separately; the reported value is the median of the runs'
/// check + generate times (5 runs, 1 with `--quick`, after one untimed run).
enum CompilerScenario {
  static func run(_ context: BenchContext) async throws -> [BenchResult] {
    let sources = ContractSetGenerator.generate()
    let inputLines = ContractSetGenerator.lineCount(sources)
    var checks: [Double] = []
    var generations: [Double] = []
    var generatedLines = 0
    let runs = context.options.quick ? 1 : 5
    for run in 0...runs {
      let start = BenchClock.nanos()
      let loaded = FrontEnd.load(sources: sources)
      let checked = BenchClock.nanos()
      guard !loaded.hasErrors else {
        let first = loaded.diagnostics.prefix(5).map { "\($0)" }.joined(separator: "\n")
        throw BenchError("the generated contract set has errors:\n\(first)")
      }
      let files = SwiftGenerator.generate(loaded.contracts, options: SwiftGeneratorOptions())
      let generated = BenchClock.nanos()
      generatedLines = files.reduce(0) { $0 + $1.contents.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
      if run > 0 {  // run 0 warms up
        checks.append(Double(checked - start) / 1e6)
        generations.append(Double(generated - checked) / 1e6)
      }
      await Task.yield()
    }
    let totals = zip(checks, generations).map { $0 + $1 }
    var result = BenchResult(
      id: "compiler.check-generate.10k", scenario: BenchScenario.compiler.rawValue,
      label: "check + generate \(inputLines) lines in \(sources.count) contracts (median)",
      value: median(totals),
      unit: "ms", higherIsBetter: false, count: runs, seconds: totals.reduce(0, +) / 1000)
    result.details = [
      ("checkMs", rounded(median(checks), 1)), ("generateMs", rounded(median(generations), 1)),
      ("inputLines", Double(inputLines)), ("contracts", Double(sources.count)),
      ("generatedSwiftLines", Double(generatedLines)),
      ("inputLinesPerSecond", rounded(Double(inputLines) / (median(totals) / 1000), 0)),
    ]
    return [result]
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1
      ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}
