/// ZigZag mapping of signed to unsigned integers, so that small negative numbers get short varints.
///
/// `0 → 0, −1 → 1, 1 → 2, −2 → 3, …, Int64.max → 2⁶⁴ − 2, Int64.min → 2⁶⁴ − 1`.
public enum BinaryZigZag {
  /// Maps a signed value to its zigzag form: `(n << 1) ^ (n >> 63)`.
  @inlinable
  public static func encode(_ value: Int64) -> UInt64 {
    UInt64(bitPattern: (value << 1) ^ (value >> 63))
  }

  /// Maps a zigzag form back to the signed value: `(n >> 1) ^ −(n & 1)`.
  @inlinable
  public static func decode(_ value: UInt64) -> Int64 {
    Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
  }
}
