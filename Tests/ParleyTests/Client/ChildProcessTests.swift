import Foundation
import Parley
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `parley-bench` executable built next to the test bundle, which serves the bench service
/// in a child process (`parley-bench serve --unix PATH`).
func benchExecutable() -> String? {
  let directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
  for name in ["parley-bench", "ParleyBench"] {
    let path = directory.appendingPathComponent(name).path
    if FileManager.default.isExecutableFile(atPath: path) { return path }
  }
  return nil
}

/// A server in a child process.
final class ChildServer: @unchecked Sendable {
  let process = Process()
  let input = Pipe()
  let output = Pipe()
  let endpoint: Endpoint

  /// Starts the child and waits (off the cooperative pool) until it accepts.
  static func start(executable: String, path: String) async throws -> ChildServer {
    try await offPool { try ChildServer(executable: executable, path: path) }
  }

  private init(executable: String, path: String) throws {
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["serve", "--unix", path]
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    var line: [UInt8] = []
    while let byte = output.fileHandleForReading.readData(ofLength: 1).first, byte != 0x0A {
      line.append(byte)
    }
    guard String(decoding: line, as: UTF8.self).hasPrefix("ready") else {
      throw ParleyError(.notConnected, "child server did not start")
    }
    endpoint = .unix(path: path)
  }

  func signal(_ number: Int32) { kill(process.processIdentifier, number) }

  /// Whether the child is stopped (state `T` in `/proc/PID/stat`).
  var isStopped: Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return false }
    return stat[stat.index(close, offsetBy: 2)...].hasPrefix("T")
  }

  func reap() {
    signal(SIGKILL)
    process.waitUntilExit()
    try? input.fileHandleForWriting.close()
    try? output.fileHandleForReading.close()
  }
}

extension RuntimeSocketSuites {
  @Suite(.serialized, .enabled(if: benchExecutable() != nil, "needs the parley-bench executable"))
  struct ChildProcessTests {
    @Test func serverKilledMidCallFailsPendingCallsPromptly() async throws {
      let executable = try #require(benchExecutable())
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      let child = try await ChildServer.start(executable: executable, path: directory + "/child.sock")
      defer { child.reap() }
      let connection = try await ClientConnection.connect(to: child.endpoint)
      let pending = (0..<10).map { _ in
        Task {
          try await connection.call(
            contract: "bench.echo", version: 1, service: "Echo", method: "sleep", payload: utf8Bytes("{}"),
            options: CallOptions(timeout: .seconds(60)))
        }
      }
      #expect(await eventually { connection.statistics.pendingCalls == 10 })
      try await Task.sleep(for: .milliseconds(50))
      child.signal(SIGKILL)
      for task in pending {
        // CONNECTION_LOST, not TIMEOUT: the failure came from the dead connection, not the 60 s deadline.
        let error = await expectParleyError(.connectionLost) { _ = try await task.value }
        #expect(error?.mayHaveRun == true)
      }
      #expect(connection.statistics.pendingCalls == 0)
      await expectParleyError(.notConnected) { _ = try await connection.echo("{}") }
      await connection.close()
    }

    @Test func frozenServerIsDeclaredDeadAfterMissedPings() async throws {
      let executable = try #require(benchExecutable())
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      let child = try await ChildServer.start(executable: executable, path: directory + "/child.sock")
      defer {
        child.signal(SIGCONT)
        child.reap()
      }
      var configuration = ClientConfiguration()
      configuration.heartbeatInterval = .milliseconds(30)
      configuration.missedPingsAllowed = 3
      let connection = try await ClientConnection.connect(to: child.endpoint, configuration: configuration)
      _ = try await connection.call(
        contract: "bench.echo", version: 1, service: "Echo", method: "echo", payload: utf8Bytes("{}"))
      child.signal(SIGSTOP)
      #expect(await eventually { child.isStopped })
      let error = await expectParleyError(.connectionLost) {
        _ = try await connection.call(
          contract: "bench.echo", version: 1, service: "Echo", method: "echo", payload: utf8Bytes("{}"),
          options: CallOptions(timeout: .seconds(60)))
      }
      #expect(error?.message.contains("pings") == true)
      await connection.close()
    }
  }
}
