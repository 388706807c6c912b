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

  /// Decodes `bytes` both schema-less and as a sample order; only `BinaryDecodingError` may escape
  /// (anything else is added to `problems`).
  private static func decodeEverything(_ bytes: [UInt8], problems: inout [String]) -> (
    walked: Bool, decoded: Bool
  ) {
    var walked = false
    var decoded = false
    var reader = BinaryReader(bytes, maximumDepth: 8)
    do {
      try walk(&reader)
      walked = true
    } catch is BinaryDecodingError {
    } catch {
      problems.append("walk threw \(error) for \(bytes)")
    }
    do {
      _ = try SampleOrder.decode(bytes)
      decoded = true
    } catch is BinaryDecodingError {
    } catch {
      problems.append("decode threw \(error) for \(bytes)")
    }
    return (walked, decoded)
  }

  @Test("100,000 random buffers and 100,000 mutated valid encodings never crash or hang")
  func fuzz() async {
    // On a thread of its own: a long loop on the 2-thread cooperative pool starves socket tests.
    let (walkedCount, decodedCount, problems) = await offPool { Self.fuzzRounds() }
    #expect(problems.isEmpty, "\(problems.prefix(20))")
    // Sanity: the fuzzer exercises both outcomes.
    #expect(walkedCount > 0)
    #expect(decodedCount > 0)
  }

  private static func fuzzRounds() -> (walked: Int, decoded: Int, problems: [String]) {
    var random = CodecRandom(seed: 0xC0DEC)
    var problems: [String] = []
    var walkedCount = 0
    var decodedCount = 0
    // Purely random buffers, biased towards plausible tags and small lengths.
    for _ in 0..<100_000 {
      let length = Int(random.next() % 48)
      var bytes = [UInt8](repeating: 0, count: length)
      for index in bytes.indices {
        let roll = random.next()
        bytes[index] =
          roll % 4 == 0 ? UInt8(truncatingIfNeeded: (roll >> 8) % 16) : UInt8(truncatingIfNeeded: roll >> 8)
      }
      if decodeEverything(bytes, problems: &problems).walked { walkedCount += 1 }
    }
    // Mutations of a valid encoding: flipped bits, replaced bytes, insertions, deletions, cuts.
    let seed = SampleOrder.example.encoded()
    for _ in 0..<100_000 {
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
      if decodeEverything(bytes, problems: &problems).decoded { decodedCount += 1 }
    }
    return (walkedCount, decodedCount, problems)
  }
}
