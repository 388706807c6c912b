import Synchronization

/// A token bucket that keeps retries from multiplying load: every retry spends one token, every
/// successful call earns back a fraction of one, and a retry is refused when less than one token
/// is left.
///
/// With the defaults (10 tokens, 0.1 per success) a client retries at most about one call in ten
/// in the long run, plus a burst of ten: when a server is down or overloaded, its clients stop
/// retrying instead of piling on. Share one budget between clients by giving them the same
/// instance (``RetryPolicy/budget``).
///
/// ```swift
/// let budget = RetryBudget(maxTokens: 20, tokensPerSuccess: 0.2)
/// var configuration = ParleyClientConfiguration()
/// configuration.retry.budget = budget
/// ```
public final class RetryBudget: Sendable {
  private struct State {
    var tokens: Double
    var granted = 0
    var refused = 0
  }

  /// The most tokens the bucket holds (it starts full).
  public let maxTokens: Double
  /// Tokens earned by each successful call.
  public let tokensPerSuccess: Double
  private let state: Mutex<State>

  /// Creates a full bucket of `maxTokens` (default 10) that earns `tokensPerSuccess` (default 0.1)
  /// per successful call.
  public init(maxTokens: Double = 10, tokensPerSuccess: Double = 0.1) {
    self.maxTokens = max(0, maxTokens)
    self.tokensPerSuccess = max(0, tokensPerSuccess)
    state = Mutex(State(tokens: max(0, maxTokens)))
  }

  /// Takes one token for a retry; returns `false` (and counts a refusal) when less than one is left.
  public func withdraw() -> Bool {
    state.withLock { state in
      guard state.tokens >= 1 else {
        state.refused += 1
        return false
      }
      state.tokens -= 1
      state.granted += 1
      return true
    }
  }

  /// Earns ``tokensPerSuccess`` for a successful call (up to ``maxTokens``).
  public func recordSuccess() {
    state.withLock { $0.tokens = min(maxTokens, $0.tokens + tokensPerSuccess) }
  }

  /// The tokens left.
  public var availableTokens: Double { state.withLock { $0.tokens } }
  /// Retries granted so far.
  public var grantedRetries: Int { state.withLock { $0.granted } }
  /// Retries refused so far because the bucket was empty.
  public var refusedRetries: Int { state.withLock { $0.refused } }
}
