import Synchronization

/// The server's end of one stream: sends items to the caller under credit-based flow control.
///
/// ``send(_:)`` suspends while the caller has granted no credit (it is behind), so a fast
/// producer never queues more than the caller's window. Given to ``StreamHandler``s.
public final class StreamWriter: Sendable {
  private struct State {
    var credit: UInt64
    var waiter: UnsafeContinuation<Void, any Error>?
    var ended: ParleyError?
    var sent = 0
  }

  private let core: ConnectionCore
  /// The stream's call id on its connection.
  public let callID: UInt64
  private let state: Mutex<State>
  /// The items' codec when it is not the connection's (the request's `payloadCodec`), else `nil`.
  private let payloadCodec: WireCodec?

  init(core: ConnectionCore, callID: UInt64, initialCredit: UInt64, payloadCodec: WireCodec? = nil) {
    self.core = core
    self.payloadCodec = payloadCodec
    self.callID = callID
    self.state = Mutex(State(credit: initialCredit))
  }

  /// Items sent so far.
  public var itemsSent: Int { state.withLock { $0.sent } }

  /// Sends one encoded item (in the request's codec, `IncomingCall.codec`), waiting for credit first.
  /// - Throws: `CancellationError` when the caller cancelled or the deadline passed;
  ///   ``ParleyError`` when the connection closed or the stream already ended.
  public func send(_ item: [UInt8]) async throws {
    try Task.checkCancellation()
    try await acquireCredit()
    var envelope = Envelope(kind: .streamItem, id: callID)
    envelope.payload = item
    envelope.payloadCodec = payloadCodec
    // Flushed at once (lowest latency); the channel keeps frames in write order either way.
    if let error = core.send(envelope, flushNow: true) {
      end(error)
      throw error
    }
  }

  private func acquireCredit() async throws {
    enum Step { case go, wait, fail(ParleyError) }
    let step = state.withLock { state -> Step in
      if let ended = state.ended { return .fail(ended) }
      if state.credit > 0 {
        state.credit -= 1
        state.sent += 1
        return .go
      }
      return .wait
    }
    switch step {
    case .go: return
    case .fail(let error): throw error
    case .wait: break
    }
    try await withTaskCancellationHandler {
      try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
        let resume = state.withLock { state -> Result<Void, any Error>? in
          if let ended = state.ended { return .failure(ended) }
          if Task.isCancelled { return .failure(CancellationError()) }
          if state.credit > 0 {
            state.credit -= 1
            state.sent += 1
            return .success(())
          }
          state.waiter = continuation
          return nil
        }
        if let resume { continuation.resume(with: resume) }
      }
    } onCancel: {
      let waiter = state.withLock { state -> UnsafeContinuation<Void, any Error>? in
        defer { state.waiter = nil }
        return state.waiter
      }
      waiter?.resume(throwing: CancellationError())
    }
  }

  /// The caller granted `credit` more items (a `streamItem` envelope with `credit`).
  func grant(_ credit: UInt64) {
    let waiter = state.withLock { state -> UnsafeContinuation<Void, any Error>? in
      // Saturating: a peer's huge grant (UInt64.max) must not wrap the window back to zero.
      let (sum, overflow) = state.credit.addingReportingOverflow(credit)
      state.credit = overflow ? UInt64.max : sum
      guard state.credit > 0, let waiter = state.waiter else { return nil }
      state.waiter = nil
      state.credit -= 1
      state.sent += 1
      return waiter
    }
    waiter?.resume()
  }

  /// The stream ended (answered, cancelled, timed out, connection closed): later sends fail.
  func end(_ error: ParleyError) {
    let waiter = state.withLock { state -> UnsafeContinuation<Void, any Error>? in
      if state.ended == nil { state.ended = error }
      defer { state.waiter = nil }
      return state.waiter
    }
    waiter?.resume(throwing: error)
  }
}
