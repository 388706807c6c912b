import Foundation
import Parley
import ParleyExamples
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `parley demo`: the example services of `Contracts/` as separate processes behind a gateway,
/// called through generated clients, narrated step by step.
struct DemoCommand: CLICommand {
  let name = "demo"
  let summary = "Run the example services behind a gateway and make real calls (start here)."
  let help = """
    usage: parley demo

    Starts a gateway and the example services of Contracts/ (order, user, role, inventory),
    each a separate process, on a socket in a private temporary directory. Then makes real
    calls through the code generated from the contracts: a nested call chain with its context,
    an application error, a validation failure and events, and prints who called whom and how
    long it took. Shuts everything down and exits 0 when every step behaved as expected.

    (Internally, `parley demo --serve NAME --gateway PATH` runs one example service.)

    options:
      -h, --help  show this help
    """

  func run(_ arguments: [String]) async -> Int32 {
    if arguments.first == "--serve" {
      guard arguments.count == 4, arguments[2] == "--gateway" else {
        printError("error: usage: parley demo --serve NAME --gateway PATH")
        return ExitStatus.usage
      }
      return await serve(arguments[1], gateway: arguments[3])
    }
    guard arguments.isEmpty else {
      printError("error: unknown argument '\(arguments[0])'\n\n\(help)")
      return ExitStatus.usage
    }
    return await orchestrate()
  }

  // MARK: One service process

  private func serve(_ service: String, gateway: String) async -> Int32 {
    let stop = SignalWaiter()
    let link: GatewayServiceLink
    do {
      link = try await ExampleServices.serve(service, gateway: .unix(path: gateway)) { printNow($0) }
    } catch {
      printError("error: \(service): \(error)")
      return ExitStatus.failure
    }
    // Also stop when the demo goes away (it holds our standard input open).
    Thread.detachNewThread {
      while !FileHandle.standardInput.availableData.isEmpty {}
      kill(getpid(), SIGTERM)
    }
    _ = await stop.wait()
    await link.close()
    return ExitStatus.success
  }

  // MARK: The demo

  private func orchestrate() async -> Int32 {
    let directory: String
    do {
      directory = try TestServer.makeTemporaryDirectory(prefix: "parley-demo")
    } catch {
      printError("error: \(error)")
      return ExitStatus.failure
    }
    let socket = directory + "/gateway.sock"
    let executable = Self.executablePath()
    let processes = DemoProcesses()
    defer { TestServer.removeTree(directory) }

    printNow("Parley demo: the services of Contracts/ as separate processes, talking through a gateway.")
    printNow("")
    guard
      let gateway = processes.spawn(
        label: "gateway", executable: executable,
        arguments: ["gateway", "--socket", socket, "--heartbeat-ms", "1000"])
    else {
      printError("error: cannot start \(executable) gateway")
      return ExitStatus.failure
    }
    guard await processes.waitForLine(containing: "listening", from: "gateway", within: .seconds(15)) else {
      printError("error: the gateway did not start")
      await processes.stopAll()
      return ExitStatus.failure
    }
    printNow("  gateway    pid \(gateway)  listening on unix:\(socket)")
    for service in ExampleServices.names {
      guard
        let pid = processes.spawn(
          label: service, executable: executable,
          arguments: ["demo", "--serve", service, "--gateway", socket])
      else {
        printError("error: cannot start the \(service) service")
        await processes.stopAll()
        return ExitStatus.failure
      }
      printNow(
        "  \(service.padding(toLength: 10, withPad: " ", startingAt: 0)) pid \(pid)  serves \(ExampleServices.serviceNames[service] ?? service) (generated from \(ExampleServices.contractFiles[service] ?? "Contracts/"))"
      )
    }

    var configuration = ClientConfiguration()
    configuration.name = "demo"
    let client: GatewayClient
    do {
      client = try await GatewayClient.connect(to: .unix(path: socket), configuration: configuration)
    } catch {
      printError("error: cannot connect to the gateway: \(error)")
      await processes.stopAll()
      return ExitStatus.failure
    }
    let wanted = Set(ExampleServices.serviceNames.values)
    let deadline = ContinuousClock.now + .seconds(30)
    var registered = false
    while ContinuousClock.now < deadline {
      if let status = try? await client.status(),
        wanted.isSubset(of: Set(status.services.filter { !$0.instances.isEmpty }.map(\.service)))
      {
        registered = true
        break
      }
      try? await Task.sleep(for: .milliseconds(50))
    }
    guard registered else {
      printError("error: the services did not register with the gateway within 30 s")
      await client.close()
      await processes.stopAll()
      return ExitStatus.failure
    }
    printNow("  all four registered with the gateway by name; the demo connects as caller \"demo\".")
    printNow("")
    printNow("Lines starting with │ are printed by the service processes as they handle calls")
    printNow("(→ started, ✓ succeeded, ✗ failed), indented by call depth.")

    let ok = await ShopDemo.run(
      client: client, say: { printNow($0) },
      settle: {
        try? await Task.sleep(for: .milliseconds(250))
        for line in processes.drainServiceLines() { printNow("   │ " + line) }
      })
    await client.close()
    printNow("")
    printNow("Shutting down: SIGTERM to the services, then to the gateway …")
    await processes.stopAll()
    printNow(
      ok
        ? "Done: every step behaved as expected; all processes exited, the temporary socket directory is removed."
        : "Done, but some steps did not behave as expected (see ✗ above).")
    return ok ? ExitStatus.success : ExitStatus.failure
  }

  /// The path of this executable (to start copies of it).
  static func executablePath() -> String {
    #if os(Linux)
      if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        return resolved
      }
    #endif
    return Bundle.main.executablePath ?? CommandLine.arguments[0]
  }
}

/// The demo's child processes and the lines they print.
final class DemoProcesses: Sendable {
  private struct Child {
    var label: String
    var process: Process
    var input: Pipe
  }

  private struct State {
    var children: [Child] = []
    var lines: [(label: String, stamp: UInt64, text: String)] = []
    var partial: [String: String] = [:]
  }

  private let state = Mutex(State())

  /// Starts `executable arguments`, collecting its standard output; returns its pid.
  func spawn(label: String, executable: String, arguments: [String]) -> Int32? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    let input = Pipe()
    process.standardOutput = output
    process.standardInput = input
    output.fileHandleForReading.readabilityHandler = { [weak self] handle in
      let data = handle.availableData
      if data.isEmpty {
        handle.readabilityHandler = nil
        return
      }
      self?.received(String(decoding: data, as: UTF8.self), from: label)
    }
    do {
      try process.run()
    } catch {
      return nil
    }
    state.withLock { $0.children.append(Child(label: label, process: process, input: input)) }
    return process.processIdentifier
  }

  private func received(_ text: String, from label: String) {
    state.withLock { state in
      let combined = (state.partial[label] ?? "") + text
      var pieces = combined.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      state.partial[label] = pieces.removeLast()
      for piece in pieces where !piece.isEmpty {
        let (stamp, body) = ServiceLogLine.parse(piece)
        state.lines.append((label, stamp, body))
      }
    }
  }

  /// Waits until `label` printed a line containing `text`.
  func waitForLine(containing text: String, from label: String, within limit: Duration) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
      if state.withLock({ $0.lines.contains { $0.label == label && $0.text.contains(text) } }) { return true }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return false
  }

  /// The service lines printed since the last call, in the order things happened.
  func drainServiceLines() -> [String] {
    state.withLock { state in
      let lines = state.lines.filter { $0.label != "gateway" }.sorted { $0.stamp < $1.stamp }.map(\.text)
      state.lines.removeAll()
      return lines
    }
  }

  /// Sends SIGTERM to the services, then to the gateway, waits for each (SIGKILL after 5 s).
  func stopAll() async {
    let children = state.withLock { $0.children }
    let ordered = children.filter { $0.label != "gateway" } + children.filter { $0.label == "gateway" }
    for child in ordered where child.process.isRunning {
      kill(child.process.processIdentifier, SIGTERM)
      let deadline = ContinuousClock.now + .seconds(5)
      while child.process.isRunning, ContinuousClock.now < deadline {
        try? await Task.sleep(for: .milliseconds(10))
      }
      if child.process.isRunning { kill(child.process.processIdentifier, SIGKILL) }
      try? child.input.fileHandleForWriting.close()
    }
  }
}
