import Foundation

/// SplitMix64: a small seeded generator so that property tests of generated code are repeatable.
struct GeneratedCodeRandom: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func string() -> String {
    let alphabet = Array("abcXYZ09 _-\"\\/\n\té€😀")
    return String(
      (0..<Int.random(in: 0...12, using: &self)).map { _ in alphabet.randomElement(using: &self) ?? "a" })
  }

  mutating func builtins() -> FocusEdge.Builtins {
    FocusEdge.Builtins(
      b: Bool.random(using: &self), i8: .random(in: .min ... .max, using: &self),
      i16: .random(in: .min ... .max, using: &self), i32: .random(in: .min ... .max, using: &self),
      i64: .random(in: .min ... .max, using: &self), i: .random(in: .min ... .max, using: &self),
      u8: .random(in: .min ... .max, using: &self), u16: .random(in: .min ... .max, using: &self),
      u32: .random(in: .min ... .max, using: &self), u64: .random(in: .min ... .max, using: &self),
      f: Float(Int32.random(in: -1000...1000, using: &self)) / 8,
      d: Double(Int64.random(in: -1_000_000...1_000_000, using: &self)) / 1024, s: string(),
      bytes: Data(
        (0..<Int.random(in: 0...20, using: &self)).map { _ in UInt8.random(in: 0...255, using: &self) }),
      ts: Date(
        timeIntervalSince1970: Double(Int64.random(in: -4_000_000_000...4_000_000_000, using: &self)) / 1000),
      dur: .milliseconds(Int64.random(in: -100_000...100_000, using: &self)),
      id: UUID(
        uuid: (
          UInt8.random(in: 0...255, using: &self), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
          UInt8.random(in: 0...255, using: &self)
        )),
      optionals: (0..<Int.random(in: 0...3, using: &self)).map { _ in string() },
      nested: (0..<Int.random(in: 0...3, using: &self)).map { _ in [Int32.random(in: -5...5, using: &self)] },
      byNumber: Dictionary(
        uniqueKeysWithValues: (0..<Int.random(in: 0...3, using: &self)).map { Int32($0) * 7 - 3 }.map {
          ($0, string())
        }))
  }

  mutating func node(depth: Int = 0) -> FocusEdge.Node {
    FocusEdge.Node(
      value: .random(in: .min ... .max, using: &self),
      next: depth < 3 && Bool.random(using: &self) ? node(depth: depth + 1) : nil,
      children: depth < 2 ? (0..<Int.random(in: 0...2, using: &self)).map { _ in node(depth: depth + 1) } : []
    )
  }
}
