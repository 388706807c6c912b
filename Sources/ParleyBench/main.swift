// parley-bench: release-mode benchmarks of the runtime core.
//
//   swift run -c release --scratch-path .build-runtime parley-bench [--json PATH] [--same-process]
//       [--sequential N] [--concurrent N] [--in-flight K] [--inline-handlers]
//   parley-bench serve (--unix PATH | --tcp HOST:PORT) [--inline-handlers]   serve until killed
//
// By default the server runs in a child process (this executable in `serve` mode), so the numbers
// are real inter-process calls.
import Foundation
import Parley

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "serve" {
  await BenchServer.run(Array(arguments.dropFirst()))
} else {
  do {
    let options = try BenchOptions(arguments)
    try await Benchmark(options: options).run()
  } catch {
    FileHandle.standardError.write(Data("parley-bench: \(error)\n".utf8))
    exit(1)
  }
}
