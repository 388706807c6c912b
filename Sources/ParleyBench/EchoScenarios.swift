import Parley

/// The request/response scenarios: sequential calls, calls in flight on one connection, and
/// parallel connections, each a closed loop of `Echo.echo` calls (``ClosedLoop``).
enum EchoScenarios {
  /// 1 in flight: 64 B and 4 KiB, Unix and TCP, direct and through the gateway.
  static func sequential(_ context: BenchContext) async throws -> [BenchResult] {
    var results: [BenchResult] = []
    for transport in BenchTransport.allCases {
      var byRoute: [BenchTopology.Route: [Int: BenchResult]] = [:]
      for route in [BenchTopology.Route.direct, .gateway] {
        let topology = try await BenchTopology.start(
          route, over: transport, in: context.directory, options: context.options)
        do {
          let connection = try await topology.connect()
          for size in [64, 4096] {
            let payload = BenchService.payload(size: size)
            let serverCPU = topology.serverCPU
            let outcome = try await ClosedLoop.run(
              workers: 1, window: context.options.window, executor: callers(context, connection)
            ) { _ in
              try await echo(connection, payload)
            }
            var result = BenchResult.calls(
              "sequential.\(transport.rawValue).\(sizeLabel(size)).\(route.rawValue)", scenario: .sequential,
              label: "1 in flight, \(sizeLabel(size)), \(transport.label), \(route.rawValue)", outcome)
            addCPU(&result, outcome, server: since(serverCPU, topology), inProcess: topology.servesInProcess)
            byRoute[route, default: [:]][size] = result
          }
          await connection.close()
        } catch {
          await topology.stop()
          throw error
        }
        await topology.stop()
      }
      for size in [64, 4096] {
        guard let direct = byRoute[.direct]?[size], var routed = byRoute[.gateway]?[size] else { continue }
        compare(&routed, with: direct)
        results += [direct, routed]
      }
    }
    return results
  }

  /// 64 and 256 calls in flight on one connection (Unix and TCP, direct), and 64 through the gateway.
  static func inFlight(_ context: BenchContext) async throws -> [BenchResult] {
    var results: [BenchResult] = []
    let plan: [(BenchTransport, BenchTopology.Route, [Int])] = [
      (.unix, .direct, [64, 256]), (.tcp, .direct, [64, 256]), (.unix, .gateway, [64]),
    ]
    for (transport, route, depths) in plan {
      let topology = try await BenchTopology.start(
        route, over: transport, in: context.directory, options: context.options)
      do {
        let connection = try await topology.connect()
        for depth in depths {
          let serverCPU = topology.serverCPU
          let outcome = try await ClosedLoop.run(
            workers: depth, window: context.options.window, executor: callers(context, connection)
          ) { _ in
            try await echo(connection, BenchService.payload)
          }
          var result = BenchResult.calls(
            "in-flight.\(transport.rawValue).\(depth).\(route.rawValue)", scenario: .inFlight,
            label: "\(depth) in flight on 1 connection, 64 B, \(transport.label), \(route.rawValue)",
            outcome)
          addCPU(&result, outcome, server: since(serverCPU, topology), inProcess: topology.servesInProcess)
          results.append(result)
        }
        await connection.close()
      } catch {
        await topology.stop()
        throw error
      }
      await topology.stop()
    }
    if let direct = results.first(where: { $0.id == "in-flight.unix.64.direct" }),
      let index = results.firstIndex(where: { $0.id == "in-flight.unix.64.gateway" })
    {
      compare(&results[index], with: direct)
    }
    return results
  }

  /// 16 client connections in parallel to one server, 1 call in flight on each (Unix, direct).
  static func connections(_ context: BenchContext) async throws -> [BenchResult] {
    let count = 16
    let topology = try await BenchTopology.start(
      .direct, over: .unix, in: context.directory, options: context.options)
    do {
      var connections: [ClientConnection] = []
      for _ in 0..<count { connections.append(try await topology.connect()) }
      let pool = connections
      let outcome = try await ClosedLoop.run(
        workers: count, window: context.options.window,
        executor: { context.options.loopCallers ? pool[$0].executor : nil }
      ) { worker in
        try await echo(pool[worker], BenchService.payload)
      }
      for connection in connections { await connection.close() }
      await topology.stop()
      return [
        .calls(
          "connections.unix.16.direct", scenario: .connections,
          label: "16 connections × 1 in flight, 64 B, Unix socket, direct", outcome)
      ]
    } catch {
      await topology.stop()
      throw error
    }
  }

  /// Adds the CPU time per call to `result` (warm-up included, as ``LoadOutcome/total``):
  /// `cpuMicrosPerCall` for every process together, and with servers in child processes also
  /// `clientCpuMicrosPerCall` (this process), `serverCpuMicrosPerCall` (the process serving the
  /// calls) and, through a gateway, `hubCpuMicrosPerCall`. With the server in this process
  /// (`--same-process`) only the total is known; without `/proc` (Darwin) nothing is added.
  static func addCPU(
    _ result: inout BenchResult, _ outcome: LoadOutcome, server: ServerCPU?, inProcess: Bool
  ) {
    guard outcome.total > 0 else { return }
    let perCall = { (seconds: Double) in rounded(seconds / Double(outcome.total) * 1e6, 2) }
    if inProcess {
      result.details.append(("cpuMicrosPerCall", perCall(outcome.cpuSeconds)))
    } else if let server {
      result.details.append(
        ("cpuMicrosPerCall", perCall(outcome.cpuSeconds + server.service + (server.hub ?? 0))))
      result.details.append(("clientCpuMicrosPerCall", perCall(outcome.cpuSeconds)))
      result.details.append(("serverCpuMicrosPerCall", perCall(server.service)))
      if let hub = server.hub { result.details.append(("hubCpuMicrosPerCall", perCall(hub))) }
    }
  }

  /// The server processes' CPU since `before` (``BenchTopology/serverCPU``).
  static func since(_ before: ServerCPU?, _ topology: BenchTopology) -> ServerCPU? {
    guard let before, let after = topology.serverCPU else { return nil }
    return after.since(before)
  }

  /// Adds to a gateway row its cost relative to the same workload's direct row, the issue's
  /// target (at most 2×): `costVsDirect` in time per call (calls/s direct ÷ routed),
  /// `cpuVsDirect` in CPU per call of every process together, and `p50VsDirect`.
  static func compare(_ routed: inout BenchResult, with direct: BenchResult) {
    routed.details.append(("costVsDirect", rounded(direct.value / routed.value, 2)))
    if let d = direct.details.first(where: { $0.0 == "cpuMicrosPerCall" })?.1,
      let r = routed.details.first(where: { $0.0 == "cpuMicrosPerCall" })?.1, d > 0
    {
      routed.details.append(("cpuVsDirect", rounded(r / d, 2)))
    }
    if let d = direct.latency, let r = routed.latency {
      routed.details.append(("p50VsDirect", rounded(r.p50 / d.p50, 2)))
    }
  }

  /// Where the workers of `connection` run: its I/O thread with `--loop-callers`, else the pool.
  static func callers(_ context: BenchContext, _ connection: ClientConnection) -> (Int) -> (any TaskExecutor)?
  {
    let executor = context.options.loopCallers ? connection.executor : nil
    return { _ in executor }
  }

  @inline(__always)
  static func echo(_ connection: ClientConnection, _ payload: [UInt8]) async throws {
    _ = try await connection.call(
      contract: BenchService.contract, version: 1, service: BenchService.service, method: "echo",
      payload: payload)
  }

  static func sizeLabel(_ size: Int) -> String { size >= 1024 ? "\(size / 1024)KiB" : "\(size)B" }
}

/// `value` rounded to `decimals` places (for the JSON).
func rounded(_ value: Double, _ decimals: Int) -> Double {
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  return (value * scale).rounded() / scale
}

extension BenchResult {
  /// A throughput row from a closed-loop outcome.
  static func calls(
    _ id: String, scenario: BenchScenario, label: String, _ outcome: LoadOutcome, unit: String = "calls/s"
  ) -> BenchResult {
    BenchResult(
      id: id, scenario: scenario.rawValue, label: label, value: outcome.perSecond, unit: unit,
      higherIsBetter: true,
      count: outcome.count, seconds: outcome.seconds, latency: LatencySummary(nanos: outcome.latencies))
  }
}
