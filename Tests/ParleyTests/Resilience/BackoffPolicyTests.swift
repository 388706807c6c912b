import Parley
import Testing

/// The backoff policy as a pure function, with seeded generators.
@Suite struct BackoffPolicyTests {
  let policy = BackoffPolicy(initialDelay: .milliseconds(10), maxDelay: .seconds(1), multiplier: 2)

  @Test func ceilingGrowsByTheMultiplierUpToTheMaximum() {
    let ceilings = (1...10).map { policy.ceiling(forAttempt: $0) }
    #expect(ceilings[0] == .milliseconds(10))
    #expect(ceilings[1] == .milliseconds(20))
    #expect(ceilings[2] == .milliseconds(40))
    for (earlier, later) in zip(ceilings, ceilings.dropFirst()) { #expect(earlier <= later) }
    #expect(ceilings.last == .seconds(1))
    #expect(policy.ceiling(forAttempt: 1_000_000) == .seconds(1))
  }

  @Test func fullJitterStaysBelowTheCeilingAndVaries() {
    var random = RuntimeRandom(seed: 42)
    for attempt in 1...12 {
      let ceiling = policy.ceiling(forAttempt: attempt)
      let delays = (0..<50).map { _ in policy.delay(forAttempt: attempt, using: &random) }
      for delay in delays { #expect(delay >= .zero && delay <= ceiling) }
      #expect(Set(delays.map { $0.components.attoseconds }).count > 1, "jitter must vary the delay")
    }
  }

  @Test func delaysGrowOnAverage() {
    var random = RuntimeRandom(seed: 7)
    func mean(_ attempt: Int) -> Double {
      let total = (0..<200).map { _ in policy.delay(forAttempt: attempt, using: &random) }.reduce(.zero, +)
      let (seconds, attoseconds) = (total / 200).components
      return Double(seconds) + Double(attoseconds) / 1e18
    }
    #expect(mean(1) < mean(3))
    #expect(mean(3) < mean(5))
  }

  @Test func sameSeedSameDelays() {
    var first = RuntimeRandom(seed: 99)
    var second = RuntimeRandom(seed: 99)
    let a = (1...20).map { policy.delay(forAttempt: $0, using: &first) }
    let b = (1...20).map { policy.delay(forAttempt: $0, using: &second) }
    #expect(a == b)
  }

  @Test func partialJitterKeepsTheLowerPart() {
    var half = policy
    half.jitter = 0.5
    var random = RuntimeRandom(seed: 3)
    for attempt in 1...8 {
      let ceiling = half.ceiling(forAttempt: attempt)
      let delay = half.delay(forAttempt: attempt, using: &random)
      #expect(delay >= ceiling / 2 && delay <= ceiling)
    }
    half.jitter = 0
    #expect(half.delay(forAttempt: 4, using: &random) == half.ceiling(forAttempt: 4))
  }

  @Test func givesUpAfterMaxAttempts() {
    var limited = policy
    limited.maxAttempts = 3
    var random = RuntimeRandom(seed: 1)
    #expect(limited.next(afterFailedAttempt: 1, elapsed: .zero, using: &random) != .giveUp)
    #expect(limited.next(afterFailedAttempt: 2, elapsed: .zero, using: &random) != .giveUp)
    #expect(limited.next(afterFailedAttempt: 3, elapsed: .zero, using: &random) == .giveUp)
  }

  @Test func givesUpWhenTheNextDelayWouldPassTheTotalTimeLimit() {
    var limited = policy
    limited.totalTimeLimit = .seconds(2)
    limited.jitter = 0
    var random = RuntimeRandom(seed: 1)
    #expect(
      limited.next(afterFailedAttempt: 1, elapsed: .seconds(1), using: &random)
        == .retry(after: .milliseconds(10)))
    #expect(
      limited.next(afterFailedAttempt: 20, elapsed: .milliseconds(999), using: &random)
        == .retry(after: .seconds(1)))
    #expect(limited.next(afterFailedAttempt: 20, elapsed: .milliseconds(1001), using: &random) == .giveUp)
  }

  @Test func defaultsSuitLocalIPC() {
    let defaults = BackoffPolicy()
    #expect(defaults.initialDelay == .milliseconds(20))
    #expect(defaults.maxDelay == .seconds(2))
    #expect(defaults.jitter == 1)
    #expect(defaults.maxAttempts == nil && defaults.totalTimeLimit == nil)
  }
}

/// Which failures the retry policy repeats, and the retry budget.
@Suite struct RetryPolicyTests {
  let policy = RetryPolicy()

  @Test(arguments: ParleyError.Code.allCases)
  func notRunFailuresOfRetryableCodesAreRetried(_ code: ParleyError.Code) {
    let error = ParleyError(code, "x", mayHaveRun: false)
    let expected = [.notConnected, .connectionLost, .overloaded, .shuttingDown].contains(code)
    #expect(policy.isRetryable(error, idempotent: false) == expected)
  }

  @Test func mayHaveRunIsRetriedOnlyForIdempotentMethods() {
    let lost = ParleyError(.connectionLost, "gone", mayHaveRun: true)
    #expect(!policy.isRetryable(lost, idempotent: false))
    #expect(policy.isRetryable(lost, idempotent: true))
    #expect(!policy.isRetryable(ParleyError(.timeout, "late", mayHaveRun: true), idempotent: true))
    #expect(!policy.isRetryable(.application(code: 1, name: "E", message: "m"), idempotent: true))
  }

  @Test func budgetRefusesWhenEmptyAndRefillsOnSuccess() {
    let budget = RetryBudget(maxTokens: 2, tokensPerSuccess: 0.5)
    #expect(budget.withdraw())
    #expect(budget.withdraw())
    #expect(!budget.withdraw())
    #expect(budget.refusedRetries == 1)
    budget.recordSuccess()
    #expect(!budget.withdraw())
    budget.recordSuccess()
    #expect(budget.withdraw())
    for _ in 0..<100 { budget.recordSuccess() }
    #expect(budget.availableTokens == 2)
    #expect(budget.grantedRetries == 3)
  }
}
