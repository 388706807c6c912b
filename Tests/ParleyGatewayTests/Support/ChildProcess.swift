import Foundation
import Parley
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The built `parley` executable: `PARLEY_EXECUTABLE`, or the one next to the test bundle in the
/// build products folder (whatever the scratch path).
enum ParleyExecutable {
  static var path: String? {
    if let path = ProcessInfo.processInfo.environment["PARLEY_EXECUTABLE"],
      FileManager.default.isExecutableFile(atPath: path)
    {
      return path
    }
    var candidates: [String] = []
    #if os(Linux)
      if let me = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        candidates.append(me)
      }
    #endif
    candidates.append(Bundle.main.bundlePath)
    candidates.append(contentsOf: Bundle.allBundles.map(\.bundlePath))
    for candidate in candidates {
      var directory = URL(fileURLWithPath: candidate).deletingLastPathComponent()
      for _ in 0..<4 {
        let binary = directory.appendingPathComponent("parley").path
        if FileManager.default.isExecutableFile(atPath: binary) { return binary }
        directory = directory.deletingLastPathComponent()
      }
    }
    return nil
  }
}

/// A child process running the `parley` executable, its output collected line by line.
final class ChildProcess: Sendable {
  let process: Process
  private let input = Pipe()
  private let lines = Mutex<[String]>([])
  private let partial = Mutex<String>("")
  private let outputEnded = Mutex<Bool>(false)

  init(_ arguments: [String]) throws {
    guard let executable = ParleyExecutable.path else {
      throw ParleyError(.notConnected, "the parley executable was not found next to the tests")
    }
    process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    process.standardInput = input
    output.fileHandleForReading.readabilityHandler = { [weak self] handle in
      let data = handle.availableData
      if data.isEmpty {
        handle.readabilityHandler = nil
        self?.outputEnded.withLock { $0 = true }
        return
      }
      self?.append(String(decoding: data, as: UTF8.self))
    }
    try process.run()
  }

  private func append(_ text: String) {
    let complete = partial.withLock { partial -> [String] in
      var pieces = (partial + text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      partial = pieces.removeLast()
      return pieces
    }
    lines.withLock { $0.append(contentsOf: complete) }
  }

  var pid: Int32 { process.processIdentifier }
  var output: [String] { lines.withLock { $0 } }

  /// Waits for a line containing `text`.
  func waitForLine(containing text: String, timeout: Duration = .seconds(20)) async -> Bool {
    await eventually(timeout: timeout) { self.output.contains { $0.contains(text) } }
  }

  func signal(_ number: Int32) { kill(pid, number) }

  /// Sends SIGSTOP and waits until the kernel reports the process stopped (`kill` returns before
  /// a process running on another core has actually stopped, so a call could still be answered).
  func suspend(timeout: Duration = .seconds(10)) async -> Bool {
    kill(pid, SIGSTOP)
    return await eventually(timeout: timeout) {
      // /proc/PID/stat: "pid (comm) S …"; the state follows the last ')'.
      guard let stat = try? String(contentsOfFile: "/proc/\(self.pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { return false }
      let state = stat[stat.index(after: close)...].drop { $0 == " " }.first
      return state == "T" || state == "t"
    }
  }

  /// Waits for the process to exit and its output to be read to the end; returns its status,
  /// or `nil` after `timeout`.
  func waitForExit(timeout: Duration = .seconds(10)) async -> Int32? {
    guard await eventually(timeout: timeout, { !self.process.isRunning }) else { return nil }
    // The output pipe may still hold its last lines (a grandchild could keep it open: bounded).
    _ = await eventually(timeout: .seconds(2)) { self.outputEnded.withLock { $0 } }
    return process.terminationStatus
  }

  /// Kills the process at once (for `defer`: synchronous; Foundation reaps it).
  func terminate() {
    guard process.isRunning else { return }
    signal(SIGCONT)
    signal(SIGKILL)
  }

  /// Stops the process for good (SIGKILL if SIGTERM is not enough).
  func stop() async {
    guard process.isRunning else { return }
    signal(SIGCONT)
    signal(SIGTERM)
    if await waitForExit(timeout: .seconds(5)) == nil {
      signal(SIGKILL)
      _ = await waitForExit(timeout: .seconds(5))
    }
    try? input.fileHandleForWriting.close()
  }
}

/// A `parley gateway` process on a socket in a private temporary directory.
final class GatewayProcess: Sendable {
  let child: ChildProcess
  let directory: String
  let socket: String

  /// Starts `parley gateway` with `arguments` added, in a new temporary directory or in
  /// `directory` (to restart a hub on the same socket path).
  init(heartbeatMs: Int = 200, arguments: [String] = [], directory: String? = nil) async throws {
    self.directory = try directory ?? TestServer.makeTemporaryDirectory(prefix: "parley-gwp")
    socket = self.directory + "/gateway.sock"
    child = try ChildProcess(
      ["gateway", "--socket", socket, "--heartbeat-ms", "\(heartbeatMs)"] + arguments)
    guard await child.waitForLine(containing: "listening") else {
      await child.stop()
      throw ParleyError(.notConnected, "the gateway did not start: \(child.output)")
    }
  }

  var endpoint: Endpoint { .unix(path: socket) }

  func service(_ name: String) throws -> ChildProcess {
    try ChildProcess(["demo", "--serve", name, "--gateway", socket])
  }

  func client(name: String = "test") async throws -> GatewayClient {
    var configuration = ClientConfiguration()
    configuration.name = name
    return try await GatewayClient.connect(to: endpoint, configuration: configuration)
  }

  /// Waits until `service` has `count` live instances.
  func waitForInstances(of service: String, count: Int, timeout: Duration = .seconds(20)) async throws -> Bool
  {
    let client = try await self.client(name: "watcher")
    let done = await eventually(timeout: timeout) {
      let status = try? await client.status()
      guard let status else { return false }
      return (status.services.first { $0.service == service }?.instances.count ?? 0) == count
    }
    await client.close()
    return done
  }

  func stop() async {
    await child.stop()
    TestServer.removeTree(directory)
  }

  /// Kills the hub and removes its directory at once (for `defer`: synchronous).
  func cleanUp() {
    child.terminate()
    TestServer.removeTree(directory)
  }

  /// Kills the hub with SIGKILL (no goodbye, the socket file stays) and reaps it; the directory
  /// stays for a successor.
  func kill() async {
    child.signal(SIGKILL)
    _ = await child.waitForExit(timeout: .seconds(10))
  }
}
