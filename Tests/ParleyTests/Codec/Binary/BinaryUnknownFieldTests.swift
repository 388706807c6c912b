import Parley
import Testing

@Suite("Binary codec: unknown fields are skipped (old readers accept newer writers)")
struct BinaryUnknownFieldTests {
  /// Money as a newer writer sends it: the known fields interleaved with unknown ones.
  private func newerMoney(_ writeUnknown: (inout BinaryWriter) -> Void) -> [UInt8] {
    var writer = BinaryWriter()
    writeUnknown(&writer)
    writer.writeInt64(field: 1, 1999)
    writeUnknown(&writer)
    writer.writeString(field: 2, "EUR")
    writeUnknown(&writer)
    return writer.bytes
  }

  @Test(
    "an unknown field of each wire type, before, between and after known fields",
    arguments: [
      ("varint", { @Sendable (writer: inout BinaryWriter) in writer.writeUInt64(field: 99, .max) }),
      ("varint, one byte", { @Sendable (writer: inout BinaryWriter) in writer.writeBool(field: 3, true) }),
      ("fixed32", { @Sendable (writer: inout BinaryWriter) in writer.writeFloat(field: 100, .nan) }),
      ("fixed64", { @Sendable (writer: inout BinaryWriter) in writer.writeDouble(field: 101, -1) }),
      (
        "length-delimited",
        { @Sendable (writer: inout BinaryWriter) in writer.writeString(field: 102, "new") }
      ),
      (
        "empty length-delimited",
        { @Sendable (writer: inout BinaryWriter) in writer.writeBytes(field: 7, [UInt8]()) }
      ),
      (
        "nested message",
        { @Sendable (writer: inout BinaryWriter) in
          writer.writeMessage(field: 103) { inner in
            inner.writeMessage(field: 1) { $0.writeString(field: 1, String(repeating: "z", count: 300)) }
          }
        }
      ),
      (
        "highest field number",
        { @Sendable (writer: inout BinaryWriter) in writer.writeFloat(field: BinaryField.maximumNumber, 1) }
      ),
    ] as [(String, @Sendable (inout BinaryWriter) -> Void)])
  func skipsUnknown(name: String, writeUnknown: @Sendable (inout BinaryWriter) -> Void) throws {
    var reader = BinaryReader(newerMoney(writeUnknown))
    let money = try SampleMoney(from: &reader)
    #expect(money == SampleMoney(amountMinor: 1999, currency: "EUR"), "\(name)")
    #expect(reader.isAtEnd)
  }

  @Test("skip(wireType) passes over exactly one bare value of each wire type")
  func bareSkip() throws {
    var writer = BinaryWriter()
    writer.writeVarint(300)
    writer.writeFixed32(7)
    writer.writeFixed64(8)
    writer.writeBytes([1, 2, 3] as [UInt8])
    writer.writeVarint(42)
    var reader = BinaryReader(writer.bytes)
    try reader.skip(.varint)
    #expect(reader.offset == 2)
    try reader.skip(.fixed32)
    #expect(reader.offset == 6)
    try reader.skip(.fixed64)
    #expect(reader.offset == 14)
    try reader.skip(.lengthDelimited)
    #expect(reader.offset == 18)
    #expect(try reader.readVarint() == 42)
  }

  @Test("an unknown enum case number and an unknown union variant are kept, not errors")
  func openEnumsAndUnions() throws {
    var order = SampleOrder.example
    order.status = .unknown(77)
    let decoded = try SampleOrder.decode(order.encoded())
    #expect(decoded.status == .unknown(77))

    var writer = BinaryWriter()
    writer.writeMessage(field: 5) { $0.writeString(field: 9, "a variant from the future") }
    var reader = BinaryReader(writer.bytes)
    _ = try reader.nextField()
    #expect(try reader.readMessage { try SamplePayment(from: &$0) } == .unknown(9))
  }

  @Test("a newer sample order with unknown fields everywhere decodes to the same value")
  func newerOrder() throws {
    var writer = BinaryWriter()
    SampleOrder.example.encode(to: &writer)
    writer.writeString(field: 1000, "added in version 4")
    writer.writeMessage(field: 1001) { SampleOrder.example.encode(to: &$0) }
    writer.writeList(field: 1002, [1, 2, 3] as [Int32]) { $0.writeInt32($1) }
    #expect(try SampleOrder.decode(writer.bytes) == SampleOrder.example)
  }

  @Test("a list field that occurs twice is appended to")
  func repeatedListField() throws {
    var writer = BinaryWriter()
    SampleOrder.example.encode(to: &writer)
    writer.writeList(field: 13, [7, 8] as [Int32]) { $0.writeInt32($1) }
    let decoded = try SampleOrder.decode(writer.bytes)
    #expect(decoded.quantities == SampleOrder.example.quantities + [7, 8])
  }
}
