import Parley
import Testing

extension RuntimeSocketSuites {
  /// A reply comes back in the payload codec its call asked for (`docs/runtime.md`, "Codec
  /// negotiation"): the client checks the reply's `payloadCodec` (absent: the connection's codec)
  /// and fails the call with `PROTOCOL_ERROR` when a peer answers in another codec, instead of
  /// handing over bytes that would be misread. The peer here is scripted over a JSON connection,
  /// so it can answer in any codec.
  @Suite(.serialized) struct ReplyPayloadCodecTests {
    /// A binary message: field 1, varint 1.
    static let binaryPayload: [UInt8] = [0x08, 0x01]

    /// A connection (JSON codec, no heartbeat) to a raw peer that has sent `welcome`.
    private func connectToRawPeer() async throws -> (ClientConnection, RawPeer) {
      let (connection, peer) = try await RawPeer.connectedClient()
      #expect(connection.codec == .json)
      return (connection, peer)
    }

    /// Starts a call to `Words.<method>` with `payload` in `codec`, waits until the peer has it
    /// and answers it with `answer(id)`; returns the call's outcome.
    private func call(
      _ connection: ClientConnection, _ peer: RawPeer, method: String, payload: [UInt8], codec: WireCodec,
      answer: @escaping @Sendable (UInt64) -> Envelope
    ) async -> Result<[UInt8], ParleyError> {
      let calling = Task {
        try await connection.call(
          contract: "test.words", version: 1, service: "Words", method: method, payload: payload,
          payloadCodec: codec, options: CallOptions(timeout: .seconds(10)))
      }
      #expect(await eventually { peer.received.contains { $0.kind == .call && $0.method == method } })
      guard let sent = peer.received.last(where: { $0.kind == .call && $0.method == method }),
        let id = sent.id
      else {
        calling.cancel()
        return .failure(ParleyError(.internal, "the call never reached the peer"))
      }
      #expect(
        sent.payloadCodec == (codec == connection.codec ? nil : codec), "the call marks a foreign codec")
      peer.send(answer(id))
      do {
        return .success(try await calling.value)
      } catch let error as ParleyError {
        return .failure(error)
      } catch {
        return .failure(ParleyError(.internal, "\(error)"))
      }
    }

    @Test func aReplyInTheCallsCodecIsDelivered() async throws {
      let (connection, peer) = try await connectToRawPeer()
      // A binary call over a JSON connection, answered in binary (marked).
      let binary = await call(connection, peer, method: "b", payload: Self.binaryPayload, codec: .binary) {
        id in
        var reply = Envelope.reply(id: id, payload: Self.binaryPayload)
        reply.payloadCodec = .binary
        return reply
      }
      #expect(try binary.get() == Self.binaryPayload)
      // A JSON call answered unmarked (the connection's codec), and one marked `json` explicitly.
      let plain = await call(connection, peer, method: "j", payload: utf8Bytes("{}"), codec: .json) { id in
        .reply(id: id, payload: utf8Bytes(#"{"ok":1}"#))
      }
      #expect(try plain.get() == utf8Bytes(#"{"ok":1}"#))
      let marked = await call(connection, peer, method: "m", payload: utf8Bytes("{}"), codec: .json) { id in
        var reply = Envelope.reply(id: id, payload: utf8Bytes("[2]"))
        reply.payloadCodec = .json
        return reply
      }
      #expect(try marked.get() == utf8Bytes("[2]"))
      #expect(connection.statistics.protocolViolations == 0)
      await connection.close()
    }

    @Test func aReplyInAnotherCodecFailsTheCallWithProtocolError() async throws {
      let (connection, peer) = try await connectToRawPeer()
      // The call asked for binary; the peer answers unmarked, i.e. in the connection's JSON.
      let unmarked = await call(connection, peer, method: "b", payload: Self.binaryPayload, codec: .binary) {
        id in
        .reply(id: id, payload: utf8Bytes(#"{"n":1}"#))
      }
      guard case .failure(let first) = unmarked else {
        Issue.record("a JSON reply to a binary call was delivered")
        return
      }
      #expect(first.code == .protocolError && first.mayHaveRun)
      #expect(first.service == "Words" && first.method == "b" && first.callID != nil)
      #expect(first.message.contains("json") && first.message.contains("binary"))

      // The call asked for JSON; the peer answers marked binary.
      let foreign = await call(connection, peer, method: "j", payload: utf8Bytes("{}"), codec: .json) { id in
        var reply = Envelope.reply(id: id, payload: Self.binaryPayload)
        reply.payloadCodec = .binary
        return reply
      }
      guard case .failure(let second) = foreign else {
        Issue.record("a binary reply to a JSON call was delivered")
        return
      }
      #expect(second.code == .protocolError && second.method == "j")
      #expect(connection.statistics.protocolViolations == 2)
      #expect(connection.statistics.pendingCalls == 0)

      // Only those calls failed: the connection still works.
      let after = await call(connection, peer, method: "k", payload: utf8Bytes("{}"), codec: .json) { id in
        .reply(id: id, payload: utf8Bytes("true"))
      }
      #expect(try after.get() == utf8Bytes("true"))
      #expect(!connection.isClosed)
      await connection.close()
    }

    @Test func contractErrorPayloadsAreCheckedAndErrorsWithoutPayloadPassThrough() async throws {
      let (connection, peer) = try await connectToRawPeer()
      // A contract error whose payload is JSON (unmarked) for a binary call.
      let foreign = await call(connection, peer, method: "b", payload: Self.binaryPayload, codec: .binary) {
        id in
        .reply(
          id: id,
          error: .application(code: 7, name: "Nope", message: "no", payload: utf8Bytes(#"{"why":"x"}"#)))
      }
      guard case .failure(let mismatch) = foreign else {
        Issue.record("the call succeeded")
        return
      }
      #expect(mismatch.code == .protocolError && mismatch.message.contains("APPLICATION"))

      // The same error with its payload in the call's codec is the server's error, as sent.
      let matching = await call(connection, peer, method: "c", payload: Self.binaryPayload, codec: .binary) {
        id in
        var reply = Envelope.reply(
          id: id, error: .application(code: 7, name: "Nope", message: "no", payload: Self.binaryPayload))
        reply.payloadCodec = .binary
        return reply
      }
      guard case .failure(let application) = matching else {
        Issue.record("the call succeeded")
        return
      }
      #expect(application.code == .application && application.application?.payload == Self.binaryPayload)

      // An error without a payload (a refusal before any handler ran) is never marked: it passes.
      let refused = await call(connection, peer, method: "d", payload: Self.binaryPayload, codec: .binary) {
        id in
        .reply(id: id, error: ParleyError(.serviceNotFound, "no service Words", mayHaveRun: false))
      }
      guard case .failure(let notFound) = refused else {
        Issue.record("the call succeeded")
        return
      }
      #expect(notFound.code == .serviceNotFound && notFound.mayHaveRun == false)
      #expect(connection.statistics.protocolViolations == 1)
      await connection.close()
    }
  }
}
