import Synchronization

/// The client's end of one stream: a bounded queue of received items, the credit it granted,
/// and the consumer waiting for the next item.
///
/// The queue never holds more than the credit window: the server may only send items it was
/// granted credit for, and credit is granted back as the consumer takes items (half a window at
/// a time). A server that sends beyond its credit ends the stream with `PROTOCOL_ERROR`.
final class ClientStreamState: Sendable {
  private struct State {
    var queue: [[UInt8]] = []
    var head = 0
    var finished = false
    var endError: ParleyError?
    var endDelivered = false
    var waiter: UnsafeContinuation<[UInt8]?, any Error>?
    var outstanding: UInt64  // credit granted and not yet used by the server
    var consumedSinceGrant: UInt64 = 0
    var maxBuffered = 0
    var received = 0

    var buffered: Int { queue.count - head }

    mutating func pop() -> [UInt8] {
      let item = queue[head]
      queue[head] = []
      head += 1
      if head >= 256, head * 2 >= queue.count {
        queue.removeFirst(head)
        head = 0
      }
      return item
    }
  }

  let callID: UInt64
  let service: String
  let method: String
  /// The payload codec of the call that opened the stream: its items (and a contract error's
  /// payload) must come in it.
  let payloadCodec: WireCodec
  private let window: UInt64
  private let core: ConnectionCore
  private let registry: ClientStreams
  private let state: Mutex<State>

  init(
    callID: UInt64, service: String, method: String, payloadCodec: WireCodec, window: UInt64,
    core: ConnectionCore, registry: ClientStreams
  ) {
    self.callID = callID
    self.service = service
    self.method = method
    self.payloadCodec = payloadCodec
    self.window = window
    self.core = core
    self.registry = registry
    self.state = Mutex(State(outstanding: window))
  }

  /// The most items that were ever buffered, waiting for the consumer.
  var maxBuffered: Int { state.withLock { $0.maxBuffered } }

  /// Items received so far.
  var received: Int { state.withLock { $0.received } }

  /// Counts one consumed item; returns the credit to grant now, if any.
  private func consumeOne(_ state: inout State) -> UInt64? {
    state.consumedSinceGrant += 1
    guard !state.finished, state.consumedSinceGrant >= max(1, window / 2) else { return nil }
    let grant = state.consumedSinceGrant
    state.consumedSinceGrant = 0
    state.outstanding += grant
    return grant
  }

  private func sendGrant(_ grant: UInt64?) {
    guard let grant else { return }
    core.send(.streamCredit(id: callID, credit: grant), flushNow: true)
  }

  private func located(_ error: ParleyError) -> ParleyError {
    error.located(service: service, method: method, callID: callID)
  }

  // MARK: From the I/O thread

  func receiveItem(_ item: [UInt8]) {
    enum Action { case none, deliver(UnsafeContinuation<[UInt8]?, any Error>, UInt64?), violation }
    let action = state.withLock { state -> Action in
      if state.finished { return .none }
      guard state.outstanding > 0 else { return .violation }
      state.outstanding -= 1
      state.received += 1
      if let waiter = state.waiter {
        state.waiter = nil
        return .deliver(waiter, consumeOne(&state))
      }
      state.queue.append(item)
      state.maxBuffered = max(state.maxBuffered, state.buffered)
      return .none
    }
    switch action {
    case .none: break
    case .deliver(let waiter, let grant):
      waiter.resume(returning: item)
      sendGrant(grant)
    case .violation:
      core.protocolViolations.add(1, ordering: .relaxed)
      cancel(
        ParleyError(.protocolError, "the server sent a stream item without credit", mayHaveRun: true))
    }
  }

  func receiveEnd(_ error: ParleyError?) {
    let waiter = state.withLock { state -> UnsafeContinuation<[UInt8]?, any Error>? in
      if state.finished { return nil }
      state.finished = true
      state.endError = error
      guard let waiter = state.waiter else { return nil }
      state.waiter = nil
      state.endDelivered = true
      return waiter
    }
    registry.remove(callID)
    if let waiter {
      if let error { waiter.resume(throwing: located(error)) } else { waiter.resume(returning: nil) }
    }
  }

  /// Ends the stream locally with `error` and sends `cancel` (the server cancels its handler).
  func cancel(_ error: ParleyError) {
    let (wasOpen, waiter) = state.withLock { state -> (Bool, UnsafeContinuation<[UInt8]?, any Error>?) in
      if state.finished { return (false, nil) }
      state.finished = true
      state.endError = error
      state.queue = []
      state.head = 0
      guard let waiter = state.waiter else { return (true, nil) }
      state.waiter = nil
      state.endDelivered = true
      return (true, waiter)
    }
    guard wasOpen else { return }
    registry.remove(callID)
    core.send(Envelope(kind: .cancel, id: callID))
    waiter?.resume(throwing: located(error))
  }

  // MARK: From the consumer

  /// The next item, `nil` after a normal end; throws the stream's error once at the end. Runs on
  /// the caller's executor (an actor iterating a stream stays on it).
  nonisolated(nonsending) func next() async throws -> [UInt8]? {
    enum Step { case item([UInt8], UInt64?), end(ParleyError?), done, wait }
    let step = state.withLock { state -> Step in
      if state.buffered > 0 {
        let item = state.pop()
        return .item(item, consumeOne(&state))
      }
      if state.finished {
        if state.endDelivered { return .done }
        state.endDelivered = true
        return .end(state.endError)
      }
      return .wait
    }
    switch step {
    case .item(let item, let grant):
      sendGrant(grant)
      return item
    case .end(let error):
      if let error { throw located(error) }
      return nil
    case .done: return nil
    case .wait: break
    }
    return try await withTaskCancellationHandler {
      try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<[UInt8]?, any Error>) in
        enum Ready { case item([UInt8], UInt64?), end(ParleyError?), waiting }
        let ready = state.withLock { state -> Ready in
          if state.buffered > 0 {
            let item = state.pop()
            return .item(item, consumeOne(&state))
          }
          if state.finished {
            if state.endDelivered { return .end(nil) }
            state.endDelivered = true
            return .end(state.endError)
          }
          state.waiter = continuation
          return .waiting
        }
        switch ready {
        case .item(let item, let grant):
          continuation.resume(returning: item)
          sendGrant(grant)
        case .end(let error):
          if let error {
            continuation.resume(throwing: located(error))
          } else {
            continuation.resume(returning: nil)
          }
        case .waiting:
          if Task.isCancelled {
            cancel(ParleyError(.cancelled, "the stream was cancelled by the consumer", mayHaveRun: true))
          }
        }
      }
    } onCancel: {
      cancel(ParleyError(.cancelled, "the stream was cancelled by the consumer", mayHaveRun: true))
    }
  }
}
