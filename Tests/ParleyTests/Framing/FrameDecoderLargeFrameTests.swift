import Parley
import Testing

/// Frames larger than any read: split over many chunks at seeded random boundaries, they come
/// out byte-exact and whole, and a cut-off one is reported with what was buffered.
@Suite struct FrameDecoderLargeFrameTests {
  private func body(size: Int, seed: UInt64) -> [UInt8] {
    var random = RuntimeRandom(seed: seed)
    return (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
  }

  @Test func largeFramesSplitAtRandomBoundariesArriveByteExact() throws {
    let bodies = [
      body(size: 3 * 1024 * 1024 + 17, seed: 1), body(size: 5, seed: 2), body(size: 300_001, seed: 3),
      body(size: 1, seed: 4), body(size: 1 << 20, seed: 5),
    ]
    let stream = bodies.flatMap { FrameEncoder.frame($0) }
    for seed in UInt64(1)...4 {
      var random = RuntimeRandom(seed: seed)
      var decoder = FrameDecoder(maxFrameSize: 4 * 1024 * 1024)
      var received: [[UInt8]] = []
      var offset = 0
      while offset < stream.count {
        // Mostly read-sized pieces, sometimes tiny ones that cut a length prefix.
        let size = random.next() % 4 == 0 ? Int(random.next() % 5) + 1 : Int(random.next() % 300_000) + 1
        let end = min(stream.count, offset + size)
        try decoder.feed(Array(stream[offset..<end])) { received.append($0) }
        offset = end
      }
      try decoder.finish()
      #expect(received.count == bodies.count, "seed \(seed)")
      #expect(received == bodies, "seed \(seed)")
    }
  }

  @Test func aCutOffLargeFrameReportsWhatWasBuffered() throws {
    var decoder = FrameDecoder(maxFrameSize: 1 << 20)
    let frame = FrameEncoder.frame(body(size: 100_000, seed: 9))
    try decoder.feed(Array(frame[0..<2])) { _ in Issue.record("no frame is complete") }
    try decoder.feed(Array(frame[2..<60_000])) { _ in Issue.record("no frame is complete") }
    #expect(decoder.bufferedByteCount == 60_000)
    #expect(throws: FramingError.truncated(buffered: 60_000)) { try decoder.finish() }
  }

  @Test func anOversizeLengthSplitAcrossChunksFailsBeforeAnyBody() throws {
    var decoder = FrameDecoder(maxFrameSize: 1024)
    try decoder.feed([0, 0]) { _ in }
    #expect(throws: FramingError.frameTooLarge(declared: 1025, maximum: 1024)) {
      try decoder.feed([0x04, 0x01, 9, 9]) { _ in }
    }
  }
}
