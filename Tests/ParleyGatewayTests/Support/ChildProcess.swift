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

  /// Waits for the process to exit; returns its status, or `nil` after `timeout`.
  func waitForExit(timeout: Duration = .seconds(10)) async -> Int32? {
    guard await eventually(timeout: timeout, { !self.process.isRunning }) else { return nil }
    return process.terminationStatus
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

  init(heartbeatMs: Int = 200) async throws {
    directory = try TestServer.makeTemporaryDirectory(prefix: "parley-gwp")
    socket = directory + "/gateway.sock"
    child = try ChildProcess(["gateway", "--socket", socket, "--heartbeat-ms", "\(heartbeatMs)"])
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
}
