import Foundation
import Parley

/// Runs the selected scenarios one after another, prints each row as soon as it is measured, and
/// writes the JSON report at the end (also when a scenario failed: what was measured is kept,
/// and the run exits non-zero).
struct Benchmark {
  let options: BenchOptions
  let arguments: [String]

  func run() async throws {
    var info = await RunInfo.collect(arguments: arguments, commit: options.commit)
    BenchReport.printHeader(info, options)
    let directory = try TestServer.makeTemporaryDirectory(prefix: "parley-bench")
    defer { TestServer.removeTree(directory) }
    let context = BenchContext(options: options, directory: directory)
    var results: [BenchResult] = []
    var failures: [String] = []
    for scenario in options.scenarios {
      do {
        for result in try await Self.run(scenario, context) {
          BenchReport.printRow(result)
          results.append(result)
        }
      } catch {
        let line = "\(scenario.rawValue) failed: \(error)"
        FileHandle.standardError.write(Data("parley-bench: \(line)\n".utf8))
        failures.append(line)
      }
    }
    for result in results { if let note = result.note { print("note (\(result.id)): \(note)") } }
    info.loadAfter = RunInfo.loadAverage()
    print("load average after: \(info.loadAfter.map { String(format: "%.2f", $0) }.joined(separator: " "))")
    if let path = options.jsonPath {
      try BenchReport.writeJSON(results, info: info, options: options, to: path)
      print("wrote \(path)")
    }
    if !failures.isEmpty { throw BenchError(failures.joined(separator: "; ")) }
  }

  static func run(_ scenario: BenchScenario, _ context: BenchContext) async throws -> [BenchResult] {
    switch scenario {
    case .sequential: return try await EchoScenarios.sequential(context)
    case .inFlight: return try await EchoScenarios.inFlight(context)
    case .connections: return try await EchoScenarios.connections(context)
    case .oneway: return try await OnewayScenario.run(context)
    case .events: return try await EventFanoutScenario.run(context)
    case .stream: return try await StreamScenario.run(context)
    case .codec: return try await CodecResults.run(context)
    case .compiler: return try await CompilerScenario.run(context)
    case .idleMemory: return try await IdleMemoryScenario.run(context)
    case .callGrowth: return try await CallGrowthScenario.run(context)
    }
  }
}
