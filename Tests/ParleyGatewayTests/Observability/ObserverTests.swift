import Parley
import Synchronization
import Testing

/// Lifecycle events collected by an observer.
final class EventLog: Sendable {
  private let events = Mutex<[ParleyLifecycleEvent]>([])
  var observer: ParleyObserver { ParleyObserver { event in self.events.withLock { $0.append(event) } } }
  var all: [ParleyLifecycleEvent] { events.withLock { $0 } }
  func kinds(_ kind: ParleyLifecycleEvent.Kind) -> [ParleyLifecycleEvent] { all.filter { $0.kind == kind } }
}

@Suite(.timeLimit(.minutes(1))) struct ObserverTests {
  @Test func hubAndServiceReportTheLifeOfACallWithItsRoot() async throws {
    let hubLog = EventLog()
    let harness = try await GatewayHarness.start(
      configuration: GatewayConfiguration(observer: hubLog.observer))
    let serviceLog = EventLog()
    var configuration = GatewayServiceConfiguration(name: "echo")
    configuration.observer = serviceLog.observer
    configuration.reconnects = false
    let link = try await GatewayServiceLink.connect(
      to: harness.endpoint, services: [Fixtures.echo()], configuration: configuration)
    let client = try await harness.client()
    let root = "00000000feedbeef"
    _ = try await CallContext.$current.withValue(CallContext(root: root, chain: [], depth: 0)) {
      try await client.connection.call(
        contract: "test.echo", version: 3, service: "EchoService", method: "echo", payload: json("{}"))
    }
    _ = await parleyError {
      _ = try await client.connection.call(
        contract: "test.echo", version: 3, service: "EchoService", method: "fail", payload: json("{}"))
    }
    #expect(hubLog.kinds(.registered).first?.service == "EchoService")
    #expect(hubLog.kinds(.dispatched).first?.root == root)
    #expect(hubLog.kinds(.delivered).first?.root == root)
    #expect(hubLog.kinds(.delivered).first?.duration != nil)
    #expect(hubLog.kinds(.failed).first?.error?.code == .application)
    #expect(await eventually { serviceLog.kinds(.succeeded).count == 1 })
    #expect(serviceLog.kinds(.handlerStarted).first?.chain == ["EchoService"])
    #expect(serviceLog.kinds(.handlerStarted).first?.root == root)
    #expect(serviceLog.kinds(.failed).first?.error?.application?.name == "NotFound")
    await link.close()
    #expect(await eventually { hubLog.kinds(.disconnected).count == 1 })
    await client.close()
    await harness.stop()
  }

  @Test func eventsDescribeThemselvesOnOneLine() {
    let event = ParleyLifecycleEvent(
      kind: .failed, source: "gateway", service: "OrderService", method: "getOrder",
      context: CallContext(root: "abc", chain: ["OrderService"], depth: 1),
      error: ParleyError(.timeout, "late"),
      duration: .microseconds(1_500))
    #expect(
      event.description
        == "[gateway] failed OrderService.getOrder root=abc chain=OrderService in 1.50 ms error=TIMEOUT")
  }
}

@Suite(.timeLimit(.minutes(1))) struct ServerObserverTests {
  @Test func aPlainServerReportsHandlerEventsToo() async throws {
    let log = EventLog()
    var configuration = ServerConfiguration()
    configuration.name = "orders-server"
    configuration.observer = log.observer
    let server = try await TestServer.start([Fixtures.echo()], configuration: configuration)
    let client = try await server.connect()
    _ = try await client.call(
      contract: "test.echo", version: 3, service: "EchoService", method: "echo", payload: json("{}"))
    #expect(await eventually { log.kinds(.succeeded).count == 1 })
    #expect(log.kinds(.handlerStarted).first?.source == "orders-server")
    #expect(log.kinds(.handlerStarted).first?.chain == ["EchoService"])
    await client.close()
    await server.stop()
  }
}
