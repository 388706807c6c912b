import Testing

@testable import Parley

/// ``BinaryEnvelopeAnswer``: the plain answers a gateway hub forwards as bytes are recognised,
/// and rewriting their call id gives byte for byte the frame that decoding and encoding again
/// gives; everything else is left to the decoder.
@Suite struct BinaryEnvelopeAnswerTests {
  static let codec = BinaryEnvelopeCodec()
  static let ids: [UInt64] = [0, 1, 127, 128, 16_383, 16_384, 1 << 35, 1 << 63, UInt64.max]

  private static func body(_ envelope: Envelope) -> [UInt8] {
    var bytes: [UInt8] = []
    codec.encode(envelope, into: &bytes)
    return bytes
  }

  /// The answers the hub forwards as bytes, each with call id `id`.
  static func plainAnswers(id: UInt64) -> [Envelope] {
    var answers: [Envelope] = []
    answers.append(.reply(id: id, payload: [0x0a, 0x06] + Array("ord_42".utf8)))
    answers.append(.reply(id: id, payload: []))  // no payload
    var marked = Envelope.reply(id: id, payload: Array(#"{"id":"ord_42"}"#.utf8))
    marked.payloadCodec = .json
    answers.append(marked)
    answers.append(.reply(id: id, payload: [UInt8](repeating: 0xab, count: 300)))  // 2-byte length
    var item = Envelope(kind: .streamItem, id: id)
    item.payload = [0x08, 0x01]
    answers.append(item)
    answers.append(Envelope(kind: .streamItem, id: id))  // an empty item
    var markedItem = item
    markedItem.payloadCodec = .json
    markedItem.payload = Array("{}".utf8)
    answers.append(markedItem)
    answers.append(.streamEnd(id: id, error: nil))
    return answers
  }

  @Test func plainAnswersAreRecognisedAndRewrittenAsEncodingAgainWould() throws {
    for id in Self.ids {
      for answer in Self.plainAnswers(id: id) {
        let body = Self.body(answer)
        let scanned = try #require(BinaryEnvelopeAnswer(scanning: body), "\(answer.kind) id \(id)")
        #expect(scanned.id == id)
        #expect(scanned.kind.envelopeKind == answer.kind)
        #expect(scanned.payloadCodec == answer.payloadCodec)
        for newID in Self.ids {
          var forwarded = answer
          forwarded.id = newID
          let expected = Self.codec.frame(forwarded)
          // Exactly sized (no spare capacity) and roomy bodies alike.
          var tight = Array(body)
          scanned.reframe(&tight, id: newID)
          #expect(tight == expected, "\(answer.kind) id \(id) → \(newID)")
          var roomy = body
          roomy.reserveCapacity(body.count + 64)
          scanned.reframe(&roomy, id: newID)
          #expect(roomy == expected)
          // The envelope it holds, for a hop in another codec.
          let decoded = try Self.codec.decode(body)
          let rebuilt = scanned.envelope(of: body, id: newID)
          #expect(Self.codec.frame(rebuilt) == expected)
          #expect(rebuilt.ok == decoded.ok && (rebuilt.payload ?? []) == (decoded.payload ?? []))
        }
      }
    }
  }

  @Test func everythingElseIsLeftToTheDecoder() throws {
    var failed = Envelope.reply(id: 7, error: ParleyError(.overloaded, "busy", mayHaveRun: false))
    failed.payload = nil
    var credit = Envelope.streamCredit(id: 7, credit: 16)
    credit.payload = nil
    var itemWithCredit = Envelope(kind: .streamItem, id: 7)
    itemWithCredit.payload = [1]
    itemWithCredit.credit = 4
    var binaryMarked = Envelope.reply(id: 7, payload: [1, 2])
    binaryMarked.payloadCodec = .binary
    var withFrom = Envelope.reply(id: 7, payload: [1])
    withFrom.from = PeerIdentity(credentials: nil, name: "x", address: "y")
    var endFailed = Envelope.streamEnd(id: 7, error: ParleyError(.cancelled, "stop"))
    endFailed.payload = nil
    var notOK = Envelope.reply(id: 7, payload: [1])
    notOK.ok = false
    var noOK = Envelope.reply(id: 7, payload: [1])
    noOK.ok = nil
    var itemWithOK = Envelope(kind: .streamItem, id: 7)
    itemWithOK.ok = true
    var call = Envelope.call(
      id: 7, contract: "c", contractVersion: 1, service: "S", method: "m", timeoutMs: nil, context: nil,
      payload: [1])
    call.payload = [1]
    var noID = Envelope.reply(id: 7, payload: [1])
    noID.id = nil
    var oldVersion = Envelope.reply(id: 7, payload: [1])
    oldVersion.version = 2
    let envelopes = [
      failed, credit, itemWithCredit, binaryMarked, withFrom, endFailed, notOK, noOK, itemWithOK, call, noID,
      oldVersion, Envelope(kind: .cancel, id: 7), Envelope(kind: .ping, id: 7),
    ]
    for envelope in envelopes {
      #expect(BinaryEnvelopeAnswer(scanning: Self.body(envelope)) == nil, "\(envelope.kind)")
    }
    let reply = Self.body(.reply(id: 7, payload: [1, 2, 3]))  // 08 02 10 05 18 07 50 01 5a 03 01 02 03
    let rejected: [(String, [UInt8])] = [
      ("empty", []),
      ("JSON", Array(#"{"v":1,"kind":"reply","id":7,"ok":true}"#.utf8)),
      ("an unknown field after", reply + [0xf8, 0x02, 0x01]),
      ("an unknown field inside", Array(reply[0..<8]) + [0xf8, 0x02, 0x01] + Array(reply[8...])),
      ("the id twice", Array(reply[0..<6]) + [0x18, 0x08] + Array(reply[6...])),
      ("the payload twice", reply + [0x5a, 0x01, 0x09]),
      ("fields out of order", Array(reply[0..<4]) + [0x50, 0x01, 0x18, 0x07] + Array(reply[8...])),
      ("an overlong id", Array(reply[0..<5]) + [0x87, 0x00] + Array(reply[6...])),
      (
        "an id past UInt64",
        Array(reply[0..<5]) + [UInt8](repeating: 0xff, count: 9) + [0x02] + Array(reply[6...])
      ),
      ("an id running off the end", Array(reply[0..<5]) + [0x87, 0x80]),
      ("a payload running off the end", Array(reply.dropLast())),
      ("an empty payload", Array(reply[0..<8]) + [0x5a, 0x00]),
      ("an overlong payload length", Array(reply[0..<9]) + [0x83, 0x00] + Array(reply[10...])),
      ("ok = 2", Array(reply[0..<7]) + [0x02] + Array(reply[8...])),
      ("an unknown payload codec", reply + [0x92, 0x01, 0x04] + Array("yaml".utf8)),
      ("a payload codec cut short", reply + [0x92, 0x01, 0x04] + Array("jso".utf8)),
      ("a kind by name", [0x08, 0x02, 0x12, 0x05] + Array("reply".utf8) + [0x18, 0x07, 0x50, 0x01]),
      ("v missing", Array(reply[2...])),
    ]
    for (name, body) in rejected {
      #expect(BinaryEnvelopeAnswer(scanning: body) == nil, "\(name)")
    }
  }

  /// Seeded fuzz: whatever mutated body is recognised must decode, and rewriting its id must give
  /// exactly the frame of the decoded envelope with that id (so the hub forwards the same bytes
  /// either way), whatever its spare capacity.
  @Test func aRecognisedBodyAlwaysDecodesToWhatItForwards() throws {
    var random = CodecRandom(seed: 0x9a7e_3a11)
    let seeds = Self.ids.flatMap { Self.plainAnswers(id: $0) }.map(Self.body)
    var recognised = 0
    for round in 0..<20_000 {
      var body = seeds[round % seeds.count]
      for _ in 0...Int(random.next() % 3) {
        switch random.next() % 4 {
        case 0 where !body.isEmpty:
          body[Int(random.next() % UInt64(body.count))] = UInt8(truncatingIfNeeded: random.next())
        case 1 where !body.isEmpty:
          body.remove(at: Int(random.next() % UInt64(body.count)))
        case 2:
          body.insert(
            UInt8(truncatingIfNeeded: random.next()), at: Int(random.next() % UInt64(body.count + 1)))
        default:
          body = Array(body.prefix(Int(random.next() % UInt64(body.count + 1))))
        }
      }
      guard let scanned = BinaryEnvelopeAnswer(scanning: body) else { continue }
      recognised += 1
      let decoded = try Self.codec.decode(body)
      #expect(decoded.id == scanned.id && decoded.kind == scanned.kind.envelopeKind)
      let newID = Self.ids[round % Self.ids.count]
      var forwarded = decoded
      forwarded.id = newID
      var rewritten = body
      scanned.reframe(&rewritten, id: newID)
      #expect(rewritten == Self.codec.frame(forwarded), "round \(round): \(body)")
    }
    #expect(recognised > 1_000)  // the fuzz reaches the recognised shapes, not only rejections
  }
}
