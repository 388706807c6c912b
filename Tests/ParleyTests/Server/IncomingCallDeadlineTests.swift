import Testing

@testable import Parley

/// `IncomingCall.deadline` is kept in monotonic nanoseconds and converted to and from
/// `ContinuousClock` when a handler reads or sets it; `Duration.nanoseconds` is that conversion.
@Suite struct IncomingCallDeadlineTests {
  private static func call(deadlineNanos: UInt64?) -> IncomingCall {
    IncomingCall(
      payload: [], codec: .json, contract: "test.echo", contractVersion: 1, service: "Echo", method: "echo",
      callID: 1, context: CallContext(root: "r", chain: ["Echo"], depth: 1),
      peer: PeerIdentity(credentials: nil, name: nil, address: "test"), deadlineNanos: deadlineNanos)
  }

  @Test func aDeadlineSetByAHandlerReadsBackAsTheSameInstant() throws {
    var call = Self.call(deadlineNanos: nil)
    #expect(call.deadline == nil)
    for offset in [Duration.seconds(30), .milliseconds(-1500), .zero] {
      let instant = ContinuousClock.now.advanced(by: offset)
      call.deadline = instant
      let read = try #require(call.deadline)
      // Two clock readings apart: equal up to the time the test takes (generously bounded).
      #expect(abs((read - instant) / .milliseconds(1)) < 1_000, "set \(instant), read \(read)")
    }
    call.deadline = nil
    #expect(call.deadline == nil && call.deadlineNanos == nil)
  }

  @Test func aDeadlineCenturiesAwayIsKeptAsFarAway() throws {
    var call = Self.call(deadlineNanos: nil)
    call.deadline = ContinuousClock.now.advanced(by: .seconds(Int64.max / 4))
    let read = try #require(call.deadline)
    #expect(read > ContinuousClock.now.advanced(by: .seconds(86_400 * 365 * 100)))
    let stored = try #require(call.deadlineNanos)
    #expect(stored > Sys.now())
  }

  @Test func durationsConvertToNanosecondsClampedAtBothEnds() {
    #expect(Duration.milliseconds(1500).nanoseconds == 1_500_000_000)
    #expect(Duration.nanoseconds(-1).nanoseconds == 0)
    #expect(Duration.seconds(-5).nanoseconds == 0)
    // Under a second and negative: zero whole seconds and negative attoseconds.
    #expect(Duration.milliseconds(-500).nanoseconds == 0)
    // Whole seconds that fit, plus a fraction that does not: clamped, not wrapped to a small value.
    let edge = Duration.seconds(Int64(UInt64.max / 1_000_000_000)) + .nanoseconds(999_999_999)
    #expect(edge.nanoseconds == UInt64.max / 2)
    #expect(Duration.seconds(Int64.max).nanoseconds == UInt64.max / 2)
  }
}
