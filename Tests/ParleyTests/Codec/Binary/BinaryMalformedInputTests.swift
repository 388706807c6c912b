import Parley
import Testing

@Suite("Binary codec: malformed input throws with an offset, never traps")
struct BinaryMalformedInputTests {
  /// Decodes `bytes` as a sample order and returns the error, if any.
  private func decodingError(_ bytes: [UInt8]) -> BinaryDecodingError? {
    do {
      _ = try SampleOrder.decode(bytes)
      return nil
    } catch let error as BinaryDecodingError {
      return error
    } catch {
      Issue.record("unexpected error type \(error)")
      return nil
    }
  }

  @Test("every proper prefix of an encoding throws")
  func truncationAtEveryByte() {
    let bytes = SampleOrder.example.encoded()
    for length in 0..<bytes.count {
      let error = decodingError(Array(bytes.prefix(length)))
      #expect(error != nil, "prefix of \(length) bytes decoded")
      if let error {
        #expect(error.offset <= length, "offset \(error.offset) beyond the \(length)-byte input")
      }
    }
  }

  @Test("typed reads of every kind at every truncation point throw")
  func truncatedValues() {
    let values: [(String, [UInt8], (inout BinaryReader) throws -> Void)] = [
      ("varint", [0xff, 0xff, 0x01], { _ = try $0.readUInt64() }),
      ("fixed32", [0, 0, 0x80, 0x3f], { _ = try $0.readFloat() }),
      ("fixed64", [0, 0, 0, 0, 0, 0, 0xf0, 0x3f], { _ = try $0.readDouble() }),
      ("string", [3, 0x61, 0x62, 0x63], { _ = try $0.readString() }),
      ("uuid", [16] + [UInt8](repeating: 1, count: 16), { _ = try $0.readUUID() }),
      ("timestamp", [4, 0x08, 0x02, 0x10, 0x00], { _ = try $0.readTimestamp() }),
    ]
    for (name, bytes, read) in values {
      var whole = BinaryReader(bytes)
      #expect(throws: Never.self, "\(name) whole") { try read(&whole) }
      for length in 0..<bytes.count {
        var reader = BinaryReader(Array(bytes.prefix(length)))
        #expect(throws: BinaryDecodingError.self, "\(name) cut to \(length)") { try read(&reader) }
      }
    }
  }

  @Test(
    "specific malformations give specific errors",
    arguments: [
      (
        "eleven-byte varint", [0x78] + [UInt8](repeating: 0xff, count: 10) + [0x01],
        BinaryDecodingError.Reason.varintTooLong, 1
      ),
      ("varint overflowing 64 bits", [0x78] + [UInt8](repeating: 0xff, count: 9) + [0x02], .varintTooLong, 1),
      ("field number 0", [0x00, 0x01], .fieldNumberZero, 0),
      ("wire type 3 (group)", [0x0b], .invalidWireType(3, field: 1), 0),
      ("wire type 7", [0x0f], .invalidWireType(7, field: 1), 0),
      ("tag above 32 bits", [0x80, 0x80, 0x80, 0x80, 0x80, 0x01], .invalidTag(1 << 35), 0),
      ("length past the end", [0x0a, 0x05, 0x61], .lengthExceedsRemaining(length: 5, remaining: 1), 1),
      (
        "huge length is refused before allocating", [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f],
        .lengthExceedsRemaining(length: 4_294_967_295, remaining: 0), 1
      ),
      ("invalid UTF-8", [0x0a, 0x02, 0xc3, 0x28], .invalidUTF8, 1),
      (
        "string field sent as varint", [0x08, 0x01],
        .wireTypeMismatch(field: 1, expected: .lengthDelimited, found: .varint), 1
      ),
      (
        "Int8 out of range", [0x0a, 0x00, 0xa8, 0x01, 0x80, 0x02],
        .valueOutOfRange(type: "Int8", value: "128"), 4
      ),
      (
        "UUID of 15 bytes", [0x0a, 0x00, 0x52, 0x0f] + [UInt8](repeating: 0, count: 15),
        .invalidUUIDLength(15), 3
      ),
      (
        "timestamp nanoseconds ≥ 10⁹", [0x0a, 0x00, 0x42, 0x06, 0x10, 0x80, 0x94, 0xeb, 0xdc, 0x03],
        .invalidNanoseconds(1_000_000_000), 5
      ),
      ("missing required field", [0x0a, 0x00], .missingRequiredField("items"), 2),
    ] as [(String, [UInt8], BinaryDecodingError.Reason, Int)])
  func specificErrors(name: String, bytes: [UInt8], reason: BinaryDecodingError.Reason, offset: Int) {
    let error = decodingError(bytes)
    #expect(error?.reason == reason, "\(name): \(String(describing: error))")
    #expect(error?.offset == offset, "\(name): \(String(describing: error))")
  }

  @Test("errors inside list elements carry the field path")
  func pathOfNestedError() throws {
    var writer = BinaryWriter()
    writer.writeString(field: 1, "ord_1")
    writer.writeList(field: 2, [0, 1]) { writer, index in
      writer.writeMessage { item in
        item.writeString(field: 1, "SKU")
        item.writeInt32(field: 2, 1)
        if index == 0 {
          item.writeMessage(field: 3) {
            $0.writeInt64(field: 1, 1)
            $0.writeString(field: 2, "EUR")
          }
        } else {
          item.writeMessage(field: 3) { $0.writeInt64(field: 1, 1) }
        }
      }
    }
    let error = try #require(decodingError(writer.bytes))
    #expect(error.reason == .missingRequiredField("currency"))
    #expect(error.path == ["items", "[1]"])
    #expect(error.description.hasPrefix("items[1]: byte "))
    #expect(error.description.hasSuffix("required field 'currency' is missing"))
  }

  @Test("a union with zero or two variants is refused")
  func badUnions() {
    for body in [[], [0x18, 0x02, 0x18, 0x04]] as [[UInt8]] {
      var reader = BinaryReader([UInt8(body.count)] + body)
      #expect(throws: BinaryDecodingError.self) { try reader.readMessage { try SamplePayment(from: &$0) } }
    }
  }

  @Test("nesting deeper than the limit throws instead of overflowing the stack")
  func depthLimit() throws {
    // 10,000 levels of { field 1: { field 1: … } }, built inside out.
    var bytes: [UInt8] = []
    for _ in 0..<10_000 {
      var writer = BinaryWriter()
      writer.writeBytes(field: 1, bytes)
      bytes = writer.bytes
    }
    func descend(_ reader: inout BinaryReader) throws -> Int {
      var deepest = 0
      while let field = try reader.nextField() {
        if field.wireType == .lengthDelimited {
          deepest = max(deepest, 1 + (try reader.readMessage { try descend(&$0) }))
        } else {
          try reader.skipField()
        }
      }
      return deepest
    }
    var reader = BinaryReader(bytes)
    #expect(throws: BinaryDecodingError.self) { try descend(&reader) }
    // Within a raised limit, the same shape decodes (150 levels: the test's own recursion is the
    // bound here, not the reader).
    var moderate: [UInt8] = []
    for _ in 0..<150 {
      var writer = BinaryWriter()
      writer.writeBytes(field: 1, moderate)
      moderate = writer.bytes
    }
    var shallow = BinaryReader(moderate, maximumDepth: 200)
    #expect(try descend(&shallow) == 150)
    var limited = BinaryReader(bytes)
    do {
      _ = try descend(&limited)
    } catch let error as BinaryDecodingError {
      #expect(error.reason == .nestingTooDeep(limit: BinaryReader.defaultMaximumDepth))
    }
  }

  @Test("error descriptions are readable")
  func descriptions() {
    let error = BinaryDecodingError(
      .wireTypeMismatch(field: 2, expected: .lengthDelimited, found: .varint), offset: 41
    )
    .prefixingPath("price").prefixingPath("[3]").prefixingPath("items")
    #expect(
      error.description == "items[3].price: byte 41: field 2 has wire type varint; expected length-delimited")
    #expect(
      BinaryDecodingError(.truncated(needed: 4, available: 1), offset: 9).description
        == "byte 9: input ends early: 4 more bytes needed, 1 available")
  }
}
