import Testing

@testable import ParleyExamples

/// The demo services' late link: a handler that runs before `GatewayServiceLink.connect`
/// returned (the gateway routes to a service as soon as it is registered) waits for the link
/// instead of failing the call.
@Suite struct EventualTests {
  @Test func anEarlyReaderGetsTheValueOnceItIsSet() async throws {
    let eventual = Eventual<Int>()
    let reader = Task { try await eventual.value() }
    try await Task.sleep(for: .milliseconds(20))  // the reader is (most likely) waiting by now
    eventual.set(42)
    #expect(try await reader.value == 42)
    #expect(try await eventual.value() == 42)
  }

  @Test func aWaitingReaderStopsWhenItsCallIsCancelled() async throws {
    let eventual = Eventual<Int>()
    let reader = Task { try await eventual.value() }
    reader.cancel()
    await #expect(throws: CancellationError.self) { try await reader.value }
  }
}
