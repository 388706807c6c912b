import Testing

@testable import Parley

@Suite struct LatencyHistogramTests {
  @Test func bucketsAndQuantiles() {
    var histogram = LatencyHistogram()
    #expect(histogram.quantileMicros(0.5) == nil)
    for _ in 0..<98 { histogram.record(.microseconds(80)) }
    histogram.record(.milliseconds(3))
    histogram.record(.seconds(20))
    #expect(histogram.total == 100)
    #expect(histogram.counts[0] == 98)
    #expect(histogram.counts.last == 1)
    #expect(histogram.quantileMicros(0.5) == 100)  // the upper bound of the bucket holding the median
    #expect(histogram.quantileMicros(0.99) == 5_000)
    #expect(histogram.quantileMicros(1) == 20_000_000)
    #expect(histogram.maxMicros == 20_000_000)
  }

  /// The router records latencies in monotonic nanoseconds.
  @Test func latencyInNanosecondsFallsInTheSameBucketsAsDurations() {
    var fromDurations = LatencyHistogram()
    var fromNanoseconds = LatencyHistogram()
    for micros: Int64 in [0, 80, 100, 101, 2_500, 9_999_999, 30_000_000] {
      fromDurations.record(.microseconds(micros))
      fromNanoseconds.record(nanoseconds: UInt64(micros) * 1_000 + 999)
    }
    #expect(fromNanoseconds == fromDurations)
  }
}
