import Foundation
import Parley
import Testing

extension RuntimeSocketSuites {
  /// A call through a gateway hub whose `timeoutMs` is huge (a caller that means "no practical
  /// limit") is routed with the longest deadline (24 days, as a server clamps it). Found by the
  /// hostile-input audit: GatewayRouter converted it with a wrapping multiplication, so Int64.max
  /// ms became 2^64 − 10^6 ns and the route was abandoned (TIMEOUT) after `abandonAfter` (200 ms
  /// here) instead of the reply at 600 ms.
  @Suite(.serialized) struct GatewayTimeoutHostileInputTests {
    @Test
    func aHugeTimeoutThroughTheGatewayIsNotCutShort() async throws {
      await warmUpRuntime()
      let directory = try TestServer.makeTemporaryDirectory(prefix: "parley-gwto")
      defer { TestServer.removeTree(directory) }
      var configuration = GatewayConfiguration()
      configuration.abandonAfter = .milliseconds(200)
      let hub = GatewayHub(configuration: configuration)
      let endpoint = try await hub.start(on: .unix(path: directory + "/gateway.sock"))
      var service = ServiceRegistration(contract: "test.slow", version: 1, service: "Slow")
      service.method("wait") { call in
        try await Task.sleep(for: .milliseconds(600))
        return call.payload
      }
      let link = try await GatewayServiceLink.connect(to: endpoint, services: [service])
      guard case .unix(let path) = endpoint else { return }
      let raw = try RawClient(path: path)
      try await raw.handshake()
      raw.send(
        json:
          #"{"v":1,"kind":"call","id":9,"contract":"test.slow","cv":1,"service":"Slow","method":"wait","timeoutMs":9223372036854775807,"payload":[1]}"#
      )
      let reply = await raw.read(kind: "reply")
      #expect(reply?.id == 9)
      #expect(reply?.ok == true, "answered \(reply?.code ?? "nothing")")
      raw.closeSocket()
      await link.close()
      await hub.stop(grace: .milliseconds(100))
    }
  }
}
