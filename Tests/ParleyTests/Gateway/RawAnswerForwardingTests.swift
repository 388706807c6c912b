import Foundation
import Testing

@testable import Parley

/// Answers forwarded by a gateway hub, seen byte by byte by hand-made peers on raw sockets: plain
/// answers between binary hops are forwarded as their own bytes with the call id rewritten
/// (``BinaryEnvelopeAnswer``), and must be exactly the frames decoding and encoding again gives;
/// JSON hops, unusual answers and hostile bytes take the decoding path with its errors.
@Suite(.timeLimit(.minutes(1))) struct RawAnswerForwardingTests {
  static let binary = BinaryEnvelopeCodec()
  static let json = JSONEnvelopeCodec()

  /// A hub with one hand-made instance of `EchoService` (method `echo`, stream `watch`) and one
  /// hand-made caller, each speaking `codec` after the handshake.
  final class Setup: Sendable {
    let hub: GatewayHub
    let directory: String
    let instance: RawClient
    let caller: RawClient
    let instanceCodec: any EnvelopeCodec
    let callerCodec: any EnvelopeCodec

    init(instance instanceCodec: WireCodec, caller callerCodec: WireCodec, callerMaxFrame: Int? = nil)
      async throws
    {
      await warmUpRuntime()
      directory = try TestServer.makeTemporaryDirectory()
      hub = GatewayHub()
      let endpoint = try await hub.start(on: .unix(path: directory + "/hub.sock"))
      guard case .unix(let path) = endpoint else { throw ParleyError(.internal, "not a Unix endpoint") }
      self.instanceCodec =
        instanceCodec == .binary ? RawAnswerForwardingTests.binary : RawAnswerForwardingTests.json
      self.callerCodec =
        callerCodec == .binary ? RawAnswerForwardingTests.binary : RawAnswerForwardingTests.json
      instance = try RawClient(path: path)
      caller = try RawClient(path: path)
      let (instance, caller, instanceCoder) = (instance, caller, self.instanceCodec)
      try await offPool {
        try Self.hello(instance, codec: instanceCodec, name: "instance", maxFrame: nil)
        var register = Envelope(kind: .register, id: 1)
        register.payload = utf8Bytes(
          #"{"instance":"i1","services":[{"contract":"test.echo","version":1,"minVersion":1,"service":"EchoService","methods":["echo"],"streams":["watch"],"oneways":[],"events":[]}]}"#
        )
        instance.send(instanceCoder.frame(register))
        let registered = try instanceCoder.decode(try Self.read(instance))
        guard registered.kind == .reply, registered.ok == true else {
          throw ParleyError(
            .protocolError, "registration failed: \(registered.kind) \(String(describing: registered.error))")
        }
        try Self.hello(caller, codec: callerCodec, name: "caller", maxFrame: callerMaxFrame)
      }
    }

    private static func hello(_ client: RawClient, codec: WireCodec, name: String, maxFrame: Int?) throws {
      let limit = maxFrame.map { #","maxFrame":\#($0)"# } ?? ""
      client.send(
        json:
          #"{"v":1,"kind":"hello","codecs":["\#(codec.rawValue)"],"contracts":[],"name":"\#(name)"\#(limit)}"#
      )
      let welcome = try json.decode(try read(client))
      guard welcome.kind == .welcome, welcome.welcome?.codec == codec.rawValue else {
        throw ParleyError(.protocolError, "no welcome with \(codec): \(welcome.kind)")
      }
    }

    /// The next frame body `client` receives (bounded by the socket's 5 s receive timeout).
    static func read(_ client: RawClient) throws -> [UInt8] {
      guard let frame = client.readFrame() else { throw ParleyError(.connectionLost, "no frame arrived") }
      return frame
    }

    /// Sends a call (or, with `credit`, a stream) from the caller and returns it as the instance
    /// receives it.
    func call(id: UInt64, method: String = "echo", payload: [UInt8], credit: UInt64? = nil) async throws
      -> Envelope
    {
      var call = Envelope.call(
        id: id, contract: "test.echo", contractVersion: 1, service: "EchoService", method: method,
        timeoutMs: 20_000, context: nil, payload: payload)
      call.credit = credit
      let (caller, instance, instanceCodec) = (caller, instance, instanceCodec)
      let frame = callerCodec.frame(call)
      return try await offPool {
        caller.send(frame)
        return try instanceCodec.decode(try Setup.read(instance))
      }
    }

    /// The instance sends `body` as one frame.
    func answer(_ body: [UInt8]) { instance.send(FrameEncoder.frame(body)) }

    /// The next frame the caller receives, length prefix included.
    func callerFrame() async throws -> [UInt8] {
      let caller = caller
      return FrameEncoder.frame(try await offPool { try Setup.read(caller) })
    }

    func stop() async {
      instance.closeSocket()
      caller.closeSocket()
      await hub.stop(grace: .milliseconds(100))
      TestServer.removeTree(directory)
    }
  }

  private static func body(_ envelope: Envelope, _ codec: any EnvelopeCodec = binary) -> [UInt8] {
    var bytes: [UInt8] = []
    codec.encode(envelope, into: &bytes)
    return bytes
  }

  /// `envelope` with call id `id`.
  private static func with(_ envelope: Envelope, id: UInt64) -> Envelope {
    var copy = envelope
    copy.id = id
    return copy
  }

  @Test func binaryHopsGetTheirAnswersAsEncodingAgainWouldWriteThem() async throws {
    let setup = try await Setup(instance: .binary, caller: .binary)
    var marked = Envelope.reply(id: 0, payload: utf8Bytes(#"{"id":"ord_42"}"#))
    marked.payloadCodec = .json
    let answers: [Envelope] = [
      .reply(id: 0, payload: [0x0a, 0x06] + utf8Bytes("ord_42")), marked, .reply(id: 0, payload: []),
      .reply(id: 0, payload: [UInt8](repeating: 7, count: 70_000)),
    ]
    // Caller ids whose varints are shorter, as long and longer than the hub's.
    for (index, callerID) in [UInt64(1), 2, 300, 1 << 40, UInt64.max].enumerated() {
      let answer = answers[index % answers.count]
      let forwarded = try await setup.call(id: callerID, payload: [0x0a, 0x01, 0x78])
      #expect(forwarded.from?.name == "caller")
      let hubID = try #require(forwarded.id)
      setup.answer(Self.body(Self.with(answer, id: hubID)))
      #expect(try await setup.callerFrame() == Self.binary.frame(Self.with(answer, id: callerID)))
    }
    // A stream: items (one empty, one marked JSON) and its end, each with the caller's id.
    let stream = try await setup.call(id: 77, method: "watch", payload: [], credit: 8)
    let hubID = try #require(stream.id)
    var item = Envelope(kind: .streamItem, id: hubID)
    item.payload = [0x08, 0x2a]
    var jsonItem = item
    jsonItem.payload = utf8Bytes("{}")
    jsonItem.payloadCodec = .json
    for frame in [item, Envelope(kind: .streamItem, id: hubID), jsonItem, .streamEnd(id: hubID, error: nil)] {
      setup.answer(Self.body(frame))
      #expect(try await setup.callerFrame() == Self.binary.frame(Self.with(frame, id: 77)))
    }
    #expect(setup.hub.status().callsInFlight == 0)
    #expect(setup.hub.status().forgedReplies == 0)
    #expect(setup.hub.answersForwardedAsBytes == 9)  // none of them was decoded
    await setup.stop()
  }

  @Test func aJSONCallerGetsTheAnswerOfABinaryInstanceInJSON() async throws {
    let setup = try await Setup(instance: .binary, caller: .json)
    let forwarded = try await setup.call(id: 9, payload: utf8Bytes(#"{"x":1}"#))
    #expect(forwarded.payloadCodec == .json)  // the instance learns the payload is JSON
    var answer = Envelope.reply(id: try #require(forwarded.id), payload: utf8Bytes(#"{"y":2}"#))
    answer.payloadCodec = .json
    setup.answer(Self.body(answer))
    #expect(try await setup.callerFrame() == Self.json.frame(.reply(id: 9, payload: utf8Bytes(#"{"y":2}"#))))
    // A stream item and end too.
    let stream = try await setup.call(id: 10, method: "watch", payload: utf8Bytes("{}"), credit: 4)
    let streamID = try #require(stream.id)
    var item = Envelope(kind: .streamItem, id: streamID)
    item.payload = utf8Bytes("[1]")
    item.payloadCodec = .json
    setup.answer(Self.body(item))
    var expected = Envelope(kind: .streamItem, id: 10)
    expected.payload = utf8Bytes("[1]")
    #expect(try await setup.callerFrame() == Self.json.frame(expected))
    setup.answer(Self.body(.streamEnd(id: streamID, error: nil)))
    // Without a marker the instance's answer is in its own codec, so the hub marks it (as it
    // always has, payload or not).
    var end = Envelope.streamEnd(id: 10, error: nil)
    end.payloadCodec = .binary
    #expect(try await setup.callerFrame() == Self.json.frame(end))
    #expect(setup.hub.answersForwardedAsBytes == 0)  // the caller's hop is JSON
    await setup.stop()
  }

  @Test func aJSONInstanceIsAnsweredByDecoding() async throws {
    let setup = try await Setup(instance: .json, caller: .binary)
    let forwarded = try await setup.call(id: 5, payload: [0x0a, 0x01, 0x78])
    #expect(forwarded.payloadCodec == .binary)
    var answer = Envelope.reply(id: try #require(forwarded.id), payload: [0x0a, 0x01, 0x79])
    answer.payloadCodec = .binary
    setup.answer(Self.body(answer, Self.json))
    #expect(try await setup.callerFrame() == Self.binary.frame(.reply(id: 5, payload: [0x0a, 0x01, 0x79])))
    #expect(setup.hub.answersForwardedAsBytes == 0)
    await setup.stop()
  }

  /// Answers that are not plain (a failure, unknown fields, non-canonical bytes) are decoded and
  /// encoded again, as before: the caller gets what the decoder understood.
  @Test func unusualAnswersAreDecodedAndEncodedAgain() async throws {
    let setup = try await Setup(instance: .binary, caller: .binary)
    let failure = ParleyError(
      .application, "no such order", mayHaveRun: true,
      application: .init(code: 404, name: "OrderNotFound", payload: [0x0a, 0x01, 0x31]))
    let plain = Envelope.reply(id: 0, payload: [0x0a, 0x01, 0x7a])
    let cases: [(String, (UInt64) -> [UInt8], Envelope)] = [
      ("a contract error", { Self.body(.reply(id: $0, error: failure)) }, .reply(id: 0, error: failure)),
      ("an unknown field", { Self.body(Self.with(plain, id: $0)) + [0xf8, 0x02, 0x05] }, plain),
      (
        "an overlong payload length",
        {
          let body = Self.body(Self.with(plain, id: $0))
          return Array(body.dropLast(4)) + [0x83, 0x00] + Array(body.suffix(3))
        }, plain
      ),
    ]
    for (index, (name, makeBody, expected)) in cases.enumerated() {
      let callerID = UInt64(100 + index)
      let forwarded = try await setup.call(id: callerID, payload: [1])
      setup.answer(makeBody(try #require(forwarded.id)))
      #expect(
        try await setup.callerFrame() == Self.binary.frame(Self.with(expected, id: callerID)), "\(name)")
    }
    #expect(setup.hub.answersForwardedAsBytes == 0)
    await setup.stop()
  }

  @Test func forgedAndRepeatedAnswersAreDroppedAndCounted() async throws {
    let setup = try await Setup(instance: .binary, caller: .binary)
    let forwarded = try await setup.call(id: 3, payload: [1])
    let hubID = try #require(forwarded.id)
    setup.answer(Self.body(.reply(id: hubID + 1000, payload: [9])))  // never used
    setup.answer(Self.body(.reply(id: hubID, payload: [2])))
    setup.answer(Self.body(.reply(id: hubID, payload: [3])))  // a second answer
    #expect(try await setup.callerFrame() == Self.binary.frame(.reply(id: 3, payload: [2])))
    #expect(await eventually { setup.hub.status().forgedReplies == 2 })
    await setup.stop()
  }

  @Test func anAnswerTooLargeForTheCallerIsDroppedAndTheNextOneArrives() async throws {
    let setup = try await Setup(instance: .binary, caller: .binary, callerMaxFrame: 64)
    let first = try await setup.call(id: 1, payload: [1])
    let second = try await setup.call(id: 2, payload: [1])
    setup.answer(Self.body(.reply(id: try #require(first.id), payload: [UInt8](repeating: 1, count: 100))))
    setup.answer(Self.body(.reply(id: try #require(second.id), payload: [2])))
    #expect(try await setup.callerFrame() == Self.binary.frame(.reply(id: 2, payload: [2])))
    await setup.stop()
  }

  /// Bad bytes from an instance close its connection with `goaway` `PROTOCOL_ERROR`, as before,
  /// and its callers get `CONNECTION_LOST`.
  @Test func malformedAnswersCloseTheInstanceAndItsCallsFail() async throws {
    let setup = try await Setup(instance: .binary, caller: .binary)
    let forwarded = try await setup.call(id: 4, payload: [1])
    let hubID = try #require(forwarded.id)
    // A plain reply's start, then a payload that runs past the end of the frame.
    var body = Self.body(.reply(id: hubID, payload: [1, 2, 3]))
    body.removeLast()
    setup.answer(body)
    let instance = setup.instance
    let goaway = try Self.binary.decode(try await offPool { try Setup.read(instance) })
    #expect(goaway.kind == .goaway)
    #expect(goaway.error?.code == .protocolError)
    let answer = try Self.binary.decode(Array(try await setup.callerFrame().dropFirst(4)))
    #expect(answer.id == 4)
    #expect(answer.error?.code == .connectionLost)
    await setup.stop()
  }
}
