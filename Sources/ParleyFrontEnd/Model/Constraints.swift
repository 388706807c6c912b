/// Value constraints from `@range`, `@length`, `@count`, `@pattern` and `@format`, parsed.
///
/// Receivers enforce them (see the codec rules of the language spec). A field's own constraints
/// and those of its distinct type (`type SKU = String @length(1...64)`) both apply.
public struct Constraints: Hashable, Sendable {
  /// `@range(a...b)`: numeric bounds (integer or floating), each optional.
  public var range: NumericRange?
  /// `@length(a...b)`: String length in Unicode scalars, Bytes length in bytes.
  public var length: CountRange?
  /// `@count(a...b)`: number of list elements or map entries.
  public var count: CountRange?
  /// `@pattern("regex")`: a regular expression (Swift `Regex` syntax) that must match somewhere in
  /// the String; anchor it with `^…$` to match the whole value. Stored as written.
  public var pattern: String?
  /// `@format(email|uuid|uri)`.
  public var format: StringFormat?

  /// Creates constraints.
  public init(
    range: NumericRange? = nil, length: CountRange? = nil, count: CountRange? = nil,
    pattern: String? = nil, format: StringFormat? = nil
  ) {
    self.range = range
    self.length = length
    self.count = count
    self.pattern = pattern
    self.format = format
  }

  /// Whether no constraint is set.
  public var isEmpty: Bool {
    range == nil && length == nil && count == nil && pattern == nil && format == nil
  }
}

/// A number in a range bound or a literal: an integer (exact, any 64-bit signed or unsigned
/// value) or a floating-point value.
public enum NumericValue: Hashable, Sendable, CustomStringConvertible {
  /// An integer such as `0`, `-5` or `18446744073709551615`.
  case integer(Int128)
  /// A floating-point number such as `0.5` or `-1e3`.
  case floating(Double)

  /// The value as a `Double` (exact for integers up to 2^53).
  public var doubleValue: Double {
    switch self {
    case .integer(let value): Double(value)
    case .floating(let value): value
    }
  }

  /// The value as written in Swift source: `42`, `0.5`.
  public var description: String {
    switch self {
    case .integer(let value): "\(value)"
    case .floating(let value): "\(value)"
    }
  }
}

/// The bounds of `@range`: `a...b`, `a...` or `...b` (both bounds inclusive).
public struct NumericRange: Hashable, Sendable, CustomStringConvertible {
  /// The inclusive lower bound, if any.
  public var lower: NumericValue?
  /// The inclusive upper bound, if any.
  public var upper: NumericValue?

  /// Creates a range.
  public init(lower: NumericValue?, upper: NumericValue?) {
    self.lower = lower
    self.upper = upper
  }

  /// `1...10`, `0...`, `...5`.
  public var description: String { "\(lower.map(\.description) ?? "")...\(upper.map(\.description) ?? "")" }
}

/// The bounds of `@length` or `@count`: non-negative integers, each optional, inclusive.
public struct CountRange: Hashable, Sendable, CustomStringConvertible {
  /// The inclusive minimum, if any.
  public var lower: Int?
  /// The inclusive maximum, if any.
  public var upper: Int?

  /// Creates a range.
  public init(lower: Int?, upper: Int?) {
    self.lower = lower
    self.upper = upper
  }

  /// `1...64`, `1...`, `...500`.
  public var description: String { "\(lower.map(String.init) ?? "")...\(upper.map(String.init) ?? "")" }
}

/// The formats `@format` knows.
public enum StringFormat: String, CaseIterable, Hashable, Sendable {
  /// An e-mail address.
  case email
  /// A UUID in its textual form.
  case uuid
  /// An absolute URI.
  case uri
}
