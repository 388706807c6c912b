import Synchronization

/// Fires once, with the error that closed a connection; ``wait()`` returns it (at once if it
/// already fired).
final class ConnectionLossSignal: Sendable {
  private struct State {
    var error: ParleyError?
    var waiter: UnsafeContinuation<ParleyError, Never>?
  }

  private let state = Mutex(State())

  /// Records the loss and wakes the waiter (only the first call counts).
  func fire(_ error: ParleyError) {
    let waiter = state.withLock { state -> UnsafeContinuation<ParleyError, Never>? in
      guard state.error == nil else { return nil }
      state.error = error
      defer { state.waiter = nil }
      return state.waiter
    }
    waiter?.resume(returning: error)
  }

  /// Suspends until the connection is lost; returns why. One waiter at a time.
  func wait() async -> ParleyError {
    await withUnsafeContinuation { continuation in
      let fired = state.withLock { state -> ParleyError? in
        if let error = state.error { return error }
        state.waiter = continuation
        return nil
      }
      if let fired { continuation.resume(returning: fired) }
    }
  }
}
