import Dispatch
import Foundation
import Parley

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// This executable started again in a serving mode (`serve`, `serve-gateway`, `serve-linked`),
/// so that benchmarks make real inter-process calls. The child prints `ready <text>` once it
/// serves and exits when its standard input closes, so it never outlives the benchmark.
final class ChildProcess: @unchecked Sendable {  // used by one scenario at a time
  private let process = Process()
  private let input = Pipe()
  private let output = Pipe()
  /// What the child printed after `ready ` (its endpoint, or `linked`).
  private(set) var ready = ""

  /// The child's process id.
  var pid: Int32 { process.processIdentifier }

  /// Starts `parley-bench <arguments>` and waits (off the cooperative pool) for its `ready` line.
  /// - Throws: ``BenchError`` when it cannot start or exits before it is ready.
  static func start(_ arguments: [String]) async throws -> ChildProcess {
    let child = ChildProcess()
    child.process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    #if canImport(Darwin)
      child.process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    #endif
    child.process.arguments = arguments
    child.process.standardInput = child.input
    child.process.standardOutput = child.output
    try child.process.run()
    let line = await offPool { child.readLine() }
    guard line.hasPrefix("ready ") else {
      child.stop()
      throw BenchError(
        "the child `parley-bench \(arguments.joined(separator: " "))` did not start: '\(line)'")
    }
    child.ready = String(line.dropFirst(6))
    return child
  }

  /// The endpoint the child reported.
  /// - Throws: ``BenchError`` when the `ready` text is not an endpoint.
  func endpoint() throws -> Endpoint { try BenchEndpoint.parse(ready) }

  /// The child's resident memory in bytes (`VmRSS`), `nil` where `/proc` is not available.
  var residentBytes: Int? { ResidentMemory.bytes(pid: pid) }

  /// The CPU time the child has used so far in seconds, `nil` where `/proc` is not available.
  var cpuSeconds: Double? { ProcessCPU.seconds(pid: pid) }

  /// Closes the child's standard input (it exits) and waits for it, killing it after 5 s.
  func stop() {
    try? input.fileHandleForWriting.close()
    let deadline = Date().addingTimeInterval(5)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  /// Stops the child off the cooperative pool.
  func stopped() async { await offPool { self.stop() } }

  private func readLine() -> String {
    var bytes: [UInt8] = []
    while let byte = output.fileHandleForReading.readData(ofLength: 1).first, byte != 0x0A {
      bytes.append(byte)
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// Runs blocking work (reading a pipe, waiting for a process) on a Dispatch thread, never on
/// Swift's cooperative pool.
func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
  await withCheckedContinuation { continuation in
    DispatchQueue.global().async { continuation.resume(returning: work()) }
  }
}
