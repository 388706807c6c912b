import Testing

@testable import Parley

/// ``EnvelopeKind`` compares and hashes known kinds by number: it must agree with comparing names.
@Suite struct EnvelopeKindTests {
  @Test func aKnownNameMakesTheKnownKind() {
    for kind in EnvelopeKind.all {
      let named = EnvelopeKind(rawValue: kind.rawValue)
      #expect(named == kind)
      #expect(named.hashValue == kind.hashValue)
      #expect(named.isKnown)
      #expect(named.number == kind.number)
    }
    #expect(EnvelopeKind.all.count == 17)
    #expect(EnvelopeKind.known.count == 17)
  }

  @Test func knownKindsDifferFromEachOther() {
    for a in EnvelopeKind.all {
      for b in EnvelopeKind.all {
        #expect((a == b) == (a.rawValue == b.rawValue))
      }
    }
  }

  @Test func unknownKindsCompareByName() {
    let a = EnvelopeKind(rawValue: "test.bogus")
    let b = EnvelopeKind(rawValue: "test." + "bogus")
    #expect(a == b)
    #expect(a.hashValue == b.hashValue)
    #expect(!a.isKnown)
    #expect(a != EnvelopeKind(rawValue: "test.other"))
    #expect(a != .call)
    #expect(EnvelopeKind(rawValue: "") != .call)
    // Case matters, as on the wire.
    #expect(EnvelopeKind(rawValue: "Call") != .call)
    #expect(!EnvelopeKind(rawValue: "Call").isKnown)
  }

  @Test func aNameInAnotherUnicodeFormIsStillEqual() {
    // String equality is canonical equivalence; a kind name spelled with a combining sequence
    // equals the precomposed one, known or not.
    let precomposed = EnvelopeKind(rawValue: "caf\u{E9}")
    let decomposed = EnvelopeKind(rawValue: "cafe\u{301}")
    #expect(precomposed == decomposed)
    #expect(precomposed.hashValue == decomposed.hashValue)
  }

  @Test func settingTheRawValueChangesTheKind() {
    var kind = EnvelopeKind.call
    kind.rawValue = "reply"
    #expect(kind == .reply)
    kind.rawValue = "test.bogus"
    #expect(!kind.isKnown)
    #expect(kind != .reply)
    kind.rawValue = "ping"
    #expect(kind == .ping)
  }

  @Test func kindsWorkAsDictionaryKeys() {
    var handlers: [EnvelopeKind: Int] = [:]
    for (index, kind) in EnvelopeKind.all.enumerated() { handlers[kind] = index }
    handlers[EnvelopeKind(rawValue: "test.bogus")] = 99
    for (index, kind) in EnvelopeKind.all.enumerated() {
      #expect(handlers[EnvelopeKind(rawValue: kind.rawValue)] == index)
    }
    #expect(handlers[EnvelopeKind(rawValue: "test.bogus")] == 99)
    #expect(handlers[EnvelopeKind(rawValue: "test.other")] == nil)
  }

  @Test func wireNumbersRoundTrip() {
    for number in 1...17 {
      let kind = BinaryEnvelopeLayout.kind(number: UInt64(number))
      #expect(kind.isKnown)
      #expect(BinaryEnvelopeLayout.number(of: kind) == number)
    }
    #expect(!BinaryEnvelopeLayout.kind(number: 0).isKnown)
    #expect(BinaryEnvelopeLayout.kind(number: 18).rawValue == "#18")
    #expect(BinaryEnvelopeLayout.number(of: EnvelopeKind(rawValue: "test.bogus")) == nil)
  }
}
