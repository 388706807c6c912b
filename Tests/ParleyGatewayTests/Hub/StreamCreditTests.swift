import Parley
import Synchronization
import Testing

/// Callers' stream credit reaches instances in the spec's form (a `streamItem` with `credit` and no
/// `payload`), and a service attached as a client (``GatewayServiceLink``) receives it on its
/// client connection: end-to-end flow control through the hub.
@Suite(.timeLimit(.minutes(2))) struct StreamCreditTests {
  /// What a stream handler is doing: items sent, and whether it is waiting inside `send`.
  final class Writer: Sendable {
    let sent = Atomic<Int>(0)
    let inSend = Atomic<Bool>(false)
  }

  /// `count` streams `0, 1, 2, …` until cancelled, recording its progress in `writer`.
  static func endless(_ writer: Writer) -> ServiceRegistration {
    var service = ServiceRegistration(contract: "test.count", version: 1, service: "Counter")
    service.stream("count") { _, stream in
      var i = 0
      while true {
        writer.inSend.store(true, ordering: .sequentiallyConsistent)
        try await stream.send(json("\(i)"))
        writer.inSend.store(false, ordering: .sequentiallyConsistent)
        writer.sent.add(1, ordering: .sequentiallyConsistent)
        i += 1
      }
    }
    return service
  }

  @Test func aSlowCallerHoldsTheServicesWriterAndEachGrantReleasesIt() async throws {
    let harness = try await GatewayHarness.start()
    let writer = Writer()
    let service = try await harness.service([Self.endless(writer)])
    let client = try await harness.client()
    let window = 4
    let stream = try await client.connection.stream(
      contract: "test.count", version: 1, service: "Counter", method: "count", payload: json("{}"),
      options: CallOptions(streamCredit: window))
    var consumed = 0
    var inOrder = true
    var held = true
    // The caller grants half its window (2) each time it has taken 2 items, so after `consumed`
    // items it has granted exactly `consumed + window`: the writer must get that far (the grants
    // reach it through the hub) and then wait inside `send` (no further).
    for _ in 0..<12 {
      let limit = consumed + window
      let waiting = await eventually {
        writer.sent.load(ordering: .sequentiallyConsistent) == limit
          && writer.inSend.load(ordering: .sequentiallyConsistent)
      }
      held = held && waiting
      let sent = writer.sent.load(ordering: .sequentiallyConsistent)
      #expect(sent <= limit, "sent \(sent) items for \(consumed) consumed with a window of \(window)")
      for _ in 0..<2 {
        let item = try await withTimeout {
          var iterator = stream.makeAsyncIterator()  // iterators of one stream share its items
          return try await iterator.next()
        }
        inOrder = inOrder && item.map(text) == "\(consumed)"
        consumed += 1
      }
    }
    #expect(held, "the writer did not stop at the granted limit")
    #expect(inOrder)
    #expect(consumed == 24)
    try await Task.sleep(for: .milliseconds(200))  // time for a runaway writer to show itself
    #expect(writer.sent.load(ordering: .sequentiallyConsistent) <= consumed + window)
    #expect(stream.maxBufferedItems <= window)
    stream.cancel()
    #expect(await eventually { harness.hub.status().callsInFlight == 0 })
    #expect(service.connection.statistics.protocolViolations == 0)
    await client.close()
    await service.close()
    await harness.stop()
  }

  /// What a hand-made instance received from the hub.
  final class Inbox: Sendable {
    let calls = Mutex<[Envelope]>([])
    let streamItems = Mutex<[Envelope]>([])
  }

  @Test func aHandMadeInstanceReceivesSpecFormCreditEvenIfItAsksForAnotherKind() async throws {
    let harness = try await GatewayHarness.start()
    let instance = try await ClientConnection.connect(to: harness.endpoint)
    let inbox = Inbox()
    instance.setHandler(for: .call) { envelope in inbox.calls.withLock { $0.append(envelope) } }
    instance.setHandler(for: .streamItem) { envelope in inbox.streamItems.withLock { $0.append(envelope) } }
    // `creditKind` was a wire addition of earlier hubs; it is ignored now.
    var register = Envelope(kind: .register)
    register.payload = json(
      #"{"instance":"hand-1","creditKind":"streamCredit","services":[{"contract":"test.count","version":1,"service":"Counter","methods":[],"streams":["count"]}]}"#
    )
    _ = try await instance.request(register)

    let client = try await harness.client()
    let stream = try await client.connection.stream(
      contract: "test.count", version: 1, service: "Counter", method: "count", payload: json("{}"),
      options: CallOptions(streamCredit: 4))
    #expect(await eventually { inbox.calls.withLock { $0.count } == 1 })
    let call = try #require(inbox.calls.withLock { $0.first })
    let id = try #require(call.id)
    #expect(call.credit == 4)
    for i in 0..<4 {
      var item = Envelope(kind: .streamItem, id: id)
      item.payload = json("\(i)")
      item.payloadCodec = call.payloadCodec  // in the call's payload codec, as instances answer
      try instance.send(item)
    }
    let firstTwo = try await withTimeout {
      var iterator = stream.makeAsyncIterator()
      var items: [String] = []
      for _ in 0..<2 { if let item = try await iterator.next() { items.append(text(item)) } }
      return items
    }
    #expect(firstTwo == ["0", "1"])
    #expect(await eventually { inbox.streamItems.withLock { $0.count } == 1 })
    let grant = try #require(inbox.streamItems.withLock { $0.first })
    #expect(grant.kind == .streamItem)
    #expect(grant.id == id)
    #expect(grant.credit == 2)
    #expect(grant.payload == nil)
    #expect(instance.statistics.unhandledEnvelopes == 0)
    #expect(instance.statistics.protocolViolations == 0)

    try instance.send(Envelope.streamEnd(id: id, error: nil))
    let rest = try await withTimeout {
      var iterator = stream.makeAsyncIterator()
      var items: [String] = []
      while let item = try await iterator.next() { items.append(text(item)) }
      return items
    }
    #expect(rest == ["2", "3"])
    await client.close()
    await instance.close()
    await harness.stop()
  }
}
