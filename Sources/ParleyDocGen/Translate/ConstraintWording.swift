import ParleyFrontEnd

/// Puts constraints into words for field tables: "1–100", "at most 64 characters".
///
/// ```swift
/// ConstraintWording.describe(Constraints(length: CountRange(lower: 1, upper: 64)), for: .builtin(.string))
/// // [DocConstraint("1–64 characters")]
/// ```
public enum ConstraintWording {
  /// One phrase per constraint, in the order range, length, count, pattern, format.
  public static func describe(_ constraints: Constraints, for type: TypeReference?) -> [DocConstraint] {
    var phrases: [DocConstraint] = []
    if let range = constraints.range { phrases.append(DocConstraint(describe(range))) }
    if let length = constraints.length {
      let unit: (String, String) = isBytes(type) ? ("byte", "bytes") : ("character", "characters")
      phrases.append(DocConstraint(describe(length, unit: unit)))
    }
    if let count = constraints.count {
      let unit: (String, String) = isMap(type) ? ("entry", "entries") : ("item", "items")
      phrases.append(DocConstraint(describe(count, unit: unit)))
    }
    if let pattern = constraints.pattern { phrases.append(DocConstraint("matches", code: pattern)) }
    if let format = constraints.format {
      switch format {
      case .email: phrases.append(DocConstraint("an e-mail address"))
      case .uuid: phrases.append(DocConstraint("a UUID"))
      case .uri: phrases.append(DocConstraint("an absolute URI"))
      }
    }
    return phrases
  }

  /// `1–100`, `at least 0`, `at most 5`.
  public static func describe(_ range: NumericRange) -> String {
    switch (range.lower, range.upper) {
    case (let lower?, let upper?): lower == upper ? "exactly \(lower)" : "\(lower)–\(upper)"
    case (let lower?, nil): "at least \(lower)"
    case (nil, let upper?): "at most \(upper)"
    case (nil, nil): "any value"
    }
  }

  /// `1–64 characters`, `at most 500 characters`, `at least 1 item`.
  public static func describe(_ range: CountRange, unit: (singular: String, plural: String)) -> String {
    func noun(_ n: Int) -> String { n == 1 ? unit.singular : unit.plural }
    switch (range.lower, range.upper) {
    case (let lower?, let upper?):
      return lower == upper ? "exactly \(lower) \(noun(lower))" : "\(lower)–\(upper) \(unit.plural)"
    case (let lower?, nil): return "at least \(lower) \(noun(lower))"
    case (nil, let upper?): return "at most \(upper) \(noun(upper))"
    case (nil, nil): return "any number of \(unit.plural)"
    }
  }

  private static func isBytes(_ type: TypeReference?) -> Bool {
    if case .builtin(.bytes)? = type?.unwrapped { return true }
    return false
  }

  private static func isMap(_ type: TypeReference?) -> Bool {
    if case .map? = type?.unwrapped { return true }
    return false
  }
}

/// One constraint in words: `1–64 characters`, or `matches` plus the pattern as code, and the
/// distinct type it comes from, if any.
public struct DocConstraint: Hashable, Sendable {
  /// The words, e.g. `at most 500 characters` or `matches`.
  public var text: String
  /// Code shown after the words (a `@pattern`), if any.
  public var code: String?
  /// The distinct type that imposes it, when it is not the member's own.
  public var source: String?

  /// Creates a constraint phrase.
  public init(_ text: String, code: String? = nil, source: String? = nil) {
    self.text = text
    self.code = code
    self.source = source
  }

  /// As plain text: ``matches `^[A-Z]{3}$` (from CurrencyCode)``.
  public var plain: String {
    text + (code.map { " `\($0)`" } ?? "") + (source.map { " (from \($0))" } ?? "")
  }
}
