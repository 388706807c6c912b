import Synchronization

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The constraint checks generated validators call; each appends a ``ValidationViolation`` with a
/// fixed message when the value breaks the constraint.
public enum ParleyValidation {
  /// `path` extended by a member name: `items` → `items.price`; `""` → `price`.
  @inlinable
  public static func member(_ path: String, _ name: String) -> String {
    path.isEmpty ? name : path + "." + name
  }

  /// `path` extended by a list index: `items` → `items[3]`.
  @inlinable
  public static func index(_ path: String, _ index: Int) -> String { path + "[\(index)]" }

  /// `path` extended by a map key: `labels` → `labels["gift"]`.
  public static func key(_ path: String, _ key: some ParleyJSONMapKey) -> String {
    path + "[\"" + key.parleyJSONKey + "\"]"
  }

  /// `@range` on an integer: `0 is below the minimum 1`, `1001 is above the maximum 1000`.
  @inlinable
  public static func checkRange<Value: BinaryInteger>(
    _ value: Value, minimum: Int128?, maximum: Int128?, path: String,
    into violations: inout [ValidationViolation]
  ) {
    let wide = Int128(value)
    if let minimum, wide < minimum {
      violations.append(ValidationViolation(path: path, message: "\(value) is below the minimum \(minimum)"))
    }
    if let maximum, wide > maximum {
      violations.append(ValidationViolation(path: path, message: "\(value) is above the maximum \(maximum)"))
    }
  }

  /// `@range` on a floating-point number; NaN is outside every range.
  @inlinable
  public static func checkRange<Value: BinaryFloatingPoint>(
    _ value: Value, minimum: Double?, maximum: Double?, path: String,
    into violations: inout [ValidationViolation]
  ) {
    let wide = Double(value)
    if let minimum, !(wide >= minimum) {
      violations.append(ValidationViolation(path: path, message: "\(value) is below the minimum \(minimum)"))
    }
    if let maximum, !(wide <= maximum) {
      violations.append(ValidationViolation(path: path, message: "\(value) is above the maximum \(maximum)"))
    }
  }

  /// `@length` (Unicode scalars of a String, bytes of Bytes) or `@count` (elements, entries):
  /// `length 0 is below the minimum 1`.
  @inlinable
  public static func checkSize(
    _ size: Int, _ noun: String, minimum: Int?, maximum: Int?, path: String,
    into violations: inout [ValidationViolation]
  ) {
    if let minimum, size < minimum {
      violations.append(
        ValidationViolation(path: path, message: "\(noun) \(size) is below the minimum \(minimum)"))
    }
    if let maximum, size > maximum {
      violations.append(
        ValidationViolation(path: path, message: "\(noun) \(size) is above the maximum \(maximum)"))
    }
  }

  /// `@pattern`: the regular expression must match somewhere in `value`:
  /// `"abc" does not match ^ord_[a-z0-9]+$`.
  public static func checkPattern(
    _ value: String, _ pattern: String, path: String, into violations: inout [ValidationViolation]
  ) {
    if !ParleyPatternCache.shared.matches(value, pattern) {
      violations.append(
        ValidationViolation(path: path, message: "\(quoted(value)) does not match the pattern \(pattern)"))
    }
  }

  /// `@format(email|uuid|uri)`: `"x" is not a valid email address`.
  public static func checkFormat(
    _ value: String, _ format: String, path: String, into violations: inout [ValidationViolation]
  ) {
    let valid: Bool
    let noun: String
    switch format {
    case "email":
      valid = isEmail(value)
      noun = "email address"
    case "uuid":
      valid = UUID(uuidString: value) != nil
      noun = "UUID"
    case "uri":
      valid = isURI(value)
      noun = "URI"
    default:
      valid = true
      noun = format
    }
    if !valid {
      violations.append(ValidationViolation(path: path, message: "\(quoted(value)) is not a valid \(noun)"))
    }
  }

  /// One `@` with a non-empty local part and a domain of at least two non-empty labels; no spaces.
  public static func isEmail(_ value: String) -> Bool {
    let parts = value.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !value.contains(where: \.isWhitespace) else { return false }
    let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
    return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
  }

  /// An absolute URI: a scheme (`[A-Za-z][A-Za-z0-9+.-]*`), `:`, then at least one character; no
  /// spaces.
  public static func isURI(_ value: String) -> Bool {
    guard let colon = value.firstIndex(of: ":"), colon != value.startIndex,
      value.index(after: colon) != value.endIndex, !value.contains(where: \.isWhitespace)
    else { return false }
    let scheme = value[..<colon]
    guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
    return scheme.allSatisfy {
      $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "." || $0 == "-")
    }
  }

  /// The value in double quotes, shortened to 64 characters.
  static func quoted(_ value: String) -> String {
    let short = value.count > 64 ? String(value.prefix(64)) + "…" : value
    return "\"" + short + "\""
  }
}

/// Compiled `@pattern` regular expressions, compiled once per pattern and shared.
final class ParleyPatternCache: Sendable {
  static let shared = ParleyPatternCache()
  private let compiled = Mutex<[String: Regex<AnyRegexOutput>?]>([:])

  /// Whether `pattern` matches somewhere in `value`; a pattern that does not compile (the front
  /// end rejects those) matches nothing.
  func matches(_ value: String, _ pattern: String) -> Bool {
    let regex = compiled.withLock { cache in
      if let entry = cache[pattern] { return entry }
      let entry = try? Regex(pattern)
      cache[pattern] = entry
      return entry
    }
    guard let regex else { return false }
    return (try? regex.firstMatch(in: value)) != nil
  }
}

extension ParleyValidation {
  /// Appends the violations of a nested value (a struct, union, error or distinct type).
  @inlinable
  public static func collect<Value: ParleyValidatable>(
    _ value: Value, path: String, into violations: inout [ValidationViolation]
  ) {
    value.collectParleyViolations(into: &violations, path: path)
  }
}
