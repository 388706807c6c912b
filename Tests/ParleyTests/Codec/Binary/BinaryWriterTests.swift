import Parley
import Testing

@Suite("Binary codec: the writer's buffer")
struct BinaryWriterTests {
  @Test("growth from a tiny capacity keeps every byte; removeAll reuses the buffer")
  func growthAndReuse() {
    var writer = BinaryWriter(capacity: 1)
    var expected: [UInt8] = []
    for index in 0..<10_000 {
      writer.writeUInt64(UInt64(index) * 1_000_003)
      var single = BinaryWriter()
      single.writeVarint(UInt64(index) * 1_000_003)
      expected += single.bytes
    }
    #expect(writer.bytes == expected)
    #expect(writer.count == expected.count)
    writer.withUnsafeBytes { #expect(Array($0) == expected) }
    writer.removeAll()
    #expect(writer.count == 0)
    writer.reserveCapacity(100_000)
    writer.writeString(field: 1, "again")
    #expect(writer.finish() == [0x0a, 0x05] + Array("again".utf8))
  }

  @Test("bytes from any collection: arrays, slices, non-contiguous sequences")
  func bytesFromCollections() {
    var writer = BinaryWriter()
    let array: [UInt8] = [1, 2, 3, 4]
    writer.writeBytes(field: 1, array)
    writer.writeBytes(field: 1, array[1...2])
    writer.writeBytes(field: 1, (5...7).map { UInt8($0) }.lazy.reversed())
    #expect(writer.bytes == [0x0a, 4, 1, 2, 3, 4, 0x0a, 2, 2, 3, 0x0a, 3, 7, 6, 5])
  }
}
