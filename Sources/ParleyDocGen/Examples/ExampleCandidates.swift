import ParleyFrontEnd

/// Candidate example values for one built-in type, best first; ``ExampleGenerator`` takes the
/// first one that the constraint rules accept.
enum ExampleCandidates {
  /// Candidates for `builtin` under `constraints`, guided by `hints` (field and type names).
  static func values(for builtin: BuiltinType, _ constraints: Constraints, hints: [String]) -> [JSONValue] {
    let words = hints.map { $0.lowercased() }
    switch builtin {
    case .bool: return [.bool(true), .bool(false)]
    case _ where builtin.isInteger: return integers(constraints.range, words).map { .integer($0) }
    case .float, .double: return doubles(constraints.range, words).map { .number($0) }
    case .string: return strings(constraints, words).map { .string($0) }
    case .bytes:
      let lower = constraints.length?.lower ?? 0
      let upper = constraints.length?.upper ?? Int.max
      return [4, lower, min(upper, max(lower, 1))].map {
        .string(WireForms.sampleBytes(count: min(max($0, lower), upper)))
      }
    case .timestamp: return [.string(WireForms.sampleTimestamp)]
    case .duration: return [.string("1.5s"), .string("30s")]
    case .uuid: return [.string(WireForms.sampleUUID)]
    default: return []
    }
  }

  /// `1500` milliseconds as `1.5s`.
  static func duration(milliseconds: Int64) -> String {
    let seconds = milliseconds / 1000
    let rest = abs(milliseconds % 1000)
    let sign = milliseconds < 0 && seconds == 0 ? "-" : ""
    guard rest != 0 else { return "\(sign)\(seconds)s" }
    var fraction = String(rest)
    fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return "\(sign)\(seconds).\(fraction)s"
  }

  private static let integerHints: [(String, Int128)] = [
    ("minor", 1999), ("amount", 1999), ("price", 1999), ("total", 1999), ("balance", 1999),
    ("quantity", 2), ("count", 2), ("limit", 50), ("size", 50), ("days", 30), ("percent", 25),
    ("available", 12), ("year", 2026), ("age", 42), ("port", 8080),
  ]

  private static func integers(_ range: NumericRange?, _ words: [String]) -> [Int128] {
    var result: [Int128] = []
    for (word, value) in integerHints where words.contains(where: { $0.contains(word) }) {
      result.append(value)
    }
    result += [1, 42, 0]
    if case .integer(let lower)? = range?.lower { result.append(lower) }
    if case .integer(let upper)? = range?.upper { result.append(upper) }
    if case .integer(let lower)? = range?.lower, case .integer(let upper)? = range?.upper {
      result.append(lower + (upper - lower) / 2)
    }
    if case .floating(let lower)? = range?.lower, lower.isFinite, abs(lower) < 1e30 {
      result.append(Int128(lower.rounded(.up)))
    }
    if case .floating(let upper)? = range?.upper, upper.isFinite, abs(upper) < 1e30 {
      result.append(Int128(upper.rounded(.down)))
    }
    return result
  }

  private static func doubles(_ range: NumericRange?, _ words: [String]) -> [Double] {
    var result: [Double] = [1.5, 0.5, 0]
    if let lower = range?.lower?.doubleValue, let upper = range?.upper?.doubleValue {
      result.insert((lower + upper) / 2, at: 0)
    }
    if let lower = range?.lower?.doubleValue { result.append(lower) }
    if let upper = range?.upper?.doubleValue { result.append(upper) }
    return result
  }

  private static let stringHints: [(String, String)] = [
    ("email", "ada@example.com"), ("homepage", "https://example.com/"), ("url", "https://example.com/"),
    ("uri", "https://example.com/"), ("currency", "EUR"), ("sku", "SKU-1234"), ("token", "tok_8f3a2b1c9d7e"),
    ("displayname", "Ada Lovelace"), ("name", "Ada Lovelace"), ("cursor", "c_2"),
    ("note", "Leave at the door"),
    ("carrier", "DHL"), ("reason", "insufficient funds"), ("action", "grant role"),
    ("number", "INV-2026-001"),
    ("code", "SUMMER24"), ("label", "gift"), ("language", "de"), ("slug", "hello-world"), ("id", "id_42"),
    ("key", "key"), ("text", "Hello"),
  ]

  private static func strings(_ constraints: Constraints, _ words: [String]) -> [String] {
    var base: [String] = []
    switch constraints.format {
    case .email?: base.append("ada@example.com")
    case .uri?: base.append("https://example.com/")
    case .uuid?: base.append(WireForms.sampleUUID)
    case nil: break
    }
    for (word, value) in stringHints where words.contains(where: { $0.contains(word) }) { base.append(value) }
    if let pattern = constraints.pattern {
      for repetitions in [3, 1, 6, 12, 0] {
        if let candidate = PatternExample.generate(pattern, repetitions: repetitions) {
          base.append(candidate)
        }
      }
    }
    base.append("example")
    var result: [String] = []
    for candidate in base {
      result.append(candidate)
      result.append(contentsOf: fitted(candidate, constraints.length))
    }
    return result
  }

  /// `text` padded or cut to fit a length range, when it does not already.
  private static func fitted(_ text: String, _ length: CountRange?) -> [String] {
    guard let length else { return [] }
    let count = text.unicodeScalars.count
    if let lower = length.lower, count < lower {
      let filler = text.unicodeScalars.last.map { String($0) } ?? "x"
      return [
        text + String(repeating: filler, count: lower - count),
        text + String(repeating: "x", count: lower - count),
      ]
    }
    if let upper = length.upper, count > upper {
      var scalars = String.UnicodeScalarView()
      scalars.append(contentsOf: text.unicodeScalars.prefix(upper))
      return [String(scalars)]
    }
    return []
  }
}
