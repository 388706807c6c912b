import Foundation
import Parley
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(1))) struct RoutingTests {
  @Test func routesACallAndStampsTheCallersIdentity() async throws {
    let harness = try await GatewayHarness.start()
    let service = try await harness.service([Fixtures.echo()], name: "echo")
    let client = try await harness.client(name: "storefront")
    let reply = try await client.connection.call(
      contract: "test.echo", version: 3, service: "EchoService", method: "echo", payload: json(#"{"x":1}"#))
    #expect(text(reply) == #"{"x":1}"#)
    let who = try await client.connection.call(
      contract: "test.echo", version: 3, service: "EchoService", method: "whoami", payload: json("{}"))
    #expect(text(who).contains(#""caller":"storefront""#))
    await client.close()
    await service.close()
    await harness.stop()
  }

  @Test func unknownServiceFailsAtOnceWithoutRunning() async throws {
    let harness = try await GatewayHarness.start()
    let client = try await harness.client()
    let started = ContinuousClock.now
    let error = await parleyError {
      _ = try await client.connection.call(
        contract: "test.echo", version: 1, service: "Nobody", method: "echo", payload: json("{}"),
        options: CallOptions(timeout: .seconds(20)))
    }
    #expect(error?.code == .serviceNotFound)
    #expect(error?.mayHaveRun == false)
    #expect(ContinuousClock.now - started < .seconds(10))  // at once, not at the timeout
    await client.close()
    await harness.stop()
  }

  @Test func unknownMethodAndApplicationErrorsReachTheCaller() async throws {
    let harness = try await GatewayHarness.start()
    let service = try await harness.service([Fixtures.echo()])
    let client = try await harness.client()
    let missing = await parleyError {
      _ = try await client.connection.call(
        contract: "test.echo", version: 3, service: "EchoService", method: "nope", payload: json("{}"))
    }
    #expect(missing?.code == .methodNotFound)
    let app = await parleyError {
      _ = try await client.connection.call(
        contract: "test.echo", version: 3, service: "EchoService", method: "fail", payload: json("{}"))
    }
    #expect(app?.code == .application)
    #expect(app?.application?.name == "NotFound")
    #expect(app?.application?.code == 404)
    await client.close()
    await service.close()
    await harness.stop()
  }

  @Test(arguments: [(1, true), (2, true), (3, true), (4, false), (0, false)])
  func versionRule(clientVersion: Int, served: Bool) async throws {
    let harness = try await GatewayHarness.start()
    let service = try await harness.service([Fixtures.echo(version: 3, minimumVersion: 1)])
    let client = try await harness.client()
    let error = await parleyError {
      _ = try await client.connection.call(
        contract: "test.echo", version: clientVersion, service: "EchoService", method: "echo",
        payload: json("{}"))
    }
    if served {
      #expect(error == nil)
    } else {
      #expect(error?.code == .versionMismatch)
      #expect(error?.mayHaveRun == false)
    }
    await client.close()
    await service.close()
    await harness.stop()
  }

  @Test func twoInstancesShareTheLoad() async throws {
    let harness = try await GatewayHarness.start()
    let first = try await harness.service([Fixtures.echo(tag: "a")], instance: "echo-a")
    let second = try await harness.service([Fixtures.echo(tag: "b")], instance: "echo-b")
    let client = try await harness.client()
    var tags: [String: Int] = [:]
    for _ in 0..<20 {
      let reply = try await client.connection.call(
        contract: "test.echo", version: 3, service: "EchoService", method: "whoami", payload: json("{}"))
      tags[text(reply).contains(#""tag":"a""#) ? "a" : "b", default: 0] += 1
    }
    #expect(tags["a", default: 0] >= 5)
    #expect(tags["b", default: 0] >= 5)
    let status = harness.hub.status()
    #expect(status.services.first { $0.service == "EchoService" }?.instances.count == 2)
    await client.close()
    await first.close()
    await second.close()
    await harness.stop()
  }

  @Test func instanceDyingMidCallFailsTheCallAtOnce() async throws {
    let harness = try await GatewayHarness.start()
    let service = try await harness.service([Fixtures.echo()])
    let client = try await harness.client()
    let call = Task {
      await parleyError {
        _ = try await client.connection.call(
          contract: "test.echo", version: 3, service: "EchoService", method: "sleep", payload: json("{}"),
          options: CallOptions(timeout: .seconds(20)))
      }
    }
    #expect(await eventually { harness.hub.status().callsInFlight == 1 })
    await service.close()
    let error = try await withTimeout { await call.value }
    #expect(error?.code == .connectionLost)
    #expect(error?.mayHaveRun == true)
    #expect(await eventually { harness.hub.status().services.allSatisfy { $0.instances.isEmpty } })
    await client.close()
    await harness.stop()
  }

  @Test func callerDisconnectingCancelsItsCallsAndLeavesNoState() async throws {
    let harness = try await GatewayHarness.start()
    let started = Atomic<Bool>(false)
    let cancelled = Atomic<Int>(0)
    var slow = ServiceRegistration(contract: "test.slow", version: 1, service: "SlowService")
    slow.method("wait") { _ in
      started.store(true, ordering: .relaxed)
      do {
        try await Task.sleep(for: .seconds(30))
      } catch {
        cancelled.add(1, ordering: .relaxed)
        throw error
      }
      return json("{}")
    }
    let service = try await harness.service([slow])
    let baseline = harness.hub.trackedParties
    let client = try await harness.client()
    let pending = Task {
      try await client.connection.call(
        contract: "test.slow", version: 1, service: "SlowService", method: "wait", payload: json("{}"))
    }
    // The handler must be running: a call cancelled before its handler started never starts.
    #expect(await eventually { harness.hub.status().callsInFlight == 1 && started.load(ordering: .relaxed) })
    await client.close()
    _ = try? await pending.value
    #expect(await eventually { cancelled.load(ordering: .relaxed) == 1 })
    #expect(
      await eventually { harness.hub.status().callsInFlight == 0 && harness.hub.trackedParties == baseline })
    await service.close()
    await harness.stop()
  }

  @Test func manyCallersComeAndGoWithoutLeakingState() async throws {
    let harness = try await GatewayHarness.start()
    let service = try await harness.service([Fixtures.echo()])
    let baseline = harness.hub.trackedParties
    for round in 0..<100 {
      try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<10 {
          group.addTask {
            let client = try await harness.client(name: "caller-\(round)")
            _ = try await client.connection.call(
              contract: "test.echo", version: 3, service: "EchoService", method: "echo", payload: json("{}"))
            await client.close()
          }
        }
        try await group.waitForAll()
      }
    }
    #expect(await eventually { harness.hub.trackedParties == baseline })
    #expect(await eventually { harness.hub.connectionCount == 1 })
    #expect(harness.hub.status().callsInFlight == 0)
    let calls = harness.hub.status().services.first?.methods.first { $0.method == "echo" }?.calls
    #expect(calls == 1000)
    await service.close()
    await harness.stop()
  }

  @Test func onewayMessagesAreRouted() async throws {
    let harness = try await GatewayHarness.start()
    let received = Mutex<[String]>([])
    var sink = ServiceRegistration(contract: "test.sink", version: 1, service: "SinkService")
    sink.oneway("log") { call in received.withLock { $0.append(text(call.payload)) } }
    let service = try await harness.service([sink])
    let client = try await harness.client()
    try client.connection.oneway(
      contract: "test.sink", version: 1, service: "SinkService", method: "log", payload: json(#""hello""#))
    #expect(await eventually { received.withLock { $0 } == [#""hello""#] })
    await client.close()
    await service.close()
    await harness.stop()
  }

  @Test func serviceReconnectsAndRegistersAgain() async throws {
    let directory = try TestServer.makeTemporaryDirectory(prefix: "parley-gw")
    defer { TestServer.removeTree(directory) }
    let endpoint = Endpoint.unix(path: directory + "/gateway.sock")
    let first = GatewayHub()
    try await first.start(on: endpoint)
    var configuration = GatewayServiceConfiguration(name: "echo")
    configuration.reconnect = BackoffPolicy(initialDelay: .milliseconds(20), maxDelay: .milliseconds(200))
    let link = try await GatewayServiceLink.connect(
      to: endpoint, services: [Fixtures.echo()], configuration: configuration)
    #expect(link.registrationCount == 1)
    await first.stop(grace: .zero)
    let second = GatewayHub()
    try await second.start(on: endpoint)
    #expect(await eventually { link.registrationCount == 2 })
    let client = try await GatewayClient.connect(to: endpoint)
    let reply = try await client.connection.call(
      contract: "test.echo", version: 3, service: "EchoService", method: "echo", payload: json("[1]"))
    #expect(text(reply) == "[1]")
    await client.close()
    await link.close()
    await second.stop(grace: .zero)
  }
}
