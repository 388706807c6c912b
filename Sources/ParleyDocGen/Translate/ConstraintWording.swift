import ParleyFrontEnd

/// Puts constraints into words for field tables: "1–100", "at most 64 characters".
///
/// ```swift
/// ConstraintWording.describe(Constraints(length: CountRange(lower: 1, upper: 64)), for: .builtin(.string))
/// // ["1–64 characters"]
/// ```
public enum ConstraintWording {
  /// One phrase per constraint, in the order range, length, count, pattern, format.
  public static func describe(_ constraints: Constraints, for type: TypeReference?) -> [String] {
    var phrases: [String] = []
    if let range = constraints.range { phrases.append(describe(range)) }
    if let length = constraints.length {
      let unit: (String, String) = isBytes(type) ? ("byte", "bytes") : ("character", "characters")
      phrases.append(describe(length, unit: unit))
    }
    if let count = constraints.count {
      let unit: (String, String) = isMap(type) ? ("entry", "entries") : ("item", "items")
      phrases.append(describe(count, unit: unit))
    }
    if let pattern = constraints.pattern { phrases.append("matches `\(pattern)`") }
    if let format = constraints.format {
      switch format {
      case .email: phrases.append("an e-mail address")
      case .uuid: phrases.append("a UUID")
      case .uri: phrases.append("an absolute URI")
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
