import Testing

@testable import Parley

/// ``InstanceHealth/recordAnswer(now:)``, the router's record of an answer that is not a failure.
@Suite struct InstanceHealthTests {
  private let policy = GatewayEjectionPolicy(
    consecutiveFailures: 2, baseEjection: .nanoseconds(1_000), maxEjection: .nanoseconds(8_000))

  @Test func anAnswerResetsTheFailureCount() {
    var health = InstanceHealth()
    health.recordAnswer(now: 10)
    #expect(health.consecutiveFailures == 0 && health.streak == 0 && !health.probing)
    let first = health.recordFailure(now: 10, policy: policy)
    #expect(!first)
    health.recordAnswer(now: 11)
    #expect(health.consecutiveFailures == 0)
    let again = health.recordFailure(now: 12, policy: policy)
    #expect(!again)  // one failure in a row again: not ejected
  }

  @Test func aLateAnswerDoesNotEndAnEjectionButALaterOneEndsTheStreak() {
    var health = InstanceHealth()
    _ = health.recordFailure(now: 100, policy: policy)
    let ejected = health.recordFailure(now: 100, policy: policy)
    #expect(ejected)  // until 1,100
    health.recordAnswer(now: 500)  // routed before the ejection: changes nothing
    #expect(health.isEjected(now: 500) && health.streak == 1 && health.probing)
    #expect(!health.isEligible(now: 500, inFlight: 0))
    #expect(health.isEligible(now: 1_100, inFlight: 0))  // probed: one call at a time
    #expect(!health.isEligible(now: 1_100, inFlight: 1))
    health.recordAnswer(now: 1_200)
    #expect(!health.probing && health.streak == 0 && health.isEligible(now: 1_200, inFlight: 5))
  }
}
