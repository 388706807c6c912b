/// Which pairing of client and server a change breaks.
public enum CompatDirection: String, CaseIterable, Hashable, Sendable, Comparable {
  /// Old clients calling (or subscribed to) the new server; also old code compiled against the
  /// newly generated Swift.
  case backward
  /// New clients calling (or subscribed to) the old server.
  case forward

  /// `backward` sorts before `forward`.
  public static func < (lhs: CompatDirection, rhs: CompatDirection) -> Bool {
    lhs == .backward && rhs == .forward
  }
}

/// `--mode`: which directions must stay compatible.
public enum CompatMode: String, CaseIterable, Hashable, Sendable {
  /// Old clients must keep working against the new server.
  case backward
  /// New clients must keep working against the old server.
  case forward
  /// Both.
  case full

  /// The directions this mode checks.
  public var directions: Set<CompatDirection> {
    switch self {
    case .backward: [.backward]
    case .forward: [.forward]
    case .full: [.backward, .forward]
    }
  }
}
