import Foundation
import Parley
import Testing

/// `ParleyTimeText`: the JSON text of `Timestamp` values, including times RFC 3339 cannot write.
@Suite struct TimeTextTests {
  @Test func timestampsRoundTripThroughTheirText() throws {
    for interval in [0, 1_764_244_800.5, -1, 253_402_300_799, -62_167_219_200] as [Double] {
      let text = ParleyTimeText.timestamp(Date(timeIntervalSince1970: interval))
      let parsed = try #require(ParleyTimeText.parseTimestamp(text), "\(text)")
      #expect(parsed.timeIntervalSince1970 == interval, "\(text)")
    }
  }

  /// A binary `Timestamp` may carry any Int64 seconds; written as JSON text it is clamped to
  /// the four-digit years of RFC 3339 (never a crash, never text that does not parse back).
  @Test func timesOutsideRFC3339AreWrittenAsTheNearestEnd() throws {
    // A length-delimited Timestamp whose seconds (field 1, zigzag varint) are Int64.max.
    var reader = BinaryReader([0x0B, 0x08, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
    let extreme = try reader.readTimestamp()
    let cases: [(Date, String)] = [
      (extreme, "9999-12-31T23:59:59Z"),
      (Date(timeIntervalSince1970: 1e300), "9999-12-31T23:59:59Z"),
      (Date(timeIntervalSince1970: -.infinity), "0000-01-01T00:00:00Z"),
      (Date(timeIntervalSince1970: .nan), "1970-01-01T00:00:00Z"),
    ]
    for (date, expected) in cases {
      let text = ParleyTimeText.timestamp(date)
      #expect(text == expected)
      #expect(ParleyTimeText.parseTimestamp(text) != nil, "\(text)")
    }
  }

  @Test func durationsAreWrittenAtEveryMagnitude() {
    let cases: [(Duration, String)] = [
      (.milliseconds(1500), "1.500s"), (.milliseconds(-250), "-0.250s"), (.seconds(3), "3s"),
      (.seconds(Int64.max), "9223372036854775807s"), (.seconds(Int64.min), "-9223372036854775808s"),
      (.seconds(Int64.min) + .nanoseconds(1), "-9223372036854775807.999999999s"),
    ]
    for (duration, expected) in cases {
      #expect(ParleyTimeText.duration(duration) == expected)
    }
    #expect(ParleyTimeText.parseDuration("-0.25s") == .milliseconds(-250))
  }
}
