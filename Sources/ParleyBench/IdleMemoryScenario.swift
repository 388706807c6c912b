import Parley

/// Resident memory per idle connection at the gateway: a hub in a child process, then 1,000 client
/// connections from this process (handshake done, no calls, heartbeats on). The value is the
/// growth of the hub process's `VmRSS` (``ResidentMemory``) from before the connections to 1 s after
/// the last one is up, divided by the number of connections. The open-file limit is raised first
/// (children inherit it); if it cannot reach what 1,000 connections need, fewer are opened and the
/// limit is reported.
enum IdleMemoryScenario {
  static func run(_ context: BenchContext) async throws -> [BenchResult] {
    let wanted = context.options.quick ? 200 : 1000
    let limit = FileDescriptorLimit.raise(to: wanted + 512) ?? 1024
    let count = min(wanted, max(1, limit - 200))
    let topology = try await BenchTopology.hub(over: .unix, in: context.directory)
    var connections: [ClientConnection] = []
    do {
      guard let hub = topology.serverProcess else { throw BenchError("no hub process") }
      // Warm the hub's allocator with a few connections that come and go.
      for _ in 0..<2 {
        var warm: [ClientConnection] = []
        for _ in 0..<16 { warm.append(try await topology.connect()) }
        for connection in warm { await connection.close() }
      }
      try await Task.sleep(for: .milliseconds(500))
      let hubBefore = hub.residentBytes ?? 0
      connections = try await withThrowingTaskGroup(of: [ClientConnection].self) { group in
        let lanes = 16
        for lane in 0..<lanes {
          group.addTask {
            var opened: [ClientConnection] = []
            for _ in stride(from: lane, to: count, by: lanes) { opened.append(try await topology.connect()) }
            return opened
          }
        }
        var all: [ClientConnection] = []
        for try await part in group { all += part }
        return all
      }
      try await Task.sleep(for: .seconds(1))
      let hubAfter = hub.residentBytes ?? 0
      for connection in connections { await connection.close() }
      connections = []
      try await Task.sleep(for: .milliseconds(500))
      let hubClosed = hub.residentBytes ?? 0
      await topology.stop()
      var result = BenchResult(
        id: "idle-memory.gateway.unix", scenario: BenchScenario.idleMemory.rawValue,
        label: "gateway RSS per idle connection, \(count) connections, Unix socket",
        value: Double(hubAfter - hubBefore) / Double(count), unit: "bytes/conn", higherIsBetter: false,
        count: count)
      result.details = [
        ("hubRSSBeforeBytes", Double(hubBefore)), ("hubRSSWithConnectionsBytes", Double(hubAfter)),
        ("hubRSSAfterCloseBytes", Double(hubClosed)),
        ("openFileLimit", Double(limit)),
      ]
      if count < wanted {
        result.note = "open-file limit \(limit) allows only \(count) of \(wanted) connections"
      }
      return [result]
    } catch {
      for connection in connections { await connection.close() }
      await topology.stop()
      throw error
    }
  }
}
