/// The containers ``JSONReader/skipValue()`` has open, innermost last: one bit each (set for an
/// object, clear for an array), held inline so that skipping and validating never allocate.
///
/// It holds up to ``capacity`` levels (``JSONReader/maximumSupportedDepth``); ``push(object:)``
/// reports a full stack instead of trapping, and the reader turns that into a ``JSONError``.
struct JSONNestingStack {
  /// The most levels the stack holds.
  static let capacity = 256

  private var word0: UInt64 = 0
  private var word1: UInt64 = 0
  private var word2: UInt64 = 0
  private var word3: UInt64 = 0
  /// The number of open containers.
  private(set) var count = 0

  /// Whether no container is open.
  var isEmpty: Bool { count == 0 }

  /// Opens a container; returns `false` (and changes nothing) when ``capacity`` levels are open.
  @inline(__always)
  mutating func push(object: Bool) -> Bool {
    guard count < Self.capacity else { return false }
    let bit: UInt64 = 1 &<< UInt64(count & 63)
    switch count >> 6 {
    case 0: word0 = object ? word0 | bit : word0 & ~bit
    case 1: word1 = object ? word1 | bit : word1 & ~bit
    case 2: word2 = object ? word2 | bit : word2 & ~bit
    default: word3 = object ? word3 | bit : word3 & ~bit
    }
    count &+= 1
    return true
  }

  /// Whether the innermost open container is an object; `nil` when none is open.
  @inline(__always)
  var innermostIsObject: Bool? {
    guard count > 0 else { return nil }
    let index = count &- 1
    let word: UInt64
    switch index >> 6 {
    case 0: word = word0
    case 1: word = word1
    case 2: word = word2
    default: word = word3
    }
    return word & (1 &<< UInt64(index & 63)) != 0
  }

  /// Closes the innermost container.
  @inline(__always)
  mutating func pop() {
    if count > 0 { count &-= 1 }
  }
}
