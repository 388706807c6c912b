import Parley
import Synchronization
import Testing

/// The service side of the hub: a link reconnects through its ``ParleyClient`` (backoff with
/// jitter), registers again and subscribes again without user code.
@Suite(.serialized, .timeLimit(.minutes(2))) struct GatewayServiceLinkTests {
  private func configuration(_ name: String, reconnects: Bool = true) -> GatewayServiceConfiguration {
    var configuration = GatewayServiceConfiguration(name: name)
    configuration.reconnects = reconnects
    configuration.reconnect = BackoffPolicy(initialDelay: .milliseconds(20), maxDelay: .milliseconds(200))
    configuration.jitterSeed = 42
    return configuration
  }

  @Test func afterAHubRestartTheLinkRegistersAndSubscribesAgain() async throws {
    let directory = try TestServer.makeTemporaryDirectory(prefix: "parley-gwl")
    defer { TestServer.removeTree(directory) }
    let endpoint = Endpoint.unix(path: directory + "/gateway.sock")
    let first = GatewayHub()
    try await first.start(on: endpoint)
    let service = try await GatewayServiceLink.connect(
      to: endpoint, services: [Fixtures.echo()], configuration: configuration("echo"))
    let listener = try await GatewayServiceLink.connect(
      to: endpoint, services: [], configuration: configuration("listener"))
    let events = try await listener.subscribe("test.echo.*")
    let received = Mutex<[String]>([])
    let reader = Task {
      for await event in events { received.withLock { $0.append(text(event.payload)) } }
    }
    try await service.publish(
      contract: "test.echo", service: "EchoService", event: "said", payload: json("1"))
    #expect(await eventually { received.withLock { $0 } == ["1"] })

    await first.stop(grace: .zero)
    let second = GatewayHub()
    try await second.start(on: endpoint)
    #expect(await eventually { service.registrationCount == 2 })
    #expect(await eventually { second.status().subscriptions == 1 })
    #expect(await eventually { service.parleyClient.statistics.connectionsMade == 2 })

    // Calls through the hub reach the re-registered service; the listener hears new events.
    let caller = try await GatewayClient.connect(to: endpoint)
    let reply = try await caller.connection.call(
      contract: "test.echo", version: 3, service: "EchoService", method: "echo", payload: json("[2]"))
    #expect(text(reply) == "[2]")
    try await service.publish(
      contract: "test.echo", service: "EchoService", event: "said", payload: json("2"))
    #expect(await eventually { received.withLock { $0 } == ["1", "2"] })
    // Calls made through the link itself wait for the connection and go through the hub.
    let viaLink = try await listener.call(
      contract: "test.echo", version: 3, service: "EchoService", method: "echo", payload: json("[3]"),
      options: CallOptions(timeout: .seconds(10), waitForReady: true))
    #expect(text(viaLink) == "[3]")

    await events.cancel()
    #expect(await eventually { second.status().subscriptions == 0 })
    _ = await reader.value
    await caller.close()
    await listener.close()
    await service.close()
    await second.stop(grace: .zero)
  }

  @Test func aLinkThatMustNotReconnectShutsDown() async throws {
    let harness = try await GatewayHarness.start()
    let link = try await GatewayServiceLink.connect(
      to: harness.endpoint, services: [Fixtures.echo()],
      configuration: configuration("once", reconnects: false))
    await harness.hub.stop(grace: .zero)
    let ended = await eventually {
      if case .shutdown = link.parleyClient.currentState { return true }
      return false
    }
    #expect(ended)
    #expect(link.registrationCount == 1)
    await link.close()
    await harness.stop()
  }

  @Test func connectReportsTheHubsRefusal() async throws {
    let harness = try await GatewayHarness.start()
    let reserved = ServiceRegistration(contract: GatewayWire.contract, version: 1, service: "Fake")
    let error = await parleyError {
      _ = try await GatewayServiceLink.connect(
        to: harness.endpoint, services: [reserved], configuration: configuration("fake"))
    }
    #expect(error?.code == .validationFailed)
    #expect(await eventually { harness.hub.connectionCount == 0 })
    await harness.stop()
  }
}
