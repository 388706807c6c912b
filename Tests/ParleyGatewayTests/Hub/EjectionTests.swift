import Parley
import Synchronization
import Testing

/// Instance ejection: an instance that keeps failing stops receiving calls for a growing period,
/// then is probed back.
@Suite(.timeLimit(.minutes(2))) struct EjectionTests {
  @Test func ejectionLengthGrowsAndIsCapped() {
    let policy = GatewayEjectionPolicy(baseEjection: .milliseconds(100), maxEjection: .milliseconds(350))
    #expect(policy.ejectionLength(streak: 1) == .milliseconds(100))
    #expect(policy.ejectionLength(streak: 2) == .milliseconds(200))
    #expect(policy.ejectionLength(streak: 3) == .milliseconds(350))
    #expect(policy.ejectionLength(streak: 30) == .milliseconds(350))
    #expect(GatewayEjectionPolicy().consecutiveFailures == 5)
  }

  /// Ejection events the hub reported.
  final class Ejections: Sendable {
    private let events = Mutex<[ParleyLifecycleEvent]>([])
    func append(_ event: ParleyLifecycleEvent) { events.withLock { $0.append(event) } }
    var all: [ParleyLifecycleEvent] { events.withLock { $0 } }
  }

  /// A switch shared with a handler.
  final class Flag: Sendable {
    private let value: Atomic<Bool>
    init(_ value: Bool) { self.value = Atomic(value) }
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set(_ newValue: Bool) { value.store(newValue, ordering: .relaxed) }
  }

  /// An echo service tagged `tag` whose `whoami` fails with `INTERNAL` while `failing` is set.
  private func flaky(tag: String, failing: Flag?) -> ServiceRegistration {
    var service = ServiceRegistration(contract: "test.echo", version: 3, service: "EchoService")
    service.method("whoami") { _ in
      if failing?.isSet == true { throw ParleyError(.internal, "broken") }
      return json(#""\#(tag)""#)
    }
    service.method("reject") { _ in
      throw ParleyError.application(code: 400, name: "BadRequest", message: "the caller's fault")
    }
    return service
  }

  private func whoami(_ client: GatewayClient) async -> String {
    do {
      return text(
        try await client.connection.call(
          contract: "test.echo", version: 3, service: "EchoService", method: "whoami", payload: json("{}"),
          options: CallOptions(timeout: .seconds(10))))
    } catch let error as ParleyError {
      return error.code.rawValue
    } catch {
      return "\(error)"
    }
  }

  private func hub(ejectingFor length: Duration, events: Ejections? = nil) async throws
    -> GatewayHarness
  {
    var configuration = GatewayConfiguration()
    configuration.ejection = GatewayEjectionPolicy(
      consecutiveFailures: 3, baseEjection: length, maxEjection: .seconds(120))
    if let events {
      configuration.observer = ParleyObserver { event in
        if event.kind == .ejected { events.append(event) }
      }
    }
    return try await GatewayHarness.start(configuration: configuration)
  }

  @Test func aFailingInstanceIsEjected() async throws {
    let events = Ejections()
    let harness = try await hub(ejectingFor: .seconds(60), events: events)  // outlasts the test
    let bad = try await harness.service([flaky(tag: "bad", failing: Flag(true))], name: "bad")
    let good = try await harness.service([flaky(tag: "good", failing: nil)], name: "good")
    let client = try await harness.client()

    // Round-robin hands the bad instance every other call until it is ejected.
    var answers: [String] = []
    for _ in 0..<8 { answers.append(await whoami(client)) }
    #expect(answers.filter { $0 == "INTERNAL" }.count == 3)
    #expect(events.all.count == 1)
    #expect(events.all.first?.instance == bad.instance)
    let ejected = harness.hub.status().services.first?.instances.first { $0.instance == bad.instance }
    #expect(ejected?.ejections == 1)
    #expect(ejected?.ejectedForMs != nil)
    // While ejected, every call goes to the good instance.
    for _ in 0..<6 { #expect(await whoami(client) == #""good""#) }
    // `parley status` says so to a person.
    if case .unix(let path) = harness.endpoint {
      let status = try ChildProcess(["status", "--gateway", path])
      #expect(await status.waitForExit() == 0)
      #expect(status.output.contains { $0.contains("EJECTED for failing repeatedly") })
      #expect(status.output.contains { $0.contains("ejections so far: 1") })
    }
    await client.close()
    await bad.close()
    await good.close()
    await harness.stop()
  }

  @Test func anEjectedInstanceIsProbedBack() async throws {
    let harness = try await hub(ejectingFor: .milliseconds(100))
    let failing = Flag(true)
    let bad = try await harness.service([flaky(tag: "bad", failing: failing)], name: "bad")
    let good = try await harness.service([flaky(tag: "good", failing: nil)], name: "good")
    let client = try await harness.client()
    #expect(
      await eventually {
        _ = await whoami(client)
        return
          (harness.hub.status().services.first?.instances.first { $0.instance == bad.instance }?.ejections
          ?? 0)
          >= 1
      })
    // Fixed, it is probed when the ejection ends and shares the load again.
    failing.set(false)
    #expect(await eventually { await whoami(client) == #""bad""# })
    let back = harness.hub.status().services.first?.instances.first { $0.instance == bad.instance }
    #expect(back?.ejectedForMs == nil)
    await client.close()
    await bad.close()
    await good.close()
    await harness.stop()
  }

  @Test func aFailedProbeEjectsForLongerAndCallerErrorsNeverCount() async throws {
    var configuration = GatewayConfiguration()
    configuration.ejection = GatewayEjectionPolicy(
      consecutiveFailures: 2, baseEjection: .milliseconds(200), maxEjection: .seconds(5))
    let harness = try await GatewayHarness.start(configuration: configuration)
    let failing = Flag(true)
    let only = try await harness.service([flaky(tag: "only", failing: failing)], name: "only")
    let client = try await harness.client()

    // Application errors are the caller's business: never an ejection.
    for _ in 0..<5 {
      let error = await parleyError {
        _ = try await client.connection.call(
          contract: "test.echo", version: 3, service: "EchoService", method: "reject", payload: json("{}"))
      }
      #expect(error?.code == .application)
    }
    #expect(harness.hub.status().services.first?.instances.first?.ejections == 0)

    // With every instance ejected the hub still routes (an answer beats SERVICE_NOT_FOUND).
    for _ in 0..<2 { #expect(await whoami(client) == "INTERNAL") }
    #expect(harness.hub.status().services.first?.instances.first?.ejections == 1)
    #expect(await whoami(client) == "INTERNAL")
    // The first answer after the ejection ended is the probe: failing, it ejects again.
    #expect(
      await eventually {
        _ = await whoami(client)
        return (harness.hub.status().services.first?.instances.first?.ejections ?? 0) >= 2
      })
    await client.close()
    await only.close()
    await harness.stop()
  }
}
