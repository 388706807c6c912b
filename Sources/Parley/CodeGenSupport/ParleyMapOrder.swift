#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The order in which generated binary encoders write map entries, so that equal maps always give
/// identical bytes whatever their insertion order (`docs/binary-codec.md` §8): keys ascending,
/// strings by their UTF-8 bytes, integers by value, UUIDs by their 16 bytes, enums by case number.
///
/// ```swift
/// writer.writeMap(field: 6, labels.sorted { Parley.ParleyMapOrder.precedes($0.key, $1.key) }) { … }
/// ```
public enum ParleyMapOrder {
  /// Whether `a` comes before `b`: byte-wise comparison of the UTF-8 encodings (never
  /// locale-aware, and the same in every language).
  @inlinable
  public static func precedes(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
  }

  /// Whether `a` comes before `b`: by value.
  @inlinable
  public static func precedes<Key: BinaryInteger>(_ a: Key, _ b: Key) -> Bool {
    a < b
  }

  /// Whether `a` comes before `b`: byte-wise comparison of the 16 bytes in network order.
  @inlinable
  public static func precedes(_ a: UUID, _ b: UUID) -> Bool {
    withUnsafeBytes(of: a.uuid) { left in
      withUnsafeBytes(of: b.uuid) { right in left.lexicographicallyPrecedes(right) }
    }
  }

  /// Whether `a` comes before `b`: by case number; an unknown case known only by its JSON name
  /// (number 0) comes first, ordered by name.
  @inlinable
  public static func precedes<Key: ParleyEnum>(_ a: Key, _ b: Key) -> Bool {
    let (left, right) = (a.parleyNumber, b.parleyNumber)
    if left != right { return left < right }
    return precedes(a.parleyName ?? "", b.parleyName ?? "")
  }
}
