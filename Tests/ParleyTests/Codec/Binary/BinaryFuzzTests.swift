import Parley
import Testing

@Suite("Binary codec: seeded fuzzing of the reader")
struct BinaryFuzzTests {
  /// Walks any buffer as a message without a schema: every length-delimited value is tried as a
  /// nested message, a string and a list of varints; every failure must be a thrown error.
  private static func walk(_ reader: inout BinaryReader) throws {
    while let field = try reader.nextField() {
      switch field.wireType {
      case .varint:
        switch field.number % 4 {
        case 0: _ = try reader.readInt8()
        case 1: _ = try reader.readUInt16()
        case 2: _ = try reader.readEnumCase()
        default: _ = try reader.readInt64()
        }
      case .fixed32: _ = try reader.readFloat()
      case .fixed64: _ = try reader.readDouble()
      case .lengthDelimited:
        switch field.number % 5 {
        case 0: try reader.readMessage { try walk(&$0) }
        case 1: _ = try reader.readString()
        case 2: _ = try reader.readList { try $0.readInt32() }
        case 3: _ = try reader.readMap { reader in (try reader.readString(), try reader.readBytes()) }
        default: try reader.skipField()
        }
      }
    }
  }

  /// Decodes `bytes` both schema-less and as a sample order; only `BinaryDecodingError` may escape.
  private static func decodeEverything(_ bytes: [UInt8]) -> (walked: Bool, decoded: Bool) {
    var walked = false
    var decoded = false
    var reader = BinaryReader(bytes, maximumDepth: 8)
    do {
      try walk(&reader)
      walked = true
    } catch is BinaryDecodingError {
    } catch {
      Issue.record("walk threw \(error)")
    }
    do {
      _ = try SampleOrder.decode(bytes)
      decoded = true
    } catch is BinaryDecodingError {
    } catch {
      Issue.record("decode threw \(error)")
    }
    return (walked, decoded)
  }

  @Test("100,000 random buffers and 100,000 mutated valid encodings never crash or hang")
  func fuzz() async {
    // Yields now and then so the socket tests sharing the cooperative pool are not starved.
    var random = CodecRandom(seed: 0xC0DEC)
    var walkedCount = 0
    var decodedCount = 0
    // Purely random buffers, biased towards plausible tags and small lengths.
    for round in 0..<100_000 {
      if round % 1_000 == 0 { await Task.yield() }
      let length = Int(random.next() % 48)
      var bytes = [UInt8](repeating: 0, count: length)
      for index in bytes.indices {
        let roll = random.next()
        bytes[index] =
          roll % 4 == 0 ? UInt8(truncatingIfNeeded: (roll >> 8) % 16) : UInt8(truncatingIfNeeded: roll >> 8)
      }
      let result = Self.decodeEverything(bytes)
      if result.walked { walkedCount += 1 }
    }
    // Mutations of a valid encoding: flipped bits, replaced bytes, insertions, deletions, cuts.
    let seed = SampleOrder.example.encoded()
    for round in 0..<100_000 {
      if round % 1_000 == 0 { await Task.yield() }
      var bytes = seed
      for _ in 0...(random.next() % 4) {
        guard !bytes.isEmpty else { break }
        let index = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 5 {
        case 0: bytes[index] ^= UInt8(1 << (random.next() % 8))
        case 1: bytes[index] = UInt8(truncatingIfNeeded: random.next())
        case 2: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: index)
        case 3: bytes.remove(at: index)
        default: bytes.removeLast(Int(random.next() % UInt64(bytes.count)))
        }
      }
      let result = Self.decodeEverything(bytes)
      if result.decoded { decodedCount += 1 }
    }
    // Sanity: the fuzzer exercises both outcomes.
    #expect(walkedCount > 0)
    #expect(decodedCount > 0)
  }
}
