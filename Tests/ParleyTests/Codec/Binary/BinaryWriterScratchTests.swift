import Testing

@testable import Parley

/// A message type whose encoding has a chosen size, to cross the 1 KiB stack scratch buffer.
private struct Blob: ParleyBinaryMessage, Equatable {
  var text: String
  var numbers: [UInt64]

  init(text: String, numbers: [UInt64]) {
    self.text = text
    self.numbers = numbers
  }

  init(parleyBinary reader: inout BinaryReader) throws {
    text = ""
    numbers = []
    while let field = try reader.nextField() {
      switch field.number {
      case 1: text = try reader.readString()
      case 2: try reader.readList(into: &numbers) { try $0.readUInt64() }
      default: try reader.skipField()
      }
    }
  }

  func encodeParleyBinary(to writer: inout BinaryWriter) {
    writer.writeString(field: 1, text)
    writer.writeList(field: 2, numbers) { $0.writeUInt64($1) }
  }
}

/// ``BinaryWriter/withScratch(_:)`` writes on the stack first and moves to the heap when the message
/// outgrows 1 KiB; the bytes must be the same as an ordinary writer's either way.
@Suite struct BinaryWriterScratchTests {
  @Test(arguments: [0, 1, 500, 1000, 1017, 1018, 1024, 1025, 4000, 100_000])
  func scratchEncodingEqualsHeapEncoding(textLength: Int) throws {
    let blob = Blob(
      text: String(repeating: "é", count: textLength / 2),
      numbers: (0..<UInt64(textLength % 97)).map { $0 << 40 })
    var heap = BinaryWriter()
    blob.encodeParleyBinary(to: &heap)
    let expected = heap.bytes
    #expect(blob.parleyBinaryBytes == expected)
    #expect(try Blob(parleyBinaryBytes: blob.parleyBinaryBytes) == blob)
  }

  @Test func aScratchWriterGrowsNestedMessagesAcrossTheBoundary() {
    // A nested message whose length is patched after the writer moved to the heap.
    let expected: [UInt8] = {
      var writer = BinaryWriter()
      writer.writeMessage(field: 3) { $0.writeBytes(field: 1, [UInt8](repeating: 7, count: 3000)) }
      writer.writeString(field: 4, "tail")
      return writer.bytes
    }()
    let scratch = BinaryWriter.withScratch { writer in
      writer.writeString(field: 1, String(repeating: "a", count: 1000))
      writer.removeAll()
      writer.writeMessage(field: 3) { $0.writeBytes(field: 1, [UInt8](repeating: 7, count: 3000)) }
      writer.writeString(field: 4, "tail")
      return writer.bytes
    }
    #expect(scratch == expected)
  }

  @Test func envelopesWithLargeHeadersEncodeThroughTheScratchBuffer() throws {
    // Header fields (context chain) far beyond 1 KiB before the payload, and a large error after it.
    let codec = BinaryEnvelopeCodec()
    var envelope = Envelope.call(
      id: 9, contract: "shop.orders", contractVersion: 2, service: "OrderService", method: "getOrder",
      timeoutMs: 500,
      context: CallContext(root: "0123456789abcdef", chain: (0..<200).map { "service-\($0)" }, depth: 200),
      payload: [UInt8](repeating: 0x41, count: 5000))
    envelope.credit = 3
    var bytes = FrameEncoder.begin()
    codec.encode(envelope, into: &bytes)
    FrameEncoder.finish(&bytes)
    let decoded = try codec.decode(Array(bytes[4...]))
    #expect(sameEnvelope(decoded, envelope))

    var reply = Envelope.reply(
      id: 9, error: ParleyError(.validationFailed, String(repeating: "why ", count: 600), mayHaveRun: false))
    reply.credit = 1
    var replyBytes: [UInt8] = []
    codec.encode(reply, into: &replyBytes)
    #expect(sameEnvelope(try codec.decode(replyBytes), reply))
  }
}
