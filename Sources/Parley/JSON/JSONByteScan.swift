/// Word-at-a-time tests for the JSON reader's and writer's string fast paths: eight bytes are
/// checked with a few integer operations instead of one comparison each.
enum JSONByteScan {
  private static let ones: UInt64 = 0x0101_0101_0101_0101
  private static let high: UInt64 = 0x8080_8080_8080_8080

  /// Whether any of the 8 bytes in `word` may be a control character, `"` or `\\` (false
  /// positives are allowed: the caller then looks at each byte; a byte that is one of them is
  /// never missed).
  @inline(__always)
  static func mayNeedEscaping(_ word: UInt64) -> Bool {
    let control = (word &- ones &* 0x20) & ~word & high
    let quote = word ^ (ones &* 0x22)
    let backslash = word ^ (ones &* 0x5C)
    let zeroInQuote = (quote &- ones) & ~quote & high
    let zeroInBackslash = (backslash &- ones) & ~backslash & high
    return control | zeroInQuote | zeroInBackslash != 0
  }

  /// Whether all 8 bytes in `word` are plain string content for the reader: ASCII, not a control
  /// character, `"` or `\\`.
  @inline(__always)
  static func isPlainASCII(_ word: UInt64) -> Bool {
    word & high == 0 && !mayNeedEscaping(word)
  }
}
