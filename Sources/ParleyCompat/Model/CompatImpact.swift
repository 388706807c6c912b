/// One way a finding breaks: on one wire, in one direction, with a severity.
///
/// A field renamed but keeping its number breaks `json` and `source` and not `binary`, so its
/// finding carries impacts for `json` (both directions) and `source` (backward) only.
public struct CompatImpact: Hashable, Sendable, Comparable {
  /// The codec or the Swift source.
  public var wire: CompatWire
  /// Old clients → new server (backward) or new clients → old server (forward).
  public var direction: CompatDirection
  /// How badly it breaks there.
  public var severity: CompatSeverity

  /// Creates an impact.
  public init(wire: CompatWire, direction: CompatDirection, severity: CompatSeverity) {
    self.wire = wire
    self.direction = direction
    self.severity = severity
  }

  /// Orders by direction, then wire, then severity.
  public static func < (lhs: CompatImpact, rhs: CompatImpact) -> Bool {
    if lhs.direction != rhs.direction { return lhs.direction < rhs.direction }
    if lhs.wire != rhs.wire { return lhs.wire < rhs.wire }
    return lhs.severity < rhs.severity
  }

  /// Keeps one impact per wire and direction (the most severe), sorted.
  static func merged(_ impacts: [CompatImpact]) -> [CompatImpact] {
    var best: [String: CompatImpact] = [:]
    for impact in impacts {
      let key = impact.wire.rawValue + "/" + impact.direction.rawValue
      if let existing = best[key], existing.severity >= impact.severity { continue }
      best[key] = impact
    }
    return best.values.sorted()
  }
}
