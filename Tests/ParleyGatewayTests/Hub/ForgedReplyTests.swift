import Parley
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(1))) struct ForgedReplyTests {
  /// A hand-made instance: registers `EchoService` and records the calls forwarded to it.
  private func manualInstance(_ harness: GatewayHarness, name: String, calls: Recorder) async throws
    -> ClientConnection
  {
    var configuration = ClientConfiguration()
    configuration.name = name
    let connection = try await ClientConnection.connect(to: harness.endpoint, configuration: configuration)
    connection.setHandler(for: .call) { envelope in calls.append(envelope) }
    var register = Envelope(kind: .register)
    register.payload = json(
      #"{"instance":"\#(name)","services":[{"contract":"test.echo","version":1,"minVersion":1,"service":"EchoService","methods":["echo"],"oneways":[],"events":[]}]}"#
    )
    _ = try await connection.request(register)
    return connection
  }

  @Test func repliesToCallsNotForwardedToThatInstanceAreDropped() async throws {
    let harness = try await GatewayHarness.start()
    let honestCalls = Recorder()
    let honest = try await manualInstance(harness, name: "honest", calls: honestCalls)
    let client = try await harness.client()
    let pending = Task {
      try await client.connection.call(
        contract: "test.echo", version: 1, service: "EchoService", method: "echo", payload: json("{}"))
    }
    #expect(await eventually { honestCalls.count == 1 })
    let forwarded = try #require(honestCalls.first)
    let id = try #require(forwarded.id)
    #expect(forwarded.from?.name == "caller")  // stamped by the hub

    // Another instance answers a call that was never forwarded to it: dropped and counted.
    let forgerCalls = Recorder()
    let forger = try await manualInstance(harness, name: "forger", calls: forgerCalls)
    try forger.send(Envelope.reply(id: id, payload: json(#""forged""#)))
    // The honest instance answers an id the hub never used: dropped and counted.
    try honest.send(Envelope.reply(id: id + 1000, payload: json(#""stray""#)))
    #expect(await eventually { harness.hub.status().forgedReplies == 2 })
    // The real answer goes through, to that caller only. Like a real instance, it answers in the
    // payload codec the call came in (the caller checks).
    var real = Envelope.reply(id: id, payload: json(#""real""#))
    real.payloadCodec = forwarded.payloadCodec
    try honest.send(real)
    let reply = try await withTimeout { try await pending.value }
    #expect(text(reply) == #""real""#)
    // A second answer to the same call is dropped too.
    try honest.send(Envelope.reply(id: id, payload: json(#""again""#)))
    #expect(await eventually { harness.hub.status().forgedReplies == 3 })
    #expect(client.connection.statistics.unmatchedReplies == 0)
    await client.close()
    await forger.close()
    await honest.close()
    await harness.stop()
  }

  @Test func aFromFieldSentByTheCallerIsReplacedByTheHub() async throws {
    let harness = try await GatewayHarness.start()
    let calls = Recorder()
    let instance = try await manualInstance(harness, name: "instance", calls: calls)
    let liar = try await harness.client(name: "liar")
    var call = Envelope.call(
      id: 1, contract: "test.echo", contractVersion: 1, service: "EchoService", method: "echo",
      timeoutMs: 5000,
      context: nil, payload: json("{}"))
    call.from = try forgedIdentity()
    try liar.connection.send(call)
    #expect(await eventually { calls.count == 1 })
    #expect(calls.first?.from?.name == "liar")
    await liar.close()
    await instance.close()
    await harness.stop()
  }

  private func forgedIdentity() throws -> PeerIdentity {
    let envelope = try JSONEnvelopeCodec().decode(
      json(#"{"v":1,"kind":"call","from":{"name":"admin","uid":0,"gid":0,"address":"x"}}"#))
    return try #require(envelope.from)
  }
}
