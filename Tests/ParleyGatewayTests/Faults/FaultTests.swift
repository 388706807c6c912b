import Foundation
import Parley
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Faults with real processes: a `parley gateway` process, example services as `parley demo
/// --serve` processes, callers and services in this process. Every wait is bounded; processes
/// are reaped and temporary directories removed in `defer`.
@Suite(.serialized, .timeLimit(.minutes(3))) struct FaultTests {
  /// Outcomes of calls: successes and errors by code, with `mayHaveRun`.
  final class Tally: Sendable {
    private let state = Mutex<(ok: Int, errors: [String: Int], unsafe: Int)>((0, [:], 0))
    func record(_ error: ParleyError?) {
      state.withLock { state in
        guard let error else {
          state.ok += 1
          return
        }
        state.errors["\(error.code.rawValue)/\(error.mayHaveRun ? "mayHaveRun" : "didNotRun")", default: 0] +=
          1
      }
    }
    var ok: Int { state.withLock { $0.ok } }
    var errors: [String: Int] { state.withLock { $0.errors } }
    var total: Int { state.withLock { $0.ok + $0.errors.values.reduce(0, +) } }
  }

  private static let rolesPayload = json(#"{"userId":"usr_1"}"#)

  private static func rolesOf(
    _ transport: some ParleyCallTransport, timeout: Duration = .seconds(10), idempotent: Bool = false
  ) async -> ParleyError? {
    await parleyError {
      _ = try await transport.call(
        contract: "shop.roles", version: 1, service: "RoleService", method: "rolesOf", payload: rolesPayload,
        payloadCodec: .json, options: CallOptions(timeout: timeout, idempotent: idempotent))
    }
  }

  /// A gateway process with one role instance registered and a client connected; all of it is
  /// stopped and removed afterwards (processes and directory also when `body` throws).
  private static func withOneRoleInstance(
    client name: String = "test", _ body: (GatewayProcess, ChildProcess, GatewayClient) async throws -> Void
  ) async throws {
    let gateway = try await GatewayProcess(heartbeatMs: 10_000)
    let role = try gateway.service("role")
    defer {
      role.terminate()
      gateway.cleanUp()
    }
    #expect(try await gateway.waitForInstances(of: "RoleService", count: 1))
    let client = try await gateway.client(name: name)
    try await body(gateway, role, client)
    await client.close()
    await role.stop()
    await gateway.stop()
  }

  @Test func killNineOfACalleeUnderLoad() async throws {
    let gateway = try await GatewayProcess(heartbeatMs: 10_000)  // only the kill reveals the death
    let victim = try gateway.service("role")
    let survivor = try gateway.service("role")
    defer {
      victim.terminate()
      survivor.terminate()
      gateway.cleanUp()
    }
    #expect(try await gateway.waitForInstances(of: "RoleService", count: 2))

    // Callers: retried when safe (idempotent, through a ParleyClient), and plain ones.
    let plain = try await gateway.client(name: "plain")
    var settings = ParleyClientConfiguration()
    settings.retry.budget = RetryBudget(maxTokens: 100)
    let retrying = try await ParleyClient.connect(to: gateway.endpoint, configuration: settings)
    let retried = Tally()
    let unretried = Tally()
    let stop = EjectionTests.Flag(false)
    let load = Task {
      await withTaskGroup(of: Void.self) { group in
        for index in 0..<8 {
          group.addTask {
            while !stop.isSet {
              if index % 2 == 0 {
                retried.record(await Self.rolesOf(retrying, idempotent: true))
              } else {
                unretried.record(await Self.rolesOf(plain.connection))
              }
            }
          }
        }
      }
    }
    #expect(await eventually { retried.total + unretried.total >= 200 })
    victim.signal(SIGKILL)
    let atKill = retried.total + unretried.total
    #expect(await eventually { retried.total + unretried.total >= atKill + 400 })
    stop.set(true)
    _ = try await withTimeout { await load.value }  // every call resolved: nothing hangs

    // Idempotent calls were retried on the surviving instance; the others say they may have run.
    #expect(retried.errors.isEmpty, "\(retried.errors)")
    #expect(Set(unretried.errors.keys).isSubset(of: ["CONNECTION_LOST/mayHaveRun"]), "\(unretried.errors)")
    #expect(try await gateway.waitForInstances(of: "RoleService", count: 1))
    #expect(await Self.rolesOf(plain.connection) == nil)
    print(
      "kill -9 under load: retried \(retried.ok) ok \(retried.errors); plain \(unretried.ok) ok \(unretried.errors)"
    )

    await retrying.close()
    await plain.close()
    await victim.stop()
    await survivor.stop()
    await gateway.stop()
  }

  @Test func callersKilledMidCallLeaveTheHubClean() async throws {
    try await Self.withOneRoleInstance(client: "watcher") { gateway, role, watcher in
      #expect(await role.suspend())  // the callers' calls reach the instance and wait there
      let callers = try (0..<3).map { _ in
        try ChildProcess([
          "call", "--gateway", gateway.socket, "--timeout-ms", "60000", "RoleService.rolesOf",
          #"{"userId":"usr_1"}"#,
        ])
      }
      defer { for caller in callers { caller.terminate() } }
      #expect(await eventually { (try? await watcher.status())?.callsInFlight == 3 })

      for caller in callers { caller.signal(SIGKILL) }
      for caller in callers { #expect(await caller.waitForExit() != nil) }
      role.signal(SIGCONT)
      // The hub forgets the dead callers and their calls (the instance's late answers go nowhere);
      // long before the calls' 60 s deadlines, and everyone else keeps being served.
      #expect(await eventually { (try? await watcher.status())?.connections == 2 })  // role + watcher
      #expect(await eventually { (try? await watcher.status())?.callsInFlight == 0 })
      #expect(await Self.rolesOf(watcher.connection) == nil)
    }
  }

  @Test func aStoppedCalleeTimesOutThenRecoversOnSIGCONT() async throws {
    try await Self.withOneRoleInstance { _, role, client in
      #expect(await Self.rolesOf(client.connection) == nil)

      #expect(await role.suspend())
      for _ in 0..<3 {
        let error = await Self.rolesOf(client.connection, timeout: .milliseconds(300))
        #expect(error?.code == .timeout)
        #expect(error?.mayHaveRun == true)
      }
      role.signal(SIGCONT)
      #expect(await eventually { await Self.rolesOf(client.connection, timeout: .seconds(2)) == nil })
      #expect(await eventually { (try? await client.status())?.callsInFlight == 0 })
    }
  }

  @Test func aStoppedGatewayTimesCallsOutThenRecoversOnSIGCONT() async throws {
    try await Self.withOneRoleInstance { gateway, _, client in
      #expect(await Self.rolesOf(client.connection) == nil)

      #expect(await gateway.child.suspend())
      let stalled = await withTaskGroup(of: ParleyError?.self) { group in
        for _ in 0..<4 {
          group.addTask { await Self.rolesOf(client.connection, timeout: .milliseconds(300)) }
        }
        var errors: [ParleyError?] = []
        for await error in group { errors.append(error) }
        return errors
      }
      #expect(stalled.allSatisfy { $0?.code == .timeout && $0?.mayHaveRun == true }, "\(stalled)")
      gateway.child.signal(SIGCONT)
      #expect(await eventually { await Self.rolesOf(client.connection, timeout: .seconds(2)) == nil })
      // The callers' cancels reached the hub, which forgot the calls.
      #expect(await eventually { (try? await client.status())?.callsInFlight == 0 })
    }
  }

  @Test func aRestartedGatewayGetsEveryServiceBack() async throws {
    let count = 50
    var gateway = try await GatewayProcess()
    let directory = gateway.directory
    defer { gateway.cleanUp() }
    var links: [GatewayServiceLink] = []
    for index in 0..<count {
      var service = ServiceRegistration(contract: "test.echo", version: 3, service: "Echo\(index)")
      service.method("echo") { call in call.payload }
      var configuration = GatewayServiceConfiguration(name: "echo\(index)")
      configuration.reconnect = BackoffPolicy(initialDelay: .milliseconds(50), maxDelay: .milliseconds(500))
      links.append(
        try await GatewayServiceLink.connect(
          to: gateway.endpoint, services: [service], configuration: configuration))
    }
    #expect(links.allSatisfy { $0.registrationCount == 1 })
    // Each link's first backoff delay after the loss, and when it was ready again.
    let observers = links.map { link in
      Task { () -> (Duration?, ContinuousClock.Instant?) in
        var delay: Duration?
        for await state in link.parleyClient.states {
          if case .transientFailure(let failure) = state, delay == nil { delay = failure.retryDelay }
          if case .ready = state, delay != nil { return (delay, ContinuousClock.now) }
          if case .shutdown = state { break }
        }
        return (delay, nil)
      }
    }

    await gateway.kill()  // SIGKILL: no goaway, the socket file stays behind
    let restarted = ContinuousClock.now
    gateway = try await GatewayProcess(directory: directory)
    let linked = links
    let all = await eventually { linked.allSatisfy { $0.registrationCount == 2 } }
    #expect(all, "\(links.filter { $0.registrationCount == 2 }.count) of \(count) registered again")
    let took = ContinuousClock.now - restarted

    let client = try await gateway.client()
    let status = try await client.status()
    #expect(status.services.count == count)
    for index in 0..<count {
      let reply = try await client.connection.call(
        contract: "test.echo", version: 3, service: "Echo\(index)", method: "echo",
        payload: json("[\(index)]"),
        options: CallOptions(timeout: .seconds(10)))
      #expect(text(reply) == "[\(index)]")
    }
    // Reconnections are spread by jitter, not in lockstep: each link drew its own delay.
    var delays: [Duration] = []
    var readyAt: [ContinuousClock.Instant] = []
    for observer in observers {
      let (delay, ready) = try await withTimeout { await observer.value }
      if let delay { delays.append(delay) }
      if let ready { readyAt.append(ready) }
    }
    #expect(delays.count == count)
    #expect(Set(delays).count > count / 2, "\(delays)")
    let spread = (readyAt.max() ?? restarted) - (readyAt.min() ?? restarted)
    print(
      "gateway restart: \(count) services back within \(took) of the restart; first retry delays \(delays.min() ?? .zero)…\(delays.max() ?? .zero), ready spread over \(spread)"
    )

    await client.close()
    for link in links { await link.close() }
    await gateway.stop()
  }

  @Test func aSubscriberThatStopsReadingNeverStallsTheOthers() async throws {
    // 2 MiB queued per connection: a reader may fall ~2,000 events behind (this process is busy
    // with 19 of them) without loss; the stalled one exceeds it, and the socket's buffers, by far.
    // A long heartbeat: the stalled peer answers no ping, and should be shown losing events
    // rather than being dropped as dead.
    let gateway = try await GatewayProcess(heartbeatMs: 30_000, arguments: ["--max-pending-kib", "2048"])
    defer { gateway.cleanUp() }
    let events = 5_000
    let payload = json(#"{"pad":"\#(String(repeating: "x", count: 1_000))"}"#)

    let stalled = try RawSocket(path: gateway.socket)
    defer { stalled.close() }
    stalled.send(json: #"{"v":1,"kind":"hello","codecs":["json"],"contracts":[],"name":"stalled"}"#)
    stalled.send(json: #"{"v":1,"kind":"subscribe","id":1,"payload":{"topic":"test.load.*"}}"#)

    var readers: [GatewayClient] = []
    var subscriptions: [GatewaySubscription] = []
    for index in 0..<19 {
      let reader = try await gateway.client(name: "reader\(index)")
      readers.append(reader)
      subscriptions.append(try await reader.subscribe("test.load.*"))
    }
    let publisher = try await gateway.client(name: "publisher")
    #expect(await eventually { (try? await publisher.status())?.subscriptions == 20 })

    let all = subscriptions
    let counted = try await withTimeout(.seconds(60)) {
      try await withThrowingTaskGroup(of: Int.self) { group in
        for subscription in all {
          group.addTask {
            var next = 0
            for await event in subscription {
              guard text(event.payload).hasPrefix("{\"n\":\(next),") else { return -1 }
              next += 1
              if next == events { return next }
            }
            return next
          }
        }
        for n in 0..<events {
          var body = json(#"{"n":\#(n),"#)
          body += payload.dropFirst()
          try await publisher.publish(contract: "test.load", service: nil, event: "tick", payload: body)
        }
        var received: [Int] = []
        for try await count in group { received.append(count) }
        return received
      }
    }
    #expect(counted == Array(repeating: events, count: 19))
    let status = try await publisher.status()
    #expect((status.droppedEvents ?? 0) > 0)
    print(
      "slow subscriber: 19 readers got \(events) events each; the stalled one lost \(status.droppedEvents ?? 0)"
    )

    for subscription in subscriptions { await subscription.cancel() }
    for reader in readers { await reader.close() }
    await publisher.close()
    await gateway.stop()
  }

  @Test func aConnectionFloodIsRefusedWhileExistingClientsWork() async throws {
    let limit = 8
    let gateway = try await GatewayProcess(arguments: ["--max-connections", "\(limit)"])
    let role = try gateway.service("role")
    defer {
      role.terminate()
      gateway.cleanUp()
    }
    #expect(try await gateway.waitForInstances(of: "RoleService", count: 1))
    let existing = try await gateway.client(name: "existing")

    let outcomes = await withTaskGroup(of: Result<ClientConnection, ParleyError>.self) { group in
      for _ in 0..<(limit * 3) {
        group.addTask {
          do {
            return .success(try await ClientConnection.connect(to: gateway.endpoint))
          } catch let error as ParleyError {
            return .failure(error)
          } catch {
            return .failure(ParleyError(.internal, "\(error)"))
          }
        }
      }
      var all: [Result<ClientConnection, ParleyError>] = []
      for await outcome in group { all.append(outcome) }
      return all
    }
    var flood: [ClientConnection] = []
    var refusals: [ParleyError.Code] = []
    for outcome in outcomes {
      switch outcome {
      case .success(let connection): flood.append(connection)
      case .failure(let error): refusals.append(error.code)
      }
    }
    // The service, the existing client and the flood share `limit` connections.
    #expect(flood.count <= limit - 2)
    #expect(!refusals.isEmpty)
    #expect(refusals.allSatisfy { $0 == .overloaded }, "\(refusals)")
    for _ in 0..<5 { #expect(await Self.rolesOf(existing.connection) == nil) }

    for connection in flood { await connection.close() }
    let later = await eventually {
      guard let client = try? await gateway.client(name: "later") else { return false }
      await client.close()
      return true
    }
    #expect(later)
    await existing.close()
    await role.stop()
    await gateway.stop()
  }
}
