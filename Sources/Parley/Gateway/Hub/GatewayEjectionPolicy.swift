/// When the hub stops routing to an instance that keeps failing, and for how long.
///
/// After ``consecutiveFailures`` failures in a row (answers with one of ``failureCodes``, calls
/// the hub gave up on, calls it could not forward), the instance is **ejected**: no call is
/// routed to it for ``baseEjection``, doubled at every ejection in a row, at most
/// ``maxEjection``. When the time is up it is **probed**: it gets one call at a time; a success
/// ends the ejection streak, a failure ejects it again (for twice as long). Any success resets
/// the count of failures.
///
/// When every instance that could take a call is ejected, the hub routes to them anyway (an
/// answer from a struggling instance beats a certain `SERVICE_NOT_FOUND`).
///
/// ```swift
/// var configuration = GatewayConfiguration()
/// configuration.ejection = GatewayEjectionPolicy(consecutiveFailures: 3, baseEjection: .milliseconds(500))
/// configuration.ejection = .disabled
/// ```
public struct GatewayEjectionPolicy: Sendable, Equatable {
  /// Failures in a row that eject an instance (default 5; 0 disables ejection).
  public var consecutiveFailures: Int
  /// The first ejection's length (default 1 s).
  public var baseEjection: Duration
  /// The longest ejection (default 30 s).
  public var maxEjection: Duration
  /// The error codes of an answer that count as the instance's failure (default `INTERNAL`,
  /// `TIMEOUT`, `OVERLOADED`, `SHUTTING_DOWN`, `CONNECTION_LOST`). Errors the caller caused
  /// (`APPLICATION`, `VALIDATION_FAILED`, `CANCELLED`, …) never count.
  public var failureCodes: Set<ParleyError.Code>

  /// Creates a policy; every parameter has its default.
  public init(
    consecutiveFailures: Int = 5, baseEjection: Duration = .seconds(1), maxEjection: Duration = .seconds(30),
    failureCodes: Set<ParleyError.Code> = [.internal, .timeout, .overloaded, .shuttingDown, .connectionLost]
  ) {
    self.consecutiveFailures = consecutiveFailures
    self.baseEjection = baseEjection
    self.maxEjection = maxEjection
    self.failureCodes = failureCodes
  }

  /// No ejection: every live instance is routed to, however it answers.
  public static let disabled = GatewayEjectionPolicy(consecutiveFailures: 0)

  /// The length of ejection number `streak` in a row (1-based): `baseEjection × 2^(streak−1)`,
  /// at most `maxEjection`.
  public func ejectionLength(streak: Int) -> Duration {
    var length = baseEjection
    var step = 1
    while step < streak, length < maxEjection {
      length = length * 2
      step += 1
    }
    return min(length, maxEjection)
  }
}
