import Parley
import Testing

@Suite("Binary envelope: seeded fuzzing of the decoder")
struct BinaryEnvelopeFuzzTests {
  let codec = BinaryEnvelopeCodec()

  /// Decodes `bytes`: either an envelope that re-encodes to an equal envelope, or a
  /// `PROTOCOL_ERROR` (the typed throw guarantees a ``ParleyError``).
  private func check(_ bytes: [UInt8]) -> Bool {
    do {
      let envelope = try codec.decode(bytes)
      var again: [UInt8] = []
      codec.encode(envelope, into: &again)
      let copy = try codec.decode(again)
      #expect(sameEnvelope(copy, envelope), "\(bytes)")
      return true
    } catch {
      #expect(error.code == .protocolError, "\(bytes): \(error)")
      return false
    }
  }

  @Test func randomBytesNeverCrash() async {
    var random = CodecRandom(seed: 0xE17E_10BE)
    var decoded = 0
    for round in 0..<50_000 {
      if round % 2_000 == 0 { await Task.yield() }
      let count = Int(random.next() % 48)
      var bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      // Start most inputs like an envelope so that the decoder gets past the first fields.
      if round % 4 != 0, !bytes.isEmpty { bytes = [0x08, 0x02, 0x10, UInt8(random.next() % 20)] + bytes }
      if check(bytes) { decoded += 1 }
    }
    #expect(decoded > 0)
  }

  @Test func mutatedEnvelopesNeverCrash() async {
    var random = CodecRandom(seed: 0x5EED_0004)
    let seeds = BinaryEnvelopeCodecTests.everyKind.map { kind -> [UInt8] in
      var bytes: [UInt8] = []
      codec.encode(BinaryEnvelopeCodecTests.full(kind), into: &bytes)
      return bytes
    }
    var decoded = 0
    for round in 0..<60_000 {
      if round % 2_000 == 0 { await Task.yield() }
      var bytes = seeds[Int(random.next() % UInt64(seeds.count))]
      for _ in 0...(random.next() % 4) {
        let position = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 5 {
        case 0: bytes[position] = UInt8(truncatingIfNeeded: random.next())
        case 1: bytes[position] ^= UInt8(1) << (random.next() % 8)
        case 2: bytes.removeSubrange(position...)
        case 3: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
        default: bytes[position] = [0x00, 0x7F, 0x80, 0xFF][Int(random.next() % 4)]
        }
        if bytes.isEmpty { bytes = [0x08] }
      }
      if check(bytes) { decoded += 1 }
    }
    #expect(decoded > 0)
  }
}
