/// When a ``ParleyClient`` repeats a failed call.
///
/// A call is retried only when all of these hold:
/// - it is **safe**: the error says the call certainly did not run (`mayHaveRun == false`), or the
///   method is idempotent (``CallOptions/idempotent``, set by generated code for `@idempotent`);
/// - the error's code is in ``retryableCodes`` (a failure that another attempt can fix, not a
///   validation error or a contract error);
/// - fewer than ``maxAttempts`` attempts were made;
/// - the backoff delay ends before the call's original deadline (retries never extend it);
/// - the ``budget`` grants a token.
///
/// A retry waits for a ready connection (within the deadline) even for fail-fast calls: fail-fast
/// decides whether a call may *start* without a connection, not whether an accepted call may
/// survive a reconnect.
public struct RetryPolicy: Sendable {
  /// Attempts in total, including the first (default 3; 1 disables retries).
  public var maxAttempts: Int
  /// Delays between attempts (default 10 ms doubling up to 500 ms, full jitter; its attempt and
  /// time limits are not used: ``maxAttempts`` and the call's deadline bound retries).
  public var backoff: BackoffPolicy
  /// Codes worth another attempt (default `NOT_CONNECTED`, `CONNECTION_LOST`, `OVERLOADED`,
  /// `SHUTTING_DOWN`). `TIMEOUT` is never retried: the deadline is spent.
  public var retryableCodes: Set<ParleyError.Code>
  /// The token bucket retries draw from (default: a fresh ``RetryBudget`` per policy value;
  /// assign one instance to several clients to share it).
  public var budget: RetryBudget

  /// Creates a policy with the defaults above.
  public init(
    maxAttempts: Int = 3,
    backoff: BackoffPolicy = BackoffPolicy(initialDelay: .milliseconds(10), maxDelay: .milliseconds(500)),
    retryableCodes: Set<ParleyError.Code> = [.notConnected, .connectionLost, .overloaded, .shuttingDown],
    budget: RetryBudget = RetryBudget()
  ) {
    self.maxAttempts = maxAttempts
    self.backoff = backoff
    self.retryableCodes = retryableCodes
    self.budget = budget
  }

  /// A policy that never retries.
  public static var never: RetryPolicy { RetryPolicy(maxAttempts: 1) }

  /// Whether repeating a call that failed with `error` is safe and may help (budget and deadline
  /// aside): a retryable code, and the call did not run or is idempotent.
  public func isRetryable(_ error: ParleyError, idempotent: Bool) -> Bool {
    guard error.code != .timeout, error.code != .cancelled, retryableCodes.contains(error.code) else {
      return false
    }
    return !error.mayHaveRun || idempotent
  }
}
