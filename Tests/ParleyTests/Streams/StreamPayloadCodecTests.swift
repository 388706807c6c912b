import Parley
import Testing

extension RuntimeSocketSuites {
  /// A stream's items come in the payload codec of the call that opened it, like a call's reply
  /// (`docs/wire-protocol.md`, "Payload codec"): an item in another codec ends the stream with
  /// `PROTOCOL_ERROR` and cancels it at the server, and so does a contract error whose payload is
  /// in another codec. The peer is scripted over a JSON connection, so it can answer in any codec.
  @Suite(.serialized) struct StreamPayloadCodecTests {
    /// A binary message: field 1, varint 1.
    static let binaryPayload: [UInt8] = [0x08, 0x01]

    /// Opens a stream `Words.<method>` with a payload in `codec` and returns it with the id the
    /// peer saw (the stream's call id).
    private func open(_ connection: ClientConnection, _ peer: RawPeer, method: String, codec: WireCodec)
      async throws -> (ParleyStream, UInt64)
    {
      let payload = codec == .binary ? Self.binaryPayload : utf8Bytes("{}")
      let stream = try await connection.stream(
        contract: "test.words", version: 1, service: "Words", method: method, payload: payload,
        payloadCodec: codec, options: CallOptions(timeout: .seconds(10)))
      #expect(await eventually { peer.received.contains { $0.kind == .call && $0.method == method } })
      let id = try #require(peer.received.last { $0.kind == .call && $0.method == method }?.id)
      return (stream, id)
    }

    private func item(_ id: UInt64, _ payload: [UInt8], marked codec: WireCodec? = nil) -> Envelope {
      var item = Envelope(kind: .streamItem, id: id)
      item.payload = payload
      item.payloadCodec = codec
      return item
    }

    @Test func itemsInTheCallsCodecArriveAndAForeignItemEndsTheStream() async throws {
      let (connection, peer) = try await RawPeer.connectedClient()
      let (stream, id) = try await open(connection, peer, method: "count", codec: .binary)
      peer.send(item(id, Self.binaryPayload, marked: .binary))
      var iterator = stream.makeAsyncIterator()
      #expect(try await iterator.next() == Self.binaryPayload)
      // Sent after the first was taken: ending the stream discards the items still queued.
      peer.send(item(id, utf8Bytes("2")))  // unmarked: the connection's JSON, not the call's binary
      do {
        _ = try await iterator.next()
        Issue.record("a JSON item of a binary stream was delivered")
      } catch let error as ParleyError {
        #expect(error.code == .protocolError && error.mayHaveRun)
        #expect(error.message.contains("stream item") && error.message.contains("binary"))
        #expect(error.service == "Words" && error.method == "count")
      }
      // The server is told to stop, and the connection keeps working.
      #expect(await eventually { peer.received.contains { $0.kind == .cancel && $0.id == id } })
      #expect(connection.statistics.protocolViolations == 1)
      let (jsonStream, jsonID) = try await open(connection, peer, method: "json", codec: .json)
      peer.send(item(jsonID, utf8Bytes("3")))
      peer.send(.streamEnd(id: jsonID, error: nil))
      var items: [[UInt8]] = []
      for try await received in jsonStream { items.append(received) }
      #expect(items == [utf8Bytes("3")])
      #expect(!connection.isClosed)
      await connection.close()
    }

    @Test func aContractErrorPayloadInAnotherCodecEndsTheStreamWithProtocolError() async throws {
      let (connection, peer) = try await RawPeer.connectedClient()
      let (foreign, foreignID) = try await open(connection, peer, method: "a", codec: .binary)
      peer.send(
        .streamEnd(
          id: foreignID,
          error: .application(code: 9, name: "Gone", message: "gone", payload: utf8Bytes(#"{"why":1}"#))))
      let mismatch = await #expect(throws: ParleyError.self) { for try await _ in foreign {} }
      #expect(mismatch?.code == .protocolError && mismatch?.message.contains("APPLICATION") == true)

      // In the call's codec (marked), the server's error arrives as sent; without a payload too.
      let (matching, matchingID) = try await open(connection, peer, method: "b", codec: .binary)
      var end = Envelope.streamEnd(
        id: matchingID,
        error: .application(code: 9, name: "Gone", message: "gone", payload: Self.binaryPayload))
      end.payloadCodec = .binary
      peer.send(end)
      let application = await #expect(throws: ParleyError.self) { for try await _ in matching {} }
      #expect(application?.code == .application && application?.application?.payload == Self.binaryPayload)
      let (refused, refusedID) = try await open(connection, peer, method: "c", codec: .binary)
      peer.send(
        .streamEnd(id: refusedID, error: ParleyError(.serviceNotFound, "no Words", mayHaveRun: false)))
      let notFound = await #expect(throws: ParleyError.self) { for try await _ in refused {} }
      #expect(notFound?.code == .serviceNotFound)
      #expect(connection.statistics.protocolViolations == 1)
      await connection.close()
    }
  }
}
