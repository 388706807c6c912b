/// How long to wait between attempts: exponential growth with jitter, a ceiling, and limits on
/// the number of attempts and the total time.
///
/// The delay after failed attempt `n` (1-based) is drawn uniformly from
/// `[ceiling × (1 − jitter), ceiling]`, where `ceiling = min(maxDelay, initialDelay × multiplierⁿ⁻¹)`.
/// With the default `jitter` of 1 ("full jitter") it is uniform in `[0, ceiling]`, so clients
/// that lost the same server at the same moment come back spread out, not in lockstep.
///
/// The defaults suit local IPC, where a restarted server is usually back within a second:
/// 20 ms, doubling, at most 2 s, no limit on attempts or time (a long-lived client keeps
/// trying at most every 2 s, which costs next to nothing).
///
/// ```swift
/// var random = SystemRandomNumberGenerator()
/// let policy = BackoffPolicy(initialDelay: .milliseconds(50), maxDelay: .seconds(5), maxAttempts: 10)
/// switch policy.next(afterFailedAttempt: 3, elapsed: .seconds(1), using: &random) {
/// case .retry(let delay): try await Task.sleep(for: delay)
/// case .giveUp: break
/// }
/// ```
public struct BackoffPolicy: Sendable, Equatable {
  /// The ceiling of the first delay (default 20 ms).
  public var initialDelay: Duration
  /// The largest ceiling (default 2 s).
  public var maxDelay: Duration
  /// The factor the ceiling grows by per attempt (default 2; values below 1 count as 1).
  public var multiplier: Double
  /// The randomised fraction of the ceiling, from 0 (no jitter) to 1 (full jitter, the default).
  public var jitter: Double
  /// Attempts after which to give up (`nil`: never, the default).
  public var maxAttempts: Int?
  /// Time after the first failure after which to give up (`nil`: never, the default). A delay
  /// that would end beyond the limit is not waited: the policy gives up instead.
  public var totalTimeLimit: Duration?

  /// Creates a policy; every parameter has the local-IPC default.
  public init(
    initialDelay: Duration = .milliseconds(20), maxDelay: Duration = .seconds(2), multiplier: Double = 2,
    jitter: Double = 1, maxAttempts: Int? = nil, totalTimeLimit: Duration? = nil
  ) {
    self.initialDelay = initialDelay
    self.maxDelay = maxDelay
    self.multiplier = multiplier
    self.jitter = jitter
    self.maxAttempts = maxAttempts
    self.totalTimeLimit = totalTimeLimit
  }

  /// What to do after a failed attempt.
  public enum Decision: Sendable, Equatable {
    /// Try again after this delay.
    case retry(after: Duration)
    /// Stop trying: the attempts or the time are spent.
    case giveUp
  }

  /// The upper bound of the delay after failed attempt `attempt` (1-based; 0 counts as 1):
  /// `min(maxDelay, initialDelay × multiplier^(attempt − 1))`.
  public func ceiling(forAttempt attempt: Int) -> Duration {
    let initial = max(0, initialDelay.inSeconds)
    let cap = max(0, maxDelay.inSeconds)
    let growth = max(1, multiplier.isFinite ? multiplier : 1)
    var value = initial
    var step = 1
    while step < attempt, value < cap {
      value *= growth
      step += 1
    }
    return .seconds(min(value, cap))
  }

  /// The delay after failed attempt `attempt`, drawn from `generator` (see the type's summary).
  public func delay(forAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
    let ceiling = ceiling(forAttempt: attempt).inSeconds
    let spread = ceiling * min(1, max(0, jitter.isFinite ? jitter : 1))
    guard spread > 0 else { return .seconds(ceiling) }
    let unit = Double(generator.next() >> 11) / Double(1 << 53)  // uniform in [0, 1)
    return .seconds(ceiling - spread + spread * unit)
  }

  /// Decides after failed attempt `attempt` (1-based), `elapsed` after the first failure:
  /// give up when `maxAttempts` attempts have failed or the next delay would end beyond
  /// `totalTimeLimit`; otherwise retry after a jittered delay.
  public func next(
    afterFailedAttempt attempt: Int, elapsed: Duration, using generator: inout some RandomNumberGenerator
  ) -> Decision {
    if let maxAttempts, attempt >= maxAttempts { return .giveUp }
    let delay = delay(forAttempt: attempt, using: &generator)
    if let totalTimeLimit, elapsed + delay > totalTimeLimit { return .giveUp }
    return .retry(after: delay)
  }
}

extension Duration {
  /// The duration in (fractional) seconds.
  var inSeconds: Double {
    let (whole, fraction) = components
    return Double(whole) + Double(fraction) / 1e18
  }
}
