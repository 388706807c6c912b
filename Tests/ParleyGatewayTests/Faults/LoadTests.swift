import Foundation
import Parley
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// 50 callers through a `parley gateway` process while service instances are killed (SIGKILL)
/// and replaced twice: every call resolves exactly once, with a success or an error that says
/// whether it may have run; no reply reaches the wrong caller; nothing hangs.
///
/// Calls per caller: 100 by default (a few seconds in debug), or `PARLEY_GATEWAY_LOAD_CALLS`
/// (the issue's figure is 20,000: run it by hand, see docs/gateway.md).
@Suite(.serialized, .timeLimit(.minutes(30))) struct LoadTests {
  /// Outcomes of every call, and replies that answered someone else's call.
  final class Outcomes: Sendable {
    private let state = Mutex<(done: Int, ok: Int, errors: [String: Int], misrouted: Int)>((0, 0, [:], 0))
    func record(ok: Bool, error: ParleyError? = nil, misrouted: Bool = false) {
      state.withLock { state in
        state.done += 1
        if ok { state.ok += 1 }
        if misrouted { state.misrouted += 1 }
        if let error {
          state.errors[
            "\(error.code.rawValue)/\(error.mayHaveRun ? "mayHaveRun" : "didNotRun")", default: 0] += 1
        }
      }
    }
    var done: Int { state.withLock { $0.done } }
    var ok: Int { state.withLock { $0.ok } }
    var errors: [String: Int] { state.withLock { $0.errors } }
    var misrouted: Int { state.withLock { $0.misrouted } }
  }

  /// The role service processes, replaced as the test goes.
  final class Instances: Sendable {
    private let children = Mutex<[ChildProcess]>([])
    func add(_ child: ChildProcess) { children.withLock { $0.append(child) } }
    var all: [ChildProcess] { children.withLock { $0 } }
    func terminateAll() { for child in all { child.terminate() } }
  }

  /// Resident memory of process `pid` in KiB (Linux), or `nil`.
  static func residentKiB(_ pid: Int32) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
      return Int(line.split(separator: " ").dropFirst().first ?? "")
    }
    return nil
  }

  @Test func fiftyCallersThroughTwoInstanceReplacements() async throws {
    let callers = 50
    let callsEach = ProcessInfo.processInfo.environment["PARLEY_GATEWAY_LOAD_CALLS"].flatMap(Int.init) ?? 100
    let total = callers * callsEach
    let gateway = try await GatewayProcess(heartbeatMs: 1_000)
    let instances = Instances()
    defer {
      instances.terminateAll()
      gateway.cleanUp()
    }
    instances.add(try gateway.service("role"))
    instances.add(try gateway.service("role"))
    #expect(try await gateway.waitForInstances(of: "RoleService", count: 2))
    let memoryBefore = Self.residentKiB(gateway.child.pid)

    var clients: [GatewayClient] = []
    for index in 0..<callers { clients.append(try await gateway.client(name: "caller\(index)")) }
    let outcomes = Outcomes()
    let started = ContinuousClock.now
    let connected = clients
    let load = Task {
      await withTaskGroup(of: Void.self) { group in
        for (c, client) in connected.enumerated() {
          group.addTask {
            for n in 0..<callsEach {
              let user = "usr_c\(c)n\(n)"
              do {
                let reply = try await client.connection.call(
                  contract: "shop.roles", version: 1, service: "RoleService", method: "rolesOf",
                  payload: json(#"{"userId":"\#(user)"}"#), options: CallOptions(timeout: .seconds(10)))
                outcomes.record(ok: true, misrouted: !text(reply).contains(#""userId":"\#(user)""#))
              } catch let error as ParleyError {
                outcomes.record(ok: false, error: error)
              } catch {
                outcomes.record(ok: false, error: ParleyError(.internal, "\(error)"))
              }
            }
          }
        }
      }
    }
    // Twice: kill one instance mid-load, start a replacement, wait until it is registered.
    for round in 1...2 {
      #expect(await eventually(timeout: .seconds(600)) { outcomes.done >= total * round / 3 })
      let victim = instances.all[round - 1]
      victim.signal(SIGKILL)
      _ = await victim.waitForExit()
      instances.add(try gateway.service("role"))
      #expect(try await gateway.waitForInstances(of: "RoleService", count: 2, timeout: .seconds(60)))
    }
    _ = try await withTimeout(.seconds(1_500)) { await load.value }
    let elapsed = ContinuousClock.now - started

    #expect(outcomes.done == total)  // each call recorded exactly one outcome
    #expect(outcomes.misrouted == 0)
    #expect(Set(outcomes.errors.keys).isSubset(of: ["CONNECTION_LOST/mayHaveRun"]), "\(outcomes.errors)")
    for client in clients { await client.close() }
    let watcher = try await gateway.client(name: "watcher")
    #expect(await eventually { (try? await watcher.status())?.callsInFlight == 0 })
    #expect(await eventually { (try? await watcher.status())?.connections == 3 })  // 2 instances + watcher
    await watcher.close()
    let memoryAfter = Self.residentKiB(gateway.child.pid)
    let rate =
      Double(total)
      / max(0.001, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    print(
      "gateway load: \(callers) callers × \(callsEach) calls = \(total) in \(elapsed) (\(Int(rate)) calls/s), \(outcomes.ok) ok, errors \(outcomes.errors), misrouted \(outcomes.misrouted); hub RSS \(memoryBefore.map { "\($0 / 1024) MiB" } ?? "?") before, \(memoryAfter.map { "\($0 / 1024) MiB" } ?? "?") after"
    )
    for child in instances.all { await child.stop() }
    await gateway.stop()
  }
}
