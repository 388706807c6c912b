/// One instance's failure record under a ``GatewayEjectionPolicy``: consecutive failures, whether
/// it is ejected (until when), and whether it is being probed back.
struct InstanceHealth: Sendable {
  private(set) var consecutiveFailures = 0
  /// Ejections in a row (reset by a success); decides the next ejection's length.
  private(set) var streak = 0
  /// Ejections in total, for status.
  private(set) var ejections = 0
  /// Monotonic ns until which no call is routed to the instance (0: not ejected).
  private(set) var ejectedUntil: UInt64 = 0
  /// The ejection ended and the instance has not answered successfully since: one call at a time.
  private(set) var probing = false

  /// Whether a call may be routed to the instance at `now`, given the calls it has in flight.
  func isEligible(now: UInt64, inFlight: Int) -> Bool {
    if ejectedUntil > now { return false }
    return !(probing && inFlight > 0)
  }

  /// Whether the instance is ejected at `now`.
  func isEjected(now: UInt64) -> Bool { ejectedUntil > now }

  /// Records an answer at `now` that is not the instance's failure: it ends the failure count
  /// and the ejection streak, unless the instance is ejected (late answers to calls routed
  /// before an ejection do not end it).
  mutating func recordAnswer(now: UInt64) {
    if consecutiveFailures == 0, streak == 0, !probing { return }  // the common case: nothing to change
    if !isEjected(now: now) { recordSuccess() }
  }

  /// Records an answer that is not the instance's failure.
  mutating func recordSuccess() {
    consecutiveFailures = 0
    streak = 0
    probing = false
  }

  /// Records a failure at `now`; ejects the instance when the policy says so. Returns whether
  /// this failure ejected it.
  mutating func recordFailure(now: UInt64, policy: GatewayEjectionPolicy) -> Bool {
    // Answers to calls routed before the ejection began do not extend it.
    guard policy.consecutiveFailures > 0, ejectedUntil <= now else { return false }
    consecutiveFailures += 1
    guard probing || consecutiveFailures >= policy.consecutiveFailures else { return false }
    streak += 1
    ejections += 1
    consecutiveFailures = 0
    ejectedUntil = now &+ policy.ejectionLength(streak: streak).nanoseconds
    probing = true  // when the time is up, one call at a time until a success
    return true
  }
}
