import Parley
import Testing

/// Retries through a `ParleyClient`: only when safe, within the budget, never twice otherwise.
@Suite struct RetryTests {
  /// `test.echo` `Echo` with handlers that count their executions.
  static func service(_ counter: ExecutionCounter, link: @escaping @Sendable () -> InProcessLink?)
    -> ServiceRegistration
  {
    var service = ServiceRegistration(contract: "test.echo", version: 1, service: "Echo")
    service.method("echo") { call in call.payload }
    service.method("cutOnce") { call in
      // Runs, then the connection dies before the reply: the caller cannot know it ran.
      if counter.increment() == 1 {
        link()?.cut()
        try await Task.sleep(for: .seconds(30))
      }
      return call.payload
    }
    service.method("refuseTwice") { call in
      if counter.increment() <= 2 { throw ParleyError(.overloaded, "busy", mayHaveRun: false) }
      return call.payload
    }
    service.method("refuse") { _ in
      counter.increment()
      throw ParleyError(.overloaded, "busy", mayHaveRun: false)
    }
    service.method("invalid") { _ in
      counter.increment()
      throw ParleyError.validationFailed([.init(path: "x", message: "bad")])
    }
    return service
  }

  struct Fixture {
    let counter = ExecutionCounter()
    let link: InProcessLink
    let client: ParleyClient

    init(_ configure: (inout ParleyClientConfiguration) -> Void = { _ in }) async throws {
      let counter = self.counter
      let box = LinkBox()
      link = InProcessLink(services: [RetryTests.service(counter) { box.link }])
      box.link = link
      var configuration = fastClientConfiguration()
      configure(&configuration)
      client = ParleyClient(target: "in-process", configuration: configuration, connector: link.connector)
      try await client.waitUntilReady(timeout: .seconds(60))
    }

    func tearDown() async {
      await client.close()
      await link.server.stop(grace: .milliseconds(100))
    }
  }

  @Test func nonIdempotentCallWhoseConnectionDiesIsNotRetried() async throws {
    let f = try await Fixture()
    let error = await expectParleyError(.connectionLost) {
      _ = try await f.client.invoke("cutOnce", "{}", options: CallOptions(timeout: .seconds(10)))
    }
    #expect(error?.mayHaveRun == true)
    try await f.client.waitUntilReady(timeout: .seconds(10))
    #expect(f.counter.value == 1, "ran once, not repeated")
    #expect(f.client.statistics.retries == 0)
    await f.tearDown()
  }

  @Test func idempotentCallIsRetriedOnTheNextConnection() async throws {
    let f = try await Fixture()
    let reply = try await f.client.invoke(
      "cutOnce", #"{"k":1}"#, options: CallOptions(timeout: .seconds(10), idempotent: true))
    #expect(reply == #"{"k":1}"#)
    #expect(f.counter.value == 2)
    #expect(f.client.statistics.retries == 1)
    #expect(f.client.statistics.connectionsMade == 2)
    await f.tearDown()
  }

  @Test func callThatCertainlyDidNotRunIsRetried() async throws {
    let f = try await Fixture()
    #expect(try await f.client.invoke("refuseTwice", "{}") == "{}")
    #expect(f.counter.value == 3)
    #expect(f.client.statistics.retries == 2)
    await f.tearDown()
  }

  @Test func failuresAnotherAttemptCannotFixAreNotRetried() async throws {
    let f = try await Fixture()
    await expectParleyError(.validationFailed) { _ = try await f.client.invoke("invalid", "{}") }
    await expectParleyError(.serviceNotFound) {
      _ = try await f.client.call(
        contract: "test.echo", version: 1, service: "Nope", method: "x", payload: [])
    }
    #expect(f.counter.value == 1)
    #expect(f.client.statistics.retries == 0)
    await f.tearDown()
  }

  @Test func retryBudgetStopsRetriesFromMultiplyingLoad() async throws {
    let budget = RetryBudget(maxTokens: 2, tokensPerSuccess: 0.5)
    let f = try await Fixture {
      $0.retry.maxAttempts = 10
      $0.retry.budget = budget
    }
    let first = await expectParleyError(.overloaded) { _ = try await f.client.invoke("refuse", "{}") }
    #expect(f.counter.value == 3, "1 attempt + 2 retries from the budget")
    #expect(first?.message.contains("retry budget") == true)
    await expectParleyError(.overloaded) { _ = try await f.client.invoke("refuse", "{}") }
    #expect(f.counter.value == 4, "an empty budget allows no retry")
    #expect(budget.refusedRetries == 2)
    _ = try await f.client.echo("{}")
    _ = try await f.client.echo("{}")
    #expect(budget.availableTokens == 1, "successes earn tokens back")
    await f.tearDown()
  }

  @Test func retriesStayWithinTheOriginalDeadline() async throws {
    let f = try await Fixture {
      $0.retry.maxAttempts = 1000
      $0.retry.budget = RetryBudget(maxTokens: 1000)
      $0.retry.backoff = BackoffPolicy(
        initialDelay: .milliseconds(20), maxDelay: .milliseconds(20), jitter: 0)
    }
    do {
      _ = try await f.client.invoke("refuse", "{}", options: CallOptions(timeout: .milliseconds(200)))
      Issue.record("the call should fail")
    } catch let error as ParleyError {
      // The last refusal, or the deadline running out during the last attempt.
      #expect(error.code == .overloaded || error.code == .timeout, "\(error)")
    }
    #expect(f.counter.value < 1000, "retries stopped at the deadline, after \(f.counter.value)")
    await f.tearDown()
  }
}

/// Lets a handler reach the link that is created after it.
final class LinkBox: @unchecked Sendable {
  var link: InProcessLink?
}
