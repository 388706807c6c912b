import Foundation
import Parley
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the hub remembers per connection to route calls cheaply (the policy's verdict for the
/// last service called, the caller's identity and codec, an instance's table of routes) never
/// changes what callers get.
@Suite(.timeLimit(.minutes(2))) struct HotPathTests {
  private func echo(_ service: String) -> ServiceRegistration {
    var registration = ServiceRegistration(contract: "test.hot", version: 1, service: service)
    registration.method("echo") { call in call.payload }
    return registration
  }

  private func call(_ client: GatewayClient, _ service: String) async -> String {
    do {
      return text(
        try await client.connection.call(
          contract: "test.hot", version: 1, service: service, method: "echo",
          payload: json(#""\#(service)""#),
          options: CallOptions(timeout: .seconds(10))))
    } catch let error as ParleyError {
      return error.code.rawValue
    } catch {
      return "\(error)"
    }
  }

  /// The policy's verdict is remembered for the last service a caller was allowed to call only:
  /// a refused service stays refused between allowed calls, on the same connection.
  @Test func thePolicyIsAskedForEachNewService() async throws {
    var configuration = GatewayConfiguration()
    configuration.policy = GatewayPolicy(
      rules: [.init(uids: [UInt32(getuid())], register: ["*"], call: ["Alpha"])],
      serverUserMayDoEverything: false)
    let harness = try await GatewayHarness.start(configuration: configuration)
    let link = try await harness.service([echo("Alpha"), echo("Beta")])
    let client = try await harness.client()
    var answers: [String] = []
    for service in ["Alpha", "Alpha", "Beta", "Alpha", "Beta", "Beta", "Alpha"] {
      answers.append(await call(client, service))
    }
    #expect(
      answers == [
        #""Alpha""#, #""Alpha""#, "PERMISSION_DENIED", #""Alpha""#, "PERMISSION_DENIED", "PERMISSION_DENIED",
        #""Alpha""#,
      ])
    await client.close()
    await link.close()
    await harness.stop()
  }

  /// One call at a time keeps the instance's table of routes (empty between calls); the status
  /// counts no call in flight, and nothing of a caller or an instance remains once they leave,
  /// including an instance whose id another connection took over.
  @Test func sequentialCallsLeaveNothingInFlight() async throws {
    let harness = try await GatewayHarness.start()
    let first = try await harness.service([echo("Alpha")], instance: "alpha-1")
    let client = try await harness.client()
    for _ in 0..<20 { #expect(await call(client, "Alpha") == #""Alpha""#) }
    #expect(harness.hub.status().callsInFlight == 0)
    #expect(harness.hub.status().services.first { $0.service == "Alpha" }?.methods.first?.calls == 20)
    // Another connection takes the instance id over; calls go to it, the first one leaves.
    let second = try await harness.service([echo("Alpha")], instance: "alpha-1")
    for _ in 0..<5 { #expect(await call(client, "Alpha") == #""Alpha""#) }
    await first.close()
    for _ in 0..<5 { #expect(await call(client, "Alpha") == #""Alpha""#) }
    #expect(harness.hub.status().callsInFlight == 0)
    await client.close()
    await second.close()
    #expect(await eventually { harness.hub.trackedParties == 0 })
    await harness.stop()
  }

  /// Callers with many calls in flight each get their own answers, counted once each.
  @Test func callsInFlightFromSeveralCallersGetTheirOwnAnswers() async throws {
    let harness = try await GatewayHarness.start()
    let link = try await harness.service([echo("Alpha"), echo("Beta")])
    let clients = [try await harness.client(name: "a"), try await harness.client(name: "b")]
    let mismatches = await withTaskGroup(of: Int.self) { group in
      for (index, client) in clients.enumerated() {
        for worker in 0..<16 {
          group.addTask {
            var wrong = 0
            for call in 0..<25 {
              let payload = json(#""\#(index)-\#(worker)-\#(call)""#)
              let service = (worker + call) % 2 == 0 ? "Alpha" : "Beta"
              let answer = try? await client.connection.call(
                contract: "test.hot", version: 1, service: service, method: "echo", payload: payload,
                options: CallOptions(timeout: .seconds(10)))
              if answer != payload { wrong += 1 }
            }
            return wrong
          }
        }
      }
      return await group.reduce(0, +)
    }
    #expect(mismatches == 0)
    let status = harness.hub.status()
    #expect(status.callsInFlight == 0)
    #expect(status.services.flatMap(\.methods).reduce(0) { $0 + $1.calls } == 800)
    for client in clients { await client.close() }
    await link.close()
    await harness.stop()
  }
}
