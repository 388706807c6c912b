/// Word-at-a-time tests for the JSON reader's and writer's string fast paths: eight bytes are
/// checked with a few integer operations instead of one comparison each.
enum JSONByteScan {
  private static let ones: UInt64 = 0x0101_0101_0101_0101
  private static let high: UInt64 = 0x8080_8080_8080_8080

  /// A mask with the high bit set in the lowest byte of `word` (in memory order, on a
  /// little-endian machine) that is a control character, `"` or `\\`, and possibly in bytes
  /// above it (the borrows that cause false positives only run upwards from a flagged byte).
  @inline(__always)
  private static func escapeCandidates(_ word: UInt64) -> UInt64 {
    let control = (word &- ones &* 0x20) & ~word & high
    let quote = word ^ (ones &* 0x22)
    let backslash = word ^ (ones &* 0x5C)
    let zeroInQuote = (quote &- ones) & ~quote & high
    let zeroInBackslash = (backslash &- ones) & ~backslash & high
    return control | zeroInQuote | zeroInBackslash
  }

  /// Whether any of the 8 bytes in `word` may be a control character, `"` or `\\` (false
  /// positives are allowed: the caller then looks at each byte; a byte that is one of them is
  /// never missed).
  @inline(__always)
  static func mayNeedEscaping(_ word: UInt64) -> Bool {
    escapeCandidates(word) != 0
  }

  /// A mask with the high bit set in the lowest byte of `word` (in memory order, on a
  /// little-endian machine) that is not plain string content for the reader (a control
  /// character, `"`, `\\` or a non-ASCII byte), and possibly in bytes above it; zero when all 8
  /// bytes are plain. The lowest set bit is exact.
  @inline(__always)
  static func irregularBytes(_ word: UInt64) -> UInt64 {
    escapeCandidates(word) | word & high
  }

  /// Whether all 8 bytes in `word` are plain string content for the reader: ASCII, not a control
  /// character, `"` or `\\`.
  @inline(__always)
  static func isPlainASCII(_ word: UInt64) -> Bool {
    word & high == 0 && !mayNeedEscaping(word)
  }
}
