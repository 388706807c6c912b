/// `@deprecated` and `@since`, which every declaration, field, case, variant and method may carry.
public struct Availability: Hashable, Sendable {
  /// Set by `@deprecated` or `@deprecated("reason")`.
  public var deprecation: Deprecation?
  /// `@since(N)`: the contract version that added the element.
  public var since: Int?

  /// Creates availability information.
  public init(deprecation: Deprecation? = nil, since: Int? = nil) {
    self.deprecation = deprecation
    self.since = since
  }

  /// Whether `@deprecated` is present.
  public var isDeprecated: Bool { deprecation != nil }
}

/// A `@deprecated` attribute.
public struct Deprecation: Hashable, Sendable {
  /// The reason given as `@deprecated("use getOrder")`; `nil` for a bare `@deprecated`.
  public var reason: String?

  /// Creates a deprecation.
  public init(reason: String?) { self.reason = reason }
}
