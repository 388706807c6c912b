import Foundation
import Parley
import Testing

/// `Timestamp` and `Duration` text and binary values from outside: whatever arrives, parsing gives
/// a value or `nil` and writing gives text that parses back; nothing traps.
@Suite struct TimeTextHostileInputTests {
  /// More than nine fraction digits used to trap ("Range requires lowerBound <= upperBound":
  /// the padding loop built `digits..<9`); digits past the ninth are dropped.
  @Test func fractionsLongerThanNanosecondsParse() throws {
    let base = try #require(ParleyTimeText.parseTimestamp("2026-01-01T00:00:00.123456789Z"))
    for extra in ["0", "9", "0000000000", String(repeating: "7", count: 200)] {
      let text = "2026-01-01T00:00:00.123456789" + extra + "Z"
      #expect(ParleyTimeText.parseTimestamp(text) == base, "\(text)")
    }
    #expect(ParleyTimeText.parseTimestamp("2026-01-01T00:00:00.1234567891+01:00") != nil)
    #expect(ParleyTimeText.parseTimestamp("2026-01-01T00:00:00.12345678901") == nil)  // no zone
    #expect(ParleyTimeText.parseDuration("1.1234567891s") == nil)  // durations: at most 9 digits
  }

  /// Mutations of valid texts (seeded): characters replaced, inserted, deleted and fractions
  /// lengthened. Every text that parses is written back, and that text parses again.
  @Test func mutatedTimeTextsNeverTrap() {
    var random = RuntimeRandom(seed: 0x7117_E7E7)
    let seeds = [
      "2026-11-27T12:00:00Z", "1970-01-01T00:00:00.5+05:30", "0000-01-01T00:00:00Z",
      "9999-12-31T23:59:60.999999999-23:59", "1.5s", "-0.250s", "9223372036854775807.999999999s",
      "-9223372036854775807s", "0s",
    ]
    let alphabet = Array("0123456789-+:.TtZzs e9".utf8)
    var parsed = 0
    for _ in 0..<20_000 {
      var bytes = Array(seeds[Int(random.next() % UInt64(seeds.count))].utf8)
      for _ in 0..<(1 + random.next() % 3) {
        let index = Int(random.next() % UInt64(bytes.count + 1))
        let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
        switch random.next() % 4 {
        case 0 where index < bytes.count: bytes[index] = byte
        case 1: bytes.insert(byte, at: index)
        case 2 where index < bytes.count: bytes.remove(at: index)
        default:
          let run = [UInt8](repeating: UInt8(ascii: "9"), count: Int(random.next() % 40))
          bytes.insert(contentsOf: run, at: index)
        }
      }
      let text = String(decoding: bytes, as: UTF8.self)
      if let date = ParleyTimeText.parseTimestamp(text) {
        parsed += 1
        let written = ParleyTimeText.timestamp(date)
        #expect(ParleyTimeText.parseTimestamp(written) != nil, "\(text) -> \(written)")
        var writer = BinaryWriter()
        writer.writeTimestamp(date)
      }
      if let duration = ParleyTimeText.parseDuration(text) {
        parsed += 1
        let written = ParleyTimeText.duration(duration)
        #expect(ParleyTimeText.parseDuration(written) == duration, "\(text) -> \(written)")
        var writer = BinaryWriter()
        writer.writeDuration(duration)
        var reader = BinaryReader(writer.bytes)
        #expect((try? reader.readDuration()) == duration, "\(text)")
      }
    }
    #expect(parsed > 1000)
  }

  /// Binary `Timestamp`/`Duration` values with any seconds (seeded, extremes included) are read,
  /// written as JSON text and written back as binary without trapping.
  @Test func binaryTimesWithAnySecondsNeverTrap() throws {
    var random = RuntimeRandom(seed: 0xB1_7713)
    let extremes: [Int64] = [.min, .min + 1, -1, 0, 1, .max - 1, .max, -62_167_219_201, 253_402_300_800]
    for round in 0..<5_000 {
      let seconds = round < extremes.count ? extremes[round] : Int64(bitPattern: random.next())
      let nanoseconds = random.next() % 1_000_000_000
      var writer = BinaryWriter()
      writer.writeTimestamp(seconds: seconds, nanoseconds: Int32(nanoseconds))
      var timestampReader = BinaryReader(writer.bytes)
      let date = try timestampReader.readTimestamp()
      #expect(ParleyTimeText.parseTimestamp(ParleyTimeText.timestamp(date)) != nil)
      var dateWriter = BinaryWriter()
      dateWriter.writeTimestamp(date)
      var durationReader = BinaryReader(writer.bytes)
      let duration = try durationReader.readDuration()
      let text = ParleyTimeText.duration(duration)
      #expect(ParleyTimeText.parseDuration(text) == duration || seconds == .min, "\(text)")
      var durationWriter = BinaryWriter()
      durationWriter.writeDuration(duration)
      #expect(durationWriter.bytes == writer.bytes)
    }
  }
}
