import Foundation
import Parley

/// The gateway scenario: the same small call direct (client → server) and routed (client → hub →
/// service linked to the hub), sequential and with 64 in flight, over Unix sockets.
///
/// Run it from `main.swift` with `parley-bench gateway` (see the file's header), or from any
/// program: `await GatewayScenario.run(sequential: 5_000, concurrent: 20_000, inFlight: 64)`.
enum GatewayScenario {
  /// One measurement.
  struct Measurement {
    var name: String
    var calls: Int
    var seconds: Double
    var callsPerSecond: Double { Double(calls) / seconds }
    var microsecondsPerCall: Double { seconds * 1_000_000 / Double(calls) }
  }

  static func echo() -> ServiceRegistration {
    var service = ServiceRegistration(contract: "bench.echo", version: 1, service: "EchoService")
    service.method("echo") { call in call.payload }
    return service
  }

  static func run(sequential: Int, concurrent: Int, inFlight: Int) async throws -> [Measurement] {
    let directory = try TestServer.makeTemporaryDirectory(prefix: "parley-gwbench")
    defer { TestServer.removeTree(directory) }
    let server = ParleyServer()
    server.register(echo())
    try await server.start(on: .unix(path: directory + "/direct.sock"))
    let hub = GatewayHub()
    try await hub.start(on: .unix(path: directory + "/gateway.sock"))
    let link = try await GatewayServiceLink.connect(
      to: .unix(path: directory + "/gateway.sock"), services: [echo()])
    let direct = try await ClientConnection.connect(to: .unix(path: directory + "/direct.sock"))
    let routed = try await ClientConnection.connect(to: .unix(path: directory + "/gateway.sock"))
    var results: [Measurement] = []
    for (name, connection) in [("direct", direct), ("routed", routed)] {
      _ = try await measureSequential(connection, calls: min(500, sequential))  // warm up
      results.append(try await measureSequential(connection, calls: sequential).renamed("\(name) sequential"))
      results.append(
        try await measureConcurrent(connection, calls: concurrent, inFlight: inFlight).renamed(
          "\(name) \(inFlight) in flight"))
    }
    await direct.close()
    await routed.close()
    await link.close()
    await hub.stop(grace: .zero)
    await server.stop(grace: .zero)
    return results
  }

  private static let payload = Array(#"{"id":"ord_42","note":"hello"}"#.utf8)

  private static func call(_ connection: ClientConnection) async throws {
    _ = try await connection.call(
      contract: "bench.echo", version: 1, service: "EchoService", method: "echo", payload: payload)
  }

  private static func measureSequential(_ connection: ClientConnection, calls: Int) async throws
    -> Measurement
  {
    let start = ContinuousClock.now
    for _ in 0..<calls { try await call(connection) }
    return Measurement(name: "", calls: calls, seconds: seconds(since: start))
  }

  private static func measureConcurrent(_ connection: ClientConnection, calls: Int, inFlight: Int)
    async throws
    -> Measurement
  {
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
      for worker in 0..<inFlight {
        group.addTask {
          var index = worker
          while index < calls {
            try await call(connection)
            index += inFlight
          }
        }
      }
      try await group.waitForAll()
    }
    return Measurement(name: "", calls: calls, seconds: seconds(since: start))
  }

  private static func seconds(since start: ContinuousClock.Instant) -> Double {
    let (whole, fraction) = (ContinuousClock.now - start).components
    return Double(whole) + Double(fraction) / 1e18
  }

  /// Prints the measurements and the routed/direct ratios.
  static func report(_ results: [Measurement]) {
    for result in results {
      print(
        result.name.padding(toLength: 24, withPad: " ", startingAt: 0)
          + String(
            format: "%8d calls  %9.0f calls/s  %8.1f µs/call", result.calls, result.callsPerSecond,
            result.microsecondsPerCall))
    }
    let byName = Dictionary(results.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    for kind in ["sequential", "64 in flight"] {
      if let direct = byName["direct \(kind)"], let routed = byName["routed \(kind)"] {
        print(
          String(
            format: "routed/direct cost per call, %@: %.2f×", kind,
            routed.microsecondsPerCall / direct.microsecondsPerCall))
      }
    }
  }
}

extension GatewayScenario.Measurement {
  func renamed(_ name: String) -> Self {
    var copy = self
    copy.name = name
    return copy
  }
}
