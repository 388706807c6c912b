import Foundation
import Parley
import Testing

extension RuntimeSocketSuites {
  /// Stream credit that a hostile (or broken) caller sends: it must never wrap the server's window.
  @Suite(.serialized) struct StreamCreditHostileInputTests {
    /// A `test.gated` v1 `Gated` service whose `three` stream waits for `gate` before it sends
    /// the items 0, 1, 2, so that the test decides when the credit is spent.
    static func gatedService(_ gate: AsyncStream<Void>) -> ServiceRegistration {
      var service = ServiceRegistration(contract: "test.gated", version: 1, service: "Gated")
      service.stream("three") { _, writer in
        for await _ in gate { break }
        for index in 0..<3 { try await writer.send(Array(String(index).utf8)) }
      }
      return service
    }

    /// A grant of UInt64.max on top of a window of 2 used to wrap the window to 1 (`&+`), so the
    /// stream stalled after one item; the window now saturates at UInt64.max.
    @Test func aHugeGrantSaturatesTheWindowInsteadOfWrapping() async throws {
      await warmUpRuntime()
      let (gate, open) = AsyncStream.makeStream(of: Void.self)
      let fixture = try await TestServer.start([Self.gatedService(gate)])
      guard case .unix(let path) = fixture.endpoint else { return }
      let raw = try RawClient(path: path)
      try await raw.handshake()
      raw.send(
        json:
          #"{"v":1,"kind":"call","id":5,"contract":"test.gated","cv":1,"service":"Gated","method":"three","payload":{},"credit":2}"#
      )
      raw.send(json: #"{"v":1,"kind":"streamItem","id":5,"credit":18446744073709551615}"#)
      // Frames are handled in order: once the pong is back, the grant has been applied.
      raw.send(json: #"{"v":1,"kind":"ping","id":1}"#)
      #expect(await raw.read(kind: "pong") != nil)
      open.yield()
      var items: [String] = []
      // Each read waits at most 5 s (the raw client's socket timeout), so a stall fails the test.
      let received = await offPool { () -> [RawClient.Received] in
        var received: [RawClient.Received] = []
        while let envelope = raw.readEnvelopeSync() {
          received.append(envelope)
          if envelope.kind == "streamEnd" { break }
        }
        return received
      }
      for envelope in received where envelope.kind == "streamItem" { items.append(envelope.payload ?? "") }
      #expect(items == ["0", "1", "2"])
      #expect(received.last?.kind == "streamEnd")
      #expect(received.last?.ok == true)
      raw.closeSocket()
      open.finish()
      await fixture.stop(grace: .milliseconds(100))
    }
  }
}
