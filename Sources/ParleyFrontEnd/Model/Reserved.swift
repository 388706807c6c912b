/// What a `reserved` line retires: numbers, ranges of numbers and names, never to be reused.
public struct ReservedSet: Hashable, Sendable {
  /// Retired numbers and ranges (`reserved 8, 10...12`), a single number as `n...n`.
  public var numbers: [ReservedNumbers]
  /// Retired names (`reserved "legacyCode"`).
  public var names: [ReservedName]

  /// Creates a reserved set.
  public init(numbers: [ReservedNumbers] = [], names: [ReservedName] = []) {
    self.numbers = numbers
    self.names = names
  }

  /// Whether nothing is reserved.
  public var isEmpty: Bool { numbers.isEmpty && names.isEmpty }

  /// The entry that reserves `number`, if any.
  public func entry(reserving number: Int) -> ReservedNumbers? {
    numbers.first { $0.range.contains(number) }
  }

  /// The entry that reserves `name`, if any.
  public func entry(reserving name: String) -> ReservedName? {
    names.first { $0.name == name }
  }
}

/// One reserved number (`8`, stored as `8...8`) or range (`10...12`).
public struct ReservedNumbers: Hashable, Sendable {
  /// The inclusive range of retired numbers.
  public var range: ClosedRange<Int>
  /// Where it is written.
  public var location: SourceLocation

  /// Creates an entry.
  public init(range: ClosedRange<Int>, location: SourceLocation) {
    self.range = range
    self.location = location
  }
}

/// One reserved name.
public struct ReservedName: Hashable, Sendable {
  /// The retired name.
  public var name: String
  /// Where it is written.
  public var location: SourceLocation

  /// Creates an entry.
  public init(name: String, location: SourceLocation) {
    self.name = name
    self.location = location
  }
}
