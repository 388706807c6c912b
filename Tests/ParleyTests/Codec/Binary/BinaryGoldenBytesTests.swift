import Foundation
import Parley
import Testing

/// One byte-exact example of docs/binary-codec.md: how it is written, and the bytes.
struct GoldenEncoding: Sendable, CustomStringConvertible {
  let name: String
  let hex: String
  let write: @Sendable (inout BinaryWriter) -> Void
  var description: String { name }
}

/// The examples of docs/binary-codec.md, so that the document cannot drift from the code.
@Suite("Binary codec: golden bytes of the format document")
struct BinaryGoldenBytesTests {
  static let examples: [GoldenEncoding] = [
    GoldenEncoding(name: "varint 1", hex: "01") { $0.writeUInt64(1) },
    GoldenEncoding(name: "varint 127", hex: "7f") { $0.writeUInt64(127) },
    GoldenEncoding(name: "varint 128", hex: "80 01") { $0.writeUInt64(128) },
    GoldenEncoding(name: "varint 300", hex: "ac 02") { $0.writeUInt64(300) },
    GoldenEncoding(name: "UInt64.max", hex: "ff ff ff ff ff ff ff ff ff 01") { $0.writeUInt64(.max) },
    GoldenEncoding(name: "zigzag 0", hex: "00") { $0.writeInt32(0) },
    GoldenEncoding(name: "zigzag -1", hex: "01") { $0.writeInt32(-1) },
    GoldenEncoding(name: "zigzag 1", hex: "02") { $0.writeInt32(1) },
    GoldenEncoding(name: "zigzag -2", hex: "03") { $0.writeInt32(-2) },
    GoldenEncoding(name: "Int32.max", hex: "fe ff ff ff 0f") { $0.writeInt32(.max) },
    GoldenEncoding(name: "Int32.min", hex: "ff ff ff ff 0f") { $0.writeInt32(.min) },
    GoldenEncoding(name: "Int64.max", hex: "fe ff ff ff ff ff ff ff ff 01") { $0.writeInt64(.max) },
    GoldenEncoding(name: "Int64.min", hex: "ff ff ff ff ff ff ff ff ff 01") { $0.writeInt64(.min) },
    GoldenEncoding(name: "tag 1 varint", hex: "08") { $0.writeTag(field: 1, wireType: .varint) },
    GoldenEncoding(name: "tag 2 length-delimited", hex: "12") {
      $0.writeTag(field: 2, wireType: .lengthDelimited)
    },
    GoldenEncoding(name: "tag 16 varint", hex: "80 01") { $0.writeTag(field: 16, wireType: .varint) },
    GoldenEncoding(name: "tag 536870911 fixed32", hex: "fd ff ff ff 0f") {
      $0.writeTag(field: BinaryField.maximumNumber, wireType: .fixed32)
    },
    GoldenEncoding(name: "Money{amountMinor: 1999, currency: EUR}", hex: "08 9e 1f 12 03 45 55 52") {
      $0.writeInt64(field: 1, 1999)
      $0.writeString(field: 2, "EUR")
    },
    GoldenEncoding(name: "Bool true, field 7", hex: "38 01") { $0.writeBool(field: 7, true) },
    GoldenEncoding(name: "Bool false, field 7 (written although default)", hex: "38 00") {
      $0.writeBool(field: 7, false)
    },
    GoldenEncoding(name: "Double 2.75, field 11", hex: "59 00 00 00 00 00 00 06 40") {
      $0.writeDouble(field: 11, 2.75)
    },
    GoldenEncoding(name: "Float 0.5, field 12", hex: "65 00 00 00 3f") { $0.writeFloat(field: 12, 0.5) },
    GoldenEncoding(name: "String héllo, field 1", hex: "0a 06 68 c3 a9 6c 6c 6f") {
      $0.writeString(field: 1, "héllo")
    },
    GoldenEncoding(name: "empty String, field 1", hex: "0a 00") { $0.writeString(field: 1, "") },
    GoldenEncoding(name: "Bytes de ad, field 17", hex: "8a 01 02 de ad") {
      $0.writeBytes(field: 17, [0xde, 0xad] as [UInt8])
    },
    GoldenEncoding(name: "enum case 2, field 4", hex: "20 02") { $0.writeEnumCase(field: 4, 2) },
    GoldenEncoding(name: "packed [Int32] [1, -1, 300], field 13", hex: "6a 04 02 01 d8 04") {
      $0.writeList(field: 13, [1, -1, 300] as [Int32]) { $0.writeInt32($1) }
    },
    GoldenEncoding(name: "empty list, field 13", hex: "6a 00") {
      $0.writeList(field: 13, [] as [Int32]) { $0.writeInt32($1) }
    },
    GoldenEncoding(name: "[String] [a, bc], field 19", hex: "9a 01 05 01 61 02 62 63") {
      $0.writeList(field: 19, ["a", "bc"]) { $0.writeString($1) }
    },
    GoldenEncoding(name: "[Money] one element, field 2", hex: "12 06 05 08 02 12 01 58") {
      $0.writeList(field: 2, [1]) { writer, _ in
        writer.writeMessage { money in
          money.writeInt64(field: 1, 1)
          money.writeString(field: 2, "X")
        }
      }
    },
    GoldenEncoding(name: "[String: String] [k: v], field 6", hex: "32 04 01 6b 01 76") {
      $0.writeMap(field: 6, [(key: "k", value: "v")]) { writer, key, value in
        writer.writeString(key)
        writer.writeString(value)
      }
    },
    GoldenEncoding(name: "[String?] [a, nil], field 3", hex: "1a 05 03 0a 01 61 00") {
      $0.writeList(field: 3, ["a", nil] as [String?]) { writer, element in
        writer.writeOptionalElement(element, wireType: .lengthDelimited) { $0.writeString($1) }
      }
    },
    GoldenEncoding(name: "union variant 3 voucher(7), field 5", hex: "2a 02 18 0e") {
      $0.writeMessage(field: 5) { $0.writeInt32(field: 3, 7) }
    },
    GoldenEncoding(name: "Timestamp 1970-01-01T00:00:01.5Z, field 8", hex: "42 08 08 02 10 80 ca b5 ee 01") {
      $0.writeTimestamp(field: 8, Date(timeIntervalSince1970: 1.5))
    },
    GoldenEncoding(name: "Timestamp before 1970: -0.5 s", hex: "42 08 08 01 10 80 ca b5 ee 01") {
      $0.writeTimestamp(field: 8, Date(timeIntervalSince1970: -0.5))
    },
    GoldenEncoding(name: "Duration -1.5 s, field 9", hex: "4a 08 08 03 10 80 ca b5 ee 01") {
      $0.writeDuration(field: 9, .milliseconds(-1500))
    },
    GoldenEncoding(name: "Duration 0", hex: "4a 04 08 00 10 00") { $0.writeDuration(field: 9, .zero) },
    GoldenEncoding(
      name: "UUID 12345678-9abc-def0-0123-456789abcdef, field 10",
      hex: "52 10 12 34 56 78 9a bc de f0 01 23 45 67 89 ab cd ef"
    ) {
      $0.writeUUID(field: 10, UUID(uuidString: "12345678-9ABC-DEF0-0123-456789ABCDEF") ?? UUID())
    },
  ]

  @Test("the LineItem of §6 and the complete Order of §13")
  func documentedMessages() throws {
    let item = SampleLineItem(
      sku: "SKU-1", quantity: 2, price: SampleMoney(amountMinor: 1999, currency: "EUR"))
    var itemWriter = BinaryWriter()
    item.encode(to: &itemWriter)
    #expect(Hex.string(itemWriter.bytes) == "0a05534b552d3110041a08089e1f1203455552")

    var orderWriter = BinaryWriter()
    orderWriter.writeString(field: 1, "ord_42")
    orderWriter.writeList(field: 2, [item]) { writer, item in writer.writeMessage { item.encode(to: &$0) } }
    orderWriter.writeEnumCase(field: 4, 2)
    let expected = Hex.bytes(
      """
      0a 06 6f 72 64 5f 34 32
      12 14 13 0a 05 53 4b 55 2d 31 10 04 1a 08 08 9e 1f 12 03 45 55 52
      20 02
      """)
    #expect(orderWriter.bytes == expected)

    var reader = BinaryReader(expected)
    var items: [SampleLineItem] = []
    var status = 0
    while let field = try reader.nextField() {
      switch field.number {
      case 2: items = try reader.readList { try $0.readMessage { try SampleLineItem(from: &$0) } }
      case 4: status = try reader.readEnumCase()
      default: try reader.skipField()
      }
    }
    #expect(items == [item])
    #expect(status == 2)
  }

  @Test("encodes byte for byte as documented", arguments: examples)
  func golden(example: GoldenEncoding) {
    var writer = BinaryWriter()
    example.write(&writer)
    #expect(Hex.string(writer.bytes) == Hex.string(Hex.bytes(example.hex)))
  }

  @Test("a nested message of 128 bytes or more gets a two-byte length, body moved once")
  func longNestedMessage() {
    var writer = BinaryWriter()
    writer.writeMessage(field: 1) { $0.writeString(field: 1, String(repeating: "x", count: 200)) }
    let bytes = writer.bytes
    // outer: tag 0a, length 203 = cb 01; inner: tag 0a, length 200 = c8 01, then 200 × 'x'.
    #expect(Array(bytes.prefix(6)) == [0x0a, 0xcb, 0x01, 0x0a, 0xc8, 0x01])
    #expect(bytes.count == 3 + 203)
    #expect(bytes.dropFirst(6).allSatisfy { $0 == UInt8(ascii: "x") })
    // Lengths straddling the one-byte boundary.
    for size in [125, 126, 127, 128, 129, 16_383, 16_384, 70_000] {
      var writer = BinaryWriter()
      writer.writeMessage(field: 1) { $0.writeBytes(field: 2, [UInt8](repeating: 7, count: size)) }
      var reader = BinaryReader(writer.bytes)
      let decoded = try? reader.nextField().flatMap { _ in
        try reader.readMessage { inner -> [UInt8]? in
          _ = try inner.nextField()
          return try inner.readBytes()
        }
      }
      #expect(decoded == [UInt8](repeating: 7, count: size), "size \(size)")
      #expect(
        writer.count == 1 + BinaryWriter.varintSize(UInt64(size + 1 + BinaryWriter.varintSize(UInt64(size))))
          + 1 + BinaryWriter.varintSize(UInt64(size)) + size)
    }
  }

  @Test("varintSize matches the encoding length")
  func varintSizes() {
    var random = CodecRandom(seed: 7)
    for shift in 0..<64 {
      for value in [UInt64(1) << shift, (UInt64(1) << shift) &- 1, random.next() >> shift] {
        var writer = BinaryWriter()
        writer.writeVarint(value)
        #expect(writer.count == BinaryWriter.varintSize(value))
      }
    }
  }
}
