// parley-bench: release-mode benchmarks of Parley (runtime, gateway, codecs, compiler, memory).
//
//   swift run -c release parley-bench [--scenario NAME[,NAME…]] [--quick] [--json PATH]
//       [--warmup S] [--duration S] [--same-process] [--inline-handlers] [--list]
//   parley-bench compare A.json B.json        ratio B/A per scenario
//   parley-bench serve | serve-gateway | serve-linked …   child-process modes (see BenchServer)
//
// Servers run in child processes (this executable in a serving mode), so the numbers are real
// inter-process calls. docs/benchmarks.md explains every scenario.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "serve", "serve-gateway", "serve-linked":
  await BenchServer.run(mode: arguments[0], Array(arguments.dropFirst()))
case "compare":
  exit(CompareCommand.run(Array(arguments.dropFirst())))
default:
  let options: BenchOptions
  do {
    options = try BenchOptions(arguments)
  } catch {
    FileHandle.standardError.write(Data("parley-bench: \(error)\n".utf8))
    exit(2)
  }
  if options.helpOnly {
    print(BenchOptions.usage)
  } else if options.listOnly {
    for scenario in BenchScenario.allCases {
      print(scenario.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0) + scenario.summary)
    }
  } else {
    do {
      try await Benchmark(options: options, arguments: arguments).run()
    } catch {
      FileHandle.standardError.write(Data("parley-bench: \(error)\n".utf8))
      exit(1)
    }
  }
}
