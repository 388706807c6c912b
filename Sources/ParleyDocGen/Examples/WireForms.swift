import Foundation
import ParleyFrontEnd

/// How built-in values look on the JSON wire, for examples and their check.
///
/// Integers (64-bit ones too) are JSON numbers; `Bytes` is standard Base64; `Timestamp` is an
/// RFC 3339 UTC string (`2026-01-15T09:30:00Z`, fractional seconds allowed); `Duration` is a
/// decimal number of seconds with an `s` suffix (`1.5s`); `UUID` is its 36-character text.
public enum WireForms {
  /// The example timestamp.
  public static let sampleTimestamp = "2026-01-15T09:30:00Z"
  /// The example UUID.
  public static let sampleUUID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"

  /// Whether `text` is an RFC 3339 timestamp such as `2026-01-15T09:30:00Z` or `…:00.5+02:00`.
  public static func isTimestamp(_ text: String) -> Bool {
    (try? timestampPattern.wholeMatch(in: text)) != nil
  }

  /// Whether `text` is a duration such as `1.5s` or `-2s`.
  public static func isDuration(_ text: String) -> Bool {
    (try? durationPattern.wholeMatch(in: text)) != nil
  }

  /// Whether `text` is a UUID in its textual form.
  public static func isUUID(_ text: String) -> Bool { UUID(uuidString: text) != nil }

  /// The decoded length of a Base64 string, or `nil` when it is not Base64.
  public static func base64Length(_ text: String) -> Int? { Data(base64Encoded: text)?.count }

  /// Base64 of `count` example bytes (1, 2, 3, …).
  public static func sampleBytes(count: Int) -> String {
    Data((0..<count).map { UInt8(truncatingIfNeeded: $0 + 1) }).base64EncodedString()
  }

  /// Whether `text` looks like an e-mail address (`local@domain.tld`, no spaces).
  public static func isEmail(_ text: String) -> Bool {
    (try? emailPattern.wholeMatch(in: text)) != nil
  }

  /// Whether `text` is an absolute URI (`scheme:rest`).
  public static func isURI(_ text: String) -> Bool {
    (try? uriPattern.wholeMatch(in: text)) != nil
  }

  nonisolated(unsafe) private static let timestampPattern =
    /[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})/
  nonisolated(unsafe) private static let durationPattern = /-?[0-9]+(\.[0-9]{1,9})?s/
  nonisolated(unsafe) private static let emailPattern = /[^@\s]+@[^@\s]+\.[^@\s]+/
  nonisolated(unsafe) private static let uriPattern = /[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+/
}
