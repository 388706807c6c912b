import Foundation
import Parley
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The rules again, with the gateway and the example services as real processes (`parley gateway`,
/// `parley demo --serve NAME`).
@Suite(.serialized, .timeLimit(.minutes(2))) struct GatewayProcessTests {
  private func rolesOf(_ client: GatewayClient, _ user: String = "usr_1", timeout: Duration = .seconds(5))
    async throws
    -> [UInt8]
  {
    try await client.connection.call(
      contract: "shop.roles", version: 1, service: "RoleService", method: "rolesOf",
      payload: json(#"{"userId":"\#(user)"}"#), options: CallOptions(timeout: timeout))
  }

  @Test func twoInstancesShareTheLoadAndStatusShowsThem() async throws {
    let gateway = try await GatewayProcess()
    let first = try gateway.service("role")
    let second = try gateway.service("role")
    #expect(try await gateway.waitForInstances(of: "RoleService", count: 2))
    let client = try await gateway.client()
    for _ in 0..<20 { #expect(text(try await rolesOf(client)).contains("admin")) }
    let status = try await client.status()
    let instances = try #require(status.services.first { $0.service == "RoleService" }).instances
    #expect(instances.count == 2)
    #expect(instances.allSatisfy { $0.routed >= 5 })
    #expect(Set(instances.compactMap(\.pid)) == Set([Int(first.pid), Int(second.pid)]))
    let method = status.services.first { $0.service == "RoleService" }?.methods.first {
      $0.method == "rolesOf"
    }
    #expect(method?.calls == 20)
    #expect(method?.latency.total == 20)
    await client.close()
    await first.stop()
    await second.stop()
    await gateway.stop()
  }

  @Test func killingAnInstanceMidCallFailsTheCallAtOnce() async throws {
    let gateway = try await GatewayProcess(heartbeatMs: 10_000)  // only the kill can reveal it
    let role = try gateway.service("role")
    #expect(try await gateway.waitForInstances(of: "RoleService", count: 1))
    let client = try await gateway.client()
    #expect(await role.suspend())  // the call reaches it but is never answered …
    let call = Task { await parleyError { _ = try await rolesOf(client, timeout: .seconds(30)) } }
    #expect(await eventually { (try? await client.status())?.callsInFlight == 1 })
    role.signal(SIGKILL)  // … until it dies
    let error = try await withTimeout(.seconds(10)) { await call.value }
    #expect(error?.code == .connectionLost)
    #expect(try await gateway.waitForInstances(of: "RoleService", count: 0))
    await client.close()
    await role.stop()
    await gateway.stop()
  }

  @Test func anInstanceWhoseHeartbeatsLapseIsDropped() async throws {
    let gateway = try await GatewayProcess(heartbeatMs: 100)
    let role = try gateway.service("role")
    #expect(try await gateway.waitForInstances(of: "RoleService", count: 1))
    #expect(await role.suspend())  // alive to the kernel, silent to the hub
    #expect(try await gateway.waitForInstances(of: "RoleService", count: 0, timeout: .seconds(15)))
    let client = try await gateway.client()
    let error = await parleyError { _ = try await rolesOf(client) }
    #expect(error?.code == .serviceNotFound)
    await client.close()
    await role.stop()
    await gateway.stop()
  }

  @Test func aSubscriberThatJustJoinedReceivesTheNextEvent() async throws {
    let gateway = try await GatewayProcess()
    let inventory = try gateway.service("inventory")
    #expect(try await gateway.waitForInstances(of: "InventoryService", count: 1))
    let caller = try await gateway.client(name: "caller")
    for round in 0..<5 {
      let subscriber = try await gateway.client(name: "subscriber-\(round)")
      let events = try await subscriber.subscribe("shop.inventory.*")
      _ = try await caller.connection.call(
        contract: "shop.inventory", version: 1, service: "InventoryService", method: "reserve",
        payload: json(#"{"orderId":"ord_\#(round)","sku":"PEN-1","quantity":1}"#))
      let event = try await withTimeout {
        var iterator = events.makeAsyncIterator()
        return await iterator.next()
      }
      #expect(event?.topic == "shop.inventory.stockChanged")
      #expect(event?.publisher?.name == "inventory")
      #expect(event?.publisher?.credentials?.pid == inventory.pid)
      await subscriber.close()
    }
    await caller.close()
    await inventory.stop()
    await gateway.stop()
  }

  @Test func aForgedReplyIsDroppedByTheGatewayProcess() async throws {
    let gateway = try await GatewayProcess()
    let calls = Recorder()
    var configuration = ClientConfiguration()
    configuration.name = "honest"
    let instance = try await ClientConnection.connect(to: gateway.endpoint, configuration: configuration)
    instance.setHandler(for: .call) { calls.append($0) }
    var register = Envelope(kind: .register)
    register.payload = json(
      #"{"instance":"honest","services":[{"contract":"test.echo","version":1,"minVersion":1,"service":"EchoService","methods":["echo"],"oneways":[],"events":[]}]}"#
    )
    _ = try await instance.request(register)
    let forger = try await gateway.client(name: "forger")
    let caller = try await gateway.client(name: "caller")
    let pending = Task {
      try await caller.connection.call(
        contract: "test.echo", version: 1, service: "EchoService", method: "echo", payload: json("{}"))
    }
    #expect(await eventually { calls.count == 1 })
    let forwarded = try #require(calls.first)
    let id = try #require(forwarded.id)
    try forger.connection.send(Envelope.reply(id: id, payload: json(#""forged""#)))
    #expect(await eventually { (try? await forger.status())?.forgedReplies == 1 })
    var real = Envelope.reply(id: id, payload: json(#""real""#))
    real.payloadCodec = forwarded.payloadCodec  // in the call's payload codec, as instances answer
    try instance.send(real)
    #expect(text(try await withTimeout { try await pending.value }) == #""real""#)
    await caller.close()
    await forger.close()
    await instance.close()
    await gateway.stop()
  }

  @Test func aThousandCallersComeAndGoWithoutLeakingState() async throws {
    let gateway = try await GatewayProcess()
    let role = try gateway.service("role")
    #expect(try await gateway.waitForInstances(of: "RoleService", count: 1))
    for _ in 0..<100 {
      try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<10 {
          group.addTask {
            let client = try await gateway.client(name: "caller")
            _ = try await rolesOf(client)
            await client.close()
          }
        }
        try await group.waitForAll()
      }
    }
    let watcher = try await gateway.client(name: "watcher")
    // Left: the role instance and the watcher.
    #expect(await eventually { (try? await watcher.status())?.connections == 2 })
    let status = try await watcher.status()
    #expect(status.callsInFlight == 0)
    #expect(status.subscriptions == 0)
    #expect(status.services.first?.methods.first?.calls == 1000)
    await watcher.close()
    await role.stop()
    await gateway.stop()
  }

  @Test func sigtermStopsTheGatewayCleanly() async throws {
    let gateway = try await GatewayProcess()
    gateway.child.signal(SIGTERM)
    #expect(await gateway.child.waitForExit() == 0)
    #expect(!FileManager.default.fileExists(atPath: gateway.socket))
    await gateway.stop()
  }

  @Test func theDemoRunsAndExitsZero() async throws {
    let demo = try ChildProcess(["demo"])
    let status = await demo.waitForExit(timeout: .seconds(60))
    let output = demo.output.joined(separator: "\n")
    #expect(status == 0, "\(output)")
    #expect(output.contains("chain OrderService → UserService → RoleService, depth 3"))
    #expect(output.contains("every step behaved as expected"))
    await demo.stop()
  }
}
