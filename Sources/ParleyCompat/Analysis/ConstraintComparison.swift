import ParleyFrontEnd

/// How one element's constraints changed, attribute by attribute.
struct ConstraintComparison: Sendable {
  /// One changed attribute, e.g. `@range(1...1000)` → `@range(1...100)`.
  struct Change: Sendable {
    /// `@range`, `@length`, `@count`, `@pattern` or `@format`.
    var attribute: String
    /// The old and new values as written, `none` when absent.
    var old: String
    var new: String

    var text: String { "\(attribute) \(old) → \(new)" }
  }

  /// Attributes that now accept fewer values.
  var tightened: [Change] = []
  /// Attributes that now accept more values.
  var loosened: [Change] = []
  /// Attributes where neither version accepts all values of the other.
  var changed: [Change] = []

  /// Compares `old` with `new`.
  init(old: Constraints, new: Constraints) {
    classify("@range", old.range, new.range, Self.rangeContains)
    classify("@length", old.length, new.length, Self.countContains)
    classify("@count", old.count, new.count, Self.countContains)
    classify("@pattern", old.pattern, new.pattern) { _, _ in false }
    classify("@format", old.format, new.format) { _, _ in false }
  }

  var isEmpty: Bool { tightened.isEmpty && loosened.isEmpty && changed.isEmpty }

  private mutating func classify<T: Equatable>(
    _ attribute: String, _ old: T?, _ new: T?, _ contains: (T, T) -> Bool
  ) {
    guard old != new else { return }
    let change = Change(
      attribute: attribute, old: old.map { "\($0)" } ?? "none", new: new.map { "\($0)" } ?? "none")
    switch (old, new) {
    case (nil, _): tightened.append(change)
    case (_, nil): loosened.append(change)
    case (let o?, let n?):
      if contains(o, n) {
        tightened.append(change)
      } else if contains(n, o) {
        loosened.append(change)
      } else {
        changed.append(change)
      }
    }
  }

  /// Whether every value `inner` accepts is accepted by `outer`.
  private static func rangeContains(_ outer: NumericRange, _ inner: NumericRange) -> Bool {
    lowerOK(outer.lower.map(\.doubleValue), inner.lower.map(\.doubleValue))
      && upperOK(outer.upper.map(\.doubleValue), inner.upper.map(\.doubleValue))
  }

  private static func countContains(_ outer: CountRange, _ inner: CountRange) -> Bool {
    lowerOK(outer.lower.map(Double.init), inner.lower.map(Double.init))
      && upperOK(outer.upper.map(Double.init), inner.upper.map(Double.init))
  }

  private static func lowerOK(_ outer: Double?, _ inner: Double?) -> Bool {
    guard let outer else { return true }
    guard let inner else { return false }
    return inner >= outer
  }

  private static func upperOK(_ outer: Double?, _ inner: Double?) -> Bool {
    guard let outer else { return true }
    guard let inner else { return false }
    return inner <= outer
  }
}
