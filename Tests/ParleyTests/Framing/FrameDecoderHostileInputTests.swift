import Parley
import Testing

/// Length prefixes at the edges, and decoders configured with limits at the edges.
@Suite struct FrameDecoderHostileInputTests {
  /// A negative or zero maximum frame size (a configuration mistake) used to trap on the first
  /// frame (`UInt64(maxFrameSize)`: "Negative value is not representable"); every frame is now
  /// refused as too large.
  @Test(arguments: [-1, Int.min, 0])
  func aLimitBelowOneRefusesEveryFrame(_ maximum: Int) {
    var decoder = FrameDecoder(maxFrameSize: maximum)
    #expect(throws: FramingError.frameTooLarge(declared: 1, maximum: maximum)) {
      try decoder.feed([0, 0, 0, 1, 0x7B]) { _ in }
    }
  }

  /// The largest declarable length is refused at once, without allocating it, whether the prefix
  /// arrives whole or a byte at a time; a limit of Int.max accepts any declared length.
  @Test func theLargestLengthsAreRefusedBeforeAnyAllocation() throws {
    var whole = FrameDecoder(maxFrameSize: 16 << 20)
    #expect(throws: FramingError.frameTooLarge(declared: UInt32.max, maximum: 16 << 20)) {
      try whole.feed([0xFF, 0xFF, 0xFF, 0xFF]) { _ in }
    }
    var split = FrameDecoder(maxFrameSize: 16 << 20)
    #expect(throws: FramingError.self) {
      for byte: UInt8 in [0x01, 0x00, 0x00, 0x01] { try split.feed([byte]) { _ in } }
    }
    var unlimited = FrameDecoder(maxFrameSize: Int.max)
    var bodies = 0
    try unlimited.feed([0, 0, 0, 2, 0x31, 0x32, 0, 0, 0, 1]) { _ in bodies += 1 }
    #expect(bodies == 1)
    #expect(unlimited.bufferedByteCount == 4)
  }
}
