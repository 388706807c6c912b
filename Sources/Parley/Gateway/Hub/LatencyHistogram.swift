/// Counts of call latencies in fixed buckets (upper bounds in microseconds), plus count, sum and
/// maximum, for `parley status` and ``GatewayStatus``.
public struct LatencyHistogram: Codable, Sendable, Equatable {
  /// Upper bounds of the buckets in microseconds; a last, open bucket holds the rest.
  public static let boundsMicros: [Int64] = [
    100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000,
    2_500_000, 10_000_000,
  ]

  /// Counts per bucket: `counts[i]` latencies ≤ `boundsMicros[i]` (and above the previous bound);
  /// the last entry counts the latencies above every bound.
  public var counts: [Int] = Array(repeating: 0, count: LatencyHistogram.boundsMicros.count + 1)
  /// Latencies recorded.
  public var total: Int = 0
  /// Sum of the latencies, in microseconds.
  public var sumMicros: Int64 = 0
  /// Largest latency, in microseconds.
  public var maxMicros: Int64 = 0

  /// An empty histogram.
  public init() {}

  /// Records one latency.
  public mutating func record(_ duration: Duration) {
    let (seconds, attoseconds) = duration.components
    record(micros: max(0, seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
  }

  /// Records one latency of `nanoseconds`.
  mutating func record(nanoseconds: UInt64) {
    record(micros: Int64(clamping: nanoseconds / 1_000))
  }

  private mutating func record(micros: Int64) {
    var bucket = Self.boundsMicros.count
    for (index, bound) in Self.boundsMicros.enumerated() where micros <= bound {
      bucket = index
      break
    }
    if counts.count != Self.boundsMicros.count + 1 {
      counts = Array(repeating: 0, count: Self.boundsMicros.count + 1)
    }
    counts[bucket] += 1
    total += 1
    sumMicros += micros
    maxMicros = max(maxMicros, micros)
  }

  /// The upper bound (µs) of the bucket holding the `fraction` quantile (e.g. 0.99), or the
  /// maximum for the open bucket; `nil` when empty.
  public func quantileMicros(_ fraction: Double) -> Int64? {
    guard total > 0 else { return nil }
    let rank = max(1, Int((Double(total) * fraction).rounded(.up)))
    var seen = 0
    for (index, count) in counts.enumerated() {
      seen += count
      if seen >= rank {
        return index < Self.boundsMicros.count ? min(Self.boundsMicros[index], maxMicros) : maxMicros
      }
    }
    return maxMicros
  }

  /// Mean latency in microseconds; `nil` when empty.
  public var meanMicros: Int64? { total == 0 ? nil : sumMicros / Int64(total) }
}
