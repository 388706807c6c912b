/// How serious a compatibility finding is, from least to most serious.
///
/// `error` breaks callers outright (a decode failure, `METHOD_NOT_FOUND`, code that no longer
/// compiles); `danger` breaks some values or silently changes meaning; `warning` is a risk worth a
/// look; `info` is a change that is safe but worth telling.
public enum CompatSeverity: String, CaseIterable, Hashable, Sendable, Comparable {
  /// Safe, but worth listing in a changelog.
  case info
  /// A risk: behaviour may change for some callers.
  case warning
  /// Breaks some values or changes their meaning silently.
  case danger
  /// Breaks callers outright.
  case error

  /// The rank used for ordering: info 0 … error 3.
  public var rank: Int {
    switch self {
    case .info: 0
    case .warning: 1
    case .danger: 2
    case .error: 3
    }
  }

  /// Orders from `info` (least) to `error` (most serious).
  public static func < (lhs: CompatSeverity, rhs: CompatSeverity) -> Bool { lhs.rank < rhs.rank }
}
