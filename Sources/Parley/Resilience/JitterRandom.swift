/// SplitMix64: the small generator behind backoff jitter, seeded from the system's generator or,
/// for reproducible tests, from ``ParleyClientConfiguration/jitterSeed``.
struct JitterRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator with `seed`, or a random seed when `nil`.
  init(seed: UInt64?) {
    if let seed {
      state = seed
    } else {
      var system = SystemRandomNumberGenerator()
      state = system.next()
    }
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
