import Foundation
import Parley
import Testing

@Suite("Binary codec: round trips at edge values")
struct BinaryRoundTripTests {
  /// Writes one tagged field with `write`, then reads it back with `read`.
  private func roundTrip<Value>(
    _ write: (inout BinaryWriter) -> Void, _ read: (inout BinaryReader) throws -> Value
  ) throws -> Value {
    var writer = BinaryWriter()
    write(&writer)
    var reader = BinaryReader(writer.bytes)
    let field = try #require(try reader.nextField())
    #expect(field.number == 9)
    let value = try read(&reader)
    #expect(try reader.nextField() == nil)
    #expect(reader.isAtEnd)
    return value
  }

  @Test("signed integers")
  func signed() throws {
    for value in [Int64.min, Int64.min + 1, -1 << 32, -300, -1, 0, 1, 63, 64, 300, 1 << 40, Int64.max] {
      #expect(try roundTrip({ $0.writeInt64(field: 9, value) }, { try $0.readInt64() }) == value)
      #expect(try roundTrip({ $0.writeInt(field: 9, Int(value)) }, { try $0.readInt() }) == Int(value))
    }
    for value in [Int32.min, -1, 0, 1, Int32.max] {
      #expect(try roundTrip({ $0.writeInt32(field: 9, value) }, { try $0.readInt32() }) == value)
    }
    for value in [Int16.min, -1, 0, Int16.max] {
      #expect(try roundTrip({ $0.writeInt16(field: 9, value) }, { try $0.readInt16() }) == value)
    }
    for value in [Int8.min, -1, 0, Int8.max] {
      #expect(try roundTrip({ $0.writeInt8(field: 9, value) }, { try $0.readInt8() }) == value)
    }
  }

  @Test("unsigned integers")
  func unsigned() throws {
    for value in [UInt64.min, 1, 127, 128, 16_383, 16_384, UInt64(UInt32.max), UInt64.max - 1, UInt64.max] {
      #expect(try roundTrip({ $0.writeUInt64(field: 9, value) }, { try $0.readUInt64() }) == value)
      #expect(try roundTrip({ $0.writeUInt(field: 9, UInt(value)) }, { try $0.readUInt() }) == UInt(value))
    }
    for value in [UInt32.min, 1, UInt32.max] {
      #expect(try roundTrip({ $0.writeUInt32(field: 9, value) }, { try $0.readUInt32() }) == value)
    }
    for value in [UInt16.min, 1, UInt16.max] {
      #expect(try roundTrip({ $0.writeUInt16(field: 9, value) }, { try $0.readUInt16() }) == value)
    }
    for value in [UInt8.min, 1, UInt8.max] {
      #expect(try roundTrip({ $0.writeUInt8(field: 9, value) }, { try $0.readUInt8() }) == value)
    }
  }

  @Test("Bool, enum case numbers")
  func boolAndEnum() throws {
    for value in [false, true] {
      #expect(try roundTrip({ $0.writeBool(field: 9, value) }, { try $0.readBool() }) == value)
    }
    for number in [1, 2, 127, 128, 1_000_000, Int(Int32.max)] {
      #expect(try roundTrip({ $0.writeEnumCase(field: 9, number) }, { try $0.readEnumCase() }) == number)
    }
  }

  @Test("Float and Double, including NaN payloads, infinities, signed zero, subnormals")
  func floatingPoint() throws {
    let doubles: [Double] = [
      0, -0.0, 1, -1, .pi, .infinity, -.infinity, .nan, -.nan, .signalingNaN,
      Double(bitPattern: 0x7ff8_dead_beef_0001),
      .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
    ]
    for value in doubles {
      let decoded = try roundTrip({ $0.writeDouble(field: 9, value) }, { try $0.readDouble() })
      #expect(decoded.bitPattern == value.bitPattern)
    }
    let floats: [Float] = [
      0, -0.0, 1, .pi, .infinity, -.infinity, .nan, .signalingNaN, Float(bitPattern: 0x7fc1_2345),
      .leastNonzeroMagnitude, .greatestFiniteMagnitude,
    ]
    for value in floats {
      let decoded = try roundTrip({ $0.writeFloat(field: 9, value) }, { try $0.readFloat() })
      #expect(decoded.bitPattern == value.bitPattern)
    }
  }

  @Test("strings: empty, ASCII, multi-byte, emoji, NUL, long")
  func strings() throws {
    let strings = [
      "", "a", "ord_42", "héllo wörld", "日本語のテキスト", "🇨🇭👩‍👩‍👧‍👦", "nul\u{0}inside", "\u{FFFD}",
      String(repeating: "long ", count: 10_000),
    ]
    for value in strings {
      #expect(try roundTrip({ $0.writeString(field: 9, value) }, { try $0.readString() }) == value)
    }
    // A bridged or non-contiguous String is encoded the same way.
    let substring = "xx-héllo-xx".dropFirst(3).dropLast(3)
    #expect(
      try roundTrip({ $0.writeString(field: 9, String(substring)) }, { try $0.readString() }) == "héllo")
  }

  @Test("bytes: empty, all values, large; slice read does not copy the frame")
  func bytes() throws {
    let allValues = (0...255).map { UInt8($0) }
    for value in [[], [0], allValues, [UInt8](repeating: 0xab, count: 100_000)] as [[UInt8]] {
      #expect(try roundTrip({ $0.writeBytes(field: 9, value) }, { try $0.readBytes() }) == value)
    }
    // Reading from a slice of a larger buffer reports offsets from the slice's start.
    var writer = BinaryWriter()
    writer.writeBytes(field: 9, [1, 2, 3] as [UInt8])
    let frame = [0xff, 0xff] + writer.bytes + [0xee]
    var reader = BinaryReader(frame[2..<(frame.count - 1)])
    _ = try reader.nextField()
    #expect(Array(try reader.readBytesSlice()) == [1, 2, 3])
    #expect(reader.offset == writer.count)
  }

  @Test("Timestamp, Duration, UUID")
  func wellKnownTypes() throws {
    let dates = [
      Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1.5), Date(timeIntervalSince1970: -0.25),
      Date(timeIntervalSince1970: 1_795_000_000.123456), Date.distantPast, Date.distantFuture,
      Date(timeIntervalSinceReferenceDate: 812_345_678.987654),
    ]
    for date in dates {
      let decoded = try roundTrip({ $0.writeTimestamp(field: 9, date) }, { try $0.readTimestamp() })
      #expect(decoded == date, "\(date.timeIntervalSince1970) → \(decoded.timeIntervalSince1970)")
    }
    let parts = try roundTrip(
      { $0.writeTimestamp(field: 9, Date(timeIntervalSince1970: -1.25)) }, { try $0.readTimestampParts() })
    #expect(parts.seconds == -2 && parts.nanoseconds == 750_000_000)

    let durations: [Duration] = [
      .zero, .nanoseconds(1), .nanoseconds(-1), .milliseconds(-1500), .seconds(86_400 * 365 * 1000),
      .seconds(-3), .nanoseconds(999_999_999), .seconds(Int64.max / 2),
    ]
    for duration in durations {
      #expect(try roundTrip({ $0.writeDuration(field: 9, duration) }, { try $0.readDuration() }) == duration)
    }
    for uuid in [UUID(), UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))] {
      #expect(try roundTrip({ $0.writeUUID(field: 9, uuid) }, { try $0.readUUID() }) == uuid)
    }
  }

  @Test("lists, maps, optional elements, nested lists, empty containers")
  func containers() throws {
    let ints: [Int64] = [0, -1, .max, .min]
    #expect(
      try roundTrip(
        { $0.writeList(field: 9, ints) { $0.writeInt64($1) } }, { try $0.readList { try $0.readInt64() } })
        == ints)
    let doubles: [Double] = [1.5, -2, .infinity]
    #expect(
      try roundTrip(
        { $0.writeList(field: 9, doubles) { $0.writeDouble($1) } },
        { try $0.readList { try $0.readDouble() } }) == doubles)
    let empty: [String] = []
    #expect(
      try roundTrip(
        { $0.writeList(field: 9, empty) { $0.writeString($1) } }, { try $0.readList { try $0.readString() } })
        == empty)
    let nested: [[Int32]] = [[1, 2], [], [-3]]
    let decodedNested = try roundTrip(
      { $0.writeList(field: 9, nested) { writer, inner in writer.writeList(inner) { $0.writeInt32($1) } } },
      { try $0.readList { try $0.readList { try $0.readInt32() } } })
    #expect(decodedNested == nested)
    let map: [String: Int32] = ["a": 1, "b": -2, "": 0]
    let decodedMap = try roundTrip(
      {
        $0.writeMap(field: 9, map) {
          $0.writeString($1); $0.writeInt32($2)
        }
      },
      { try $0.readMap { reader in (try reader.readString(), try reader.readInt32()) } })
    #expect(decodedMap == map)
    let optionals: [String?] = ["a", nil, "", nil]
    let decodedOptionals = try roundTrip(
      {
        $0.writeList(field: 9, optionals) {
          $0.writeOptionalElement($1, wireType: .lengthDelimited) { $0.writeString($1) }
        }
      },
      { try $0.readList { try $0.readOptionalElement { try $0.readString() } } })
    #expect(decodedOptionals == optionals)
    let uuidMap: [UUID: [Bool]] = [UUID(): [true, false], UUID(): []]
    let decodedUUIDMap = try roundTrip(
      {
        $0.writeMap(field: 9, uuidMap) { writer, key, value in
          writer.writeUUID(key); writer.writeList(value) { $0.writeBool($1) }
        }
      },
      { try $0.readMap { reader in (try reader.readUUID(), try reader.readList { try $0.readBool() }) } })
    #expect(decodedUUIDMap == uuidMap)
  }

  @Test("the 21-field sample order")
  func sampleOrder() throws {
    let bytes = SampleOrder.example.encoded()
    #expect(try SampleOrder.decode(bytes) == SampleOrder.example)
    var withoutOptionals = SampleOrder.example
    withoutOptionals.note = nil
    withoutOptionals.payment = nil
    withoutOptionals.items = []
    withoutOptionals.labels = [:]
    #expect(try SampleOrder.decode(withoutOptionals.encoded()) == withoutOptionals)
    // Encoding is deterministic (maps are written sorted by the sample encoder).
    #expect(SampleOrder.example.encoded() == bytes)
  }

  @Test("seeded random values of every scalar type round-trip")
  func randomValues() throws {
    var random = CodecRandom(seed: 0x5eed)
    for _ in 0..<2_000 {
      let bits = random.next() >> (random.next() % 64)
      let signed = Int64(bitPattern: bits) * (random.next() % 2 == 0 ? 1 : -1)
      #expect(try roundTrip({ $0.writeInt64(field: 9, signed) }, { try $0.readInt64() }) == signed)
      #expect(try roundTrip({ $0.writeUInt64(field: 9, bits) }, { try $0.readUInt64() }) == bits)
      let double = Double(bitPattern: random.next())
      #expect(
        try roundTrip({ $0.writeDouble(field: 9, double) }, { try $0.readDouble() }).bitPattern
          == double.bitPattern)
    }
  }
}
