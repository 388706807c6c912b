/// Comparisons whose running time does not depend on the bytes compared.
///
/// Use these for secrets and authentication codes so that an attacker who can time the comparison
/// learns nothing about how many leading bytes matched.
public enum ConstantTime {
  /// Returns whether `lhs` and `rhs` hold the same bytes, in time that depends only on their lengths.
  ///
  /// Unequal lengths return `false` at once (lengths are not secret: authentication codes have a
  /// fixed size).
  ///
  /// ```swift
  /// guard ConstantTime.equals(receivedTag, expectedTag) else { throw … }
  /// ```
  public static func equals<LHS: Collection, RHS: Collection>(_ lhs: LHS, _ rhs: RHS) -> Bool
  where LHS.Element == UInt8, RHS.Element == UInt8 {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for (left, right) in zip(lhs, rhs) {
      difference |= left ^ right
    }
    return isZero(difference)
  }

  /// Returns whether `value` is zero without a data-dependent branch on its bits.
  @inline(never)
  private static func isZero(_ value: UInt8) -> Bool {
    // (value - 1) has its top bit set exactly when value == 0 (as a 16-bit computation).
    let widened = UInt16(value) &- 1
    return (widened >> 15) == 1
  }
}
