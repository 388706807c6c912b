import Parley
import Testing

@Suite struct FrameDecoderTests {
  private func frames(_ bodies: [String]) -> [UInt8] {
    bodies.flatMap { FrameEncoder.frame(utf8Bytes($0)) }
  }

  @Test func splitsAtEveryByteBoundary() throws {
    let stream = frames(["{\"a\":1}", "x", "hello world"])
    for split in 0...stream.count {
      var decoder = FrameDecoder(maxFrameSize: 1024)
      var received: [String] = []
      try decoder.feed(Array(stream[..<split])) { received.append(utf8Text($0)) }
      try decoder.feed(Array(stream[split...])) { received.append(utf8Text($0)) }
      #expect(received == ["{\"a\":1}", "x", "hello world"], "split at \(split)")
      try decoder.finish()
    }
    // And one byte at a time.
    var decoder = FrameDecoder(maxFrameSize: 1024)
    var count = 0
    for byte in stream { try decoder.feed([byte]) { _ in count += 1 } }
    #expect(count == 3)
  }

  @Test func thousandsOfFramesInOneChunk() throws {
    let stream = frames((0..<5000).map { "frame \($0)" })
    var decoder = FrameDecoder(maxFrameSize: 1024)
    var count = 0
    try decoder.feed(stream) { body in
      #expect(utf8Text(body) == "frame \(count)")
      count += 1
    }
    #expect(count == 5000)
  }

  @Test func oversizeLengthFailsWithoutBuffering() {
    var decoder = FrameDecoder(maxFrameSize: 1024)
    #expect(throws: FramingError.frameTooLarge(declared: 0xFFFF_FFFF, maximum: 1024)) {
      try decoder.feed([0xFF, 0xFF, 0xFF, 0xFF, 1, 2]) { _ in }
    }
    #expect(decoder.bufferedByteCount <= 6)
  }

  @Test func zeroLengthAndTruncation() throws {
    var decoder = FrameDecoder(maxFrameSize: 1024)
    #expect(throws: FramingError.emptyFrame) { try decoder.feed([0, 0, 0, 0]) { _ in } }
    var truncated = FrameDecoder(maxFrameSize: 1024)
    try truncated.feed([0, 0, 0, 5, 1, 2]) { _ in }
    #expect(throws: FramingError.truncated(buffered: 6)) { try truncated.finish() }
  }
}
