import Parley
import Testing

extension RuntimeSocketSuites {
  /// A handler's task has its call's context and deadline as task-locals from its first
  /// instruction, wherever it runs and whether or not an observer watches: calls it makes carry
  /// the chain on and never outlive the call that made them.
  @Suite struct HandlerTaskLocalsTests {
    enum Placement: String, CaseIterable, Sendable {
      case pool, startOnIOThread, ioThread, observedPool

      var configuration: ServerConfiguration {
        var configuration = ServerConfiguration()
        switch self {
        case .pool: configuration.handlerExecution = .pool
        case .startOnIOThread: configuration.handlerExecution = .startOnIOThread
        case .ioThread: configuration.handlerExecution = .ioThread
        case .observedPool:
          configuration.handlerExecution = .pool
          configuration.observer = ParleyObserver { _ in }
        }
        return configuration
      }
    }

    @Test(arguments: Placement.allCases)
    func aHandlersOutgoingCallCarriesItsContextAndDeadline(placement: Placement) async throws {
      // The backend answers with what its call carried: chain depth and time left.
      var probe = ServiceRegistration(contract: "test.probe", version: 1, service: "Probe")
      probe.method("carried") { call in
        let remaining = call.deadline.map { ContinuousClock.now.duration(to: $0) / .milliseconds(1) } ?? -1
        return utf8Bytes(
          #"{"depth":\#(call.context.depth),"chain":"\#(call.context.chain.joined(separator: ","))","remainingMs":\#(Int(remaining))}"#
        )
      }
      let backend = try await Harness.make(.unix, services: [probe])
      // The relay calls the backend without options: the deadline comes from its own call.
      var relay = ServiceRegistration(contract: "test.relay", version: 1, service: "Relay")
      relay.method("relay") { [backend] _ in
        try await backend.connection.call(
          contract: "test.probe", version: 1, service: "Probe", method: "carried", payload: utf8Bytes("{}"))
      }
      let front = try await Harness.make(.unix, services: [relay], server: placement.configuration)
      let reply = try await CallContext.$current.withValue(
        CallContext(root: "feed", chain: ["storefront"], depth: 1)
      ) {
        try await front.connection.call(
          contract: "test.relay", version: 1, service: "Relay", method: "relay", payload: utf8Bytes("{}"),
          options: CallOptions(timeout: .seconds(20)))
      }
      let text = utf8Text(reply)
      #expect(text.hasPrefix(#"{"depth":3,"chain":"storefront,Relay,Probe","remainingMs":"#), "\(text)")
      let remaining = Int(text.split(separator: ":").last?.dropLast() ?? "") ?? -1
      // The relay's own deadline (20 s) bounds the backend's, not the client's 30 s default.
      #expect(remaining > 0 && remaining <= 20_000, "\(text)")
      await front.tearDown()
      await backend.tearDown()
    }
  }
}
