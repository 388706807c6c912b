#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The JSON text forms of `Timestamp` (RFC 3339, UTC) and `Duration` (`"1.5s"`), without
/// Foundation formatters, so that they are fast and identical on every platform.
public enum ParleyTimeText {
  /// `2026-11-27T12:00:00Z`, with 3, 6 or 9 fraction digits when the time has a fraction.
  ///
  /// RFC 3339 years have four digits: a time before `0000-01-01T00:00:00Z` or after
  /// `9999-12-31T23:59:59Z` (a binary `Timestamp` can carry one) is written as that end of the
  /// range, and NaN as the Unix epoch, so that the text always parses back.
  public static func timestamp(_ date: Date) -> String {
    let raw = date.timeIntervalSince1970
    let interval = raw.isNaN ? 0 : min(max(raw, firstRepresentable), lastRepresentable)
    var seconds = Int64(interval.rounded(.down))
    var nanoseconds = Int64(((interval - Double(seconds)) * 1e9).rounded())
    if nanoseconds >= 1_000_000_000 {
      seconds += 1
      nanoseconds -= 1_000_000_000
    }
    let days = floorDivide(seconds, 86_400)
    let secondOfDay = seconds - days * 86_400
    let (year, month, day) = civil(fromDays: days)
    var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
    text += pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
    text += fraction(nanoseconds)
    return text + "Z"
  }

  /// `0000-01-01T00:00:00Z` and `9999-12-31T23:59:59Z` in seconds since 1970.
  private static let firstRepresentable: Double = -62_167_219_200
  private static let lastRepresentable: Double = 253_402_300_799

  /// Parses RFC 3339 text (`Z` or a `±hh:mm` offset, any number of fraction digits).
  public static func parseTimestamp(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20 else { return nil }
    func number(_ start: Int, _ count: Int) -> Int64? {
      var value: Int64 = 0
      for index in start..<(start + count) {
        let digit = bytes[index]
        guard digit >= 0x30, digit <= 0x39 else { return nil }
        value = value * 10 + Int64(digit - 0x30)
      }
      return value
    }
    guard let year = number(0, 4), bytes[4] == 0x2D, let month = number(5, 2), bytes[7] == 0x2D,
      let day = number(8, 2), bytes[10] == 0x54 || bytes[10] == 0x74, let hour = number(11, 2),
      bytes[13] == 0x3A, let minute = number(14, 2), bytes[16] == 0x3A, let second = number(17, 2),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    var index = 19
    var nanoseconds: Int64 = 0
    if index < bytes.count, bytes[index] == 0x2E {
      index += 1
      var digits = 0
      while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
        if digits < 9 { nanoseconds = nanoseconds * 10 + Int64(bytes[index] - 0x30) }
        digits += 1
        index += 1
      }
      guard digits > 0 else { return nil }
      // Digits past the ninth are dropped (a range `digits..<9` would trap for them).
      if digits < 9 { for _ in digits..<9 { nanoseconds *= 10 } }
    }
    guard index < bytes.count else { return nil }
    var offset: Int64 = 0
    switch bytes[index] {
    case 0x5A, 0x7A:
      index += 1
    case 0x2B, 0x2D:
      guard index + 6 == bytes.count, let hours = number(index + 1, 2), bytes[index + 3] == 0x3A,
        let minutes = number(index + 4, 2)
      else { return nil }
      offset = (hours * 60 + minutes) * 60 * (bytes[index] == 0x2D ? -1 : 1)
      index += 6
    default:
      return nil
    }
    guard index == bytes.count else { return nil }
    let days = days(fromCivil: year, month, day)
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
    return Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)
  }

  /// `"1.500s"`, `"-0.250s"`, `"3s"`: seconds with 0, 3, 6 or 9 fraction digits.
  public static func duration(_ duration: Duration) -> String {
    // Both components carry the sign; magnitudes, so that Int64.min seconds is written too.
    let (seconds, attoseconds) = duration.components
    let sign = seconds < 0 || attoseconds < 0 ? "-" : ""
    let nanoseconds = Int64((attoseconds / 1_000_000_000).magnitude)
    return sign + "\(seconds.magnitude)" + fraction(nanoseconds) + "s"
  }

  /// Parses `"1.5s"` (an optional `-`, digits, an optional fraction, `s`).
  public static func parseDuration(_ text: String) -> Duration? {
    guard text.hasSuffix("s") else { return nil }
    var body = Substring(text.dropLast())
    let negative = body.hasPrefix("-")
    if negative { body = body.dropFirst() }
    let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard let wholeText = parts.first, !wholeText.isEmpty, wholeText.allSatisfy(\.isASCIIDigit),
      let whole = Int64(wholeText)
    else { return nil }
    var nanoseconds: Int64 = 0
    if parts.count == 2 {
      let fractionText = parts[1]
      guard !fractionText.isEmpty, fractionText.count <= 9, fractionText.allSatisfy(\.isASCIIDigit),
        let value = Int64(fractionText)
      else { return nil }
      nanoseconds = value
      for _ in fractionText.count..<9 { nanoseconds *= 10 }
    }
    let duration = Duration.seconds(whole) + Duration.nanoseconds(nanoseconds)
    return negative ? .zero - duration : duration
  }

  private static func fraction(_ nanoseconds: Int64) -> String {
    guard nanoseconds > 0 else { return "" }
    if nanoseconds % 1_000_000 == 0 { return "." + pad(nanoseconds / 1_000_000, 3) }
    if nanoseconds % 1000 == 0 { return "." + pad(nanoseconds / 1000, 6) }
    return "." + pad(nanoseconds, 9)
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value.magnitude)
    let sign = value < 0 ? "-" : ""
    return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let quotient = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
  }

  /// Howard Hinnant's `civil_from_days`.
  private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
    let z = days + 719_468
    let era = floorDivide(z, 146_097)
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthPrime = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
    let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// Howard Hinnant's `days_from_civil`.
  private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = floorDivide(y, 400)
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
