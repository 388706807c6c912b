/// What to check and when to fail: `--mode`, `--wire` and `--fail-on`.
public struct CompatOptions: Hashable, Sendable {
  /// Which directions must stay compatible (default `full`).
  public var mode: CompatMode
  /// Which wires to check (default all three).
  public var wires: Set<CompatWire>
  /// The lowest severity that fails the run (default `danger`).
  public var failOn: CompatSeverity

  /// Creates options; the defaults are those of `parley compat`.
  public init(
    mode: CompatMode = .full, wires: Set<CompatWire> = Set(CompatWire.allCases),
    failOn: CompatSeverity = .danger
  ) {
    self.mode = mode
    self.wires = wires
    self.failOn = failOn
  }
}
