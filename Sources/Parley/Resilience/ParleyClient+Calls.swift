extension ParleyClient {
  /// Calls `service.method` over the current connection with a payload encoded in
  /// `payloadCodec` (JSON unless stated) and returns the reply payload, in that same codec,
  /// repeating the call when the ``RetryPolicy`` says that is safe (see
  /// ``ClientConnection/call(contract:version:service:method:payload:payloadCodec:options:)``).
  ///
  /// Without a ready connection the call fails at once with `NOT_CONNECTED` (did not run), or,
  /// with ``CallOptions/waitForReady`` (or ``ParleyClientConfiguration/waitsForReady``), waits
  /// for one until its deadline. Every attempt and every wait stays within the call's original
  /// deadline. The error thrown says `mayHaveRun: true` if any attempt may have run.
  /// - Throws: ``ParleyError``: the last attempt's error; `NOT_CONNECTED`; `TIMEOUT` (not run
  ///   when no connection became ready in time); `CANCELLED`.
  public nonisolated(nonsending) func call(
    contract: String, version: Int, service: String, method: String, payload: [UInt8],
    payloadCodec: WireCodec = .json, options: CallOptions = CallOptions()
  ) async throws -> [UInt8] {
    let now = Sys.now()
    var deadline = now &+ (options.timeout ?? configuration.connection.defaultTimeout).nanoseconds
    if let inherited = InheritedDeadline.current, inherited < deadline { deadline = inherited }
    let policy = configuration.retry
    var waitsForReady = options.waitForReady || configuration.waitsForReady
    var attempt = 1
    var mayHaveRun = false
    while true {
      let connection: ClientConnection
      do {
        connection = try await readyConnection(waitsForReady: waitsForReady, deadline: deadline)
      } catch var error as ParleyError {
        error.mayHaveRun = error.mayHaveRun || mayHaveRun
        throw error.located(service: service, method: method, callID: nil)
      }
      let left = Sys.now()
      var attemptOptions = options
      attemptOptions.timeout = .nanoseconds(Int64(clamping: deadline > left ? deadline - left : 0))
      do {
        let reply = try await connection.call(
          contract: contract, version: version, service: service, method: method, payload: payload,
          payloadCodec: payloadCodec, options: attemptOptions)
        policy.budget.recordSuccess()
        return reply
      } catch let error as ParleyError {
        mayHaveRun = mayHaveRun || error.mayHaveRun
        var final = error
        final.mayHaveRun = mayHaveRun
        guard attempt < policy.maxAttempts, policy.isRetryable(error, idempotent: options.idempotent) else {
          throw final
        }
        let delay = state.withLock { policy.backoff.delay(forAttempt: attempt, using: &$0.random) }
        guard Sys.now() &+ delay.nanoseconds < deadline else { throw final }
        guard policy.budget.withdraw() else {
          final.message += " (not retried: the retry budget is exhausted)"
          throw final
        }
        state.withLock { $0.statistics.retries += 1 }
        try? await Task.sleep(for: delay)
        if Task.isCancelled {
          throw ParleyError(
            .cancelled, "the call was cancelled while waiting to retry", mayHaveRun: mayHaveRun,
            service: service, method: method)
        }
        attempt += 1
        waitsForReady = true  // an accepted call survives a reconnect, within its deadline
      }
    }
  }

  /// Sends a oneway message with a payload encoded in `payloadCodec` (JSON unless stated): at
  /// once when ready, else queued (bounded) and sent once, in order, when a connection is ready
  /// (the payload keeps its codec, whatever codec that connection negotiates). Oneways are at
  /// most once: one lost with a connection is not sent again.
  /// - Throws: ``ParleyError``: `OVERLOADED` (not sent) when the queue is full; `NOT_CONNECTED`
  ///   after shutdown; the connection's own errors (`FRAME_TOO_LARGE`, `MAX_DEPTH_EXCEEDED`, …).
  public func oneway(
    contract: String, version: Int, service: String, method: String, payload: [UInt8],
    payloadCodec: WireCodec = .json
  ) throws {
    let message = QueuedOneway(
      contract: contract, version: version, service: service, method: method, payload: payload,
      payloadCodec: payloadCodec, context: CallContext.current)
    enum Route { case send(ClientConnection), queued(start: Bool) }
    let route = try state.withLock { state -> Route in
      if case .ready = state.phase, let connection = state.connection, !connection.isClosed {
        return .send(connection)
      }
      try enqueue(message, state: &state)
      if case .idle = state.phase { return .queued(start: true) }
      return .queued(start: false)
    }
    switch route {
    case .queued(let start):
      if start { self.start() }
    case .send(let connection):
      do {
        try connection.oneway(
          contract: contract, version: version, service: service, method: method, payload: payload,
          payloadCodec: payloadCodec)
      } catch let error as ParleyError where error.code == .notConnected {
        // The connection closed before the message was queued on it: nothing was sent.
        try state.withLock { try enqueue(message, state: &$0) }
      }
    }
  }

  private func enqueue(_ message: QueuedOneway, state: inout State) throws {
    if case .shutdown(let error) = state.phase {
      throw notConnected(error).located(service: message.service, method: message.method, callID: nil)
    }
    let limit = configuration.maxQueuedOneways
    let byteLimit = configuration.maxQueuedOnewayBytes
    if state.oneways.count >= limit || state.onewayBytes + message.payload.count > byteLimit {
      state.statistics.droppedOneways += 1
      throw ParleyError(
        .overloaded,
        "the oneway queue for \(target) is full (\(state.oneways.count) messages, \(state.onewayBytes) bytes; limits \(limit) and \(byteLimit)) while waiting for a connection",
        mayHaveRun: false, service: message.service, method: message.method)
    }
    state.oneways.append(message)
    state.onewayBytes += message.payload.count
  }

  /// Waits until a connection is ready and returns it.
  /// - Throws: ``ParleyError``: `TIMEOUT` (not ready within `timeout`), `NOT_CONNECTED` after
  ///   shutdown, `CANCELLED`.
  @discardableResult
  public func waitUntilReady(timeout: Duration) async throws -> ClientConnection {
    try await readyConnection(waitsForReady: true, deadline: Sys.now() &+ timeout.nanoseconds)
  }

  /// The ready connection, or waits: for the outcome of the attempt under way (fail-fast), or
  /// for a ready connection (`waitsForReady`), at most until `deadline`.
  nonisolated(nonsending) func readyConnection(waitsForReady: Bool, deadline: UInt64) async throws
    -> ClientConnection
  {
    // The common case, a ready connection, without suspending the task.
    let ready = state.withLock { state -> ClientConnection? in
      guard case .ready = state.phase, let connection = state.connection, !connection.isClosed else {
        return nil
      }
      return connection
    }
    if let ready { return ready }
    let id = state.withLock { $0.makeID() }
    return try await withTaskCancellationHandler {
      try await withUnsafeThrowingContinuation {
        (continuation: UnsafeContinuation<ClientConnection, any Error>) in
        enum Immediate { case connection(ClientConnection), failure(ParleyError), wait(start: Bool) }
        let immediate = state.withLock { state -> Immediate in
          switch state.phase {
          case .ready:
            if let connection = state.connection, !connection.isClosed { return .connection(connection) }
          case .shutdown(let error): return .failure(notConnected(error))
          case .transientFailure(let failure) where !waitsForReady:
            return .failure(notConnected(failure.error))
          default: break
          }
          if Task.isCancelled {
            return .failure(
              ParleyError(.cancelled, "the call was cancelled before it was sent", mayHaveRun: false))
          }
          if Sys.now() >= deadline { return .failure(noConnectionInTime(state.lastError)) }
          state.waiters[id] = Waiter(continuation: continuation, waitsForReady: waitsForReady)
          if case .idle = state.phase { return .wait(start: true) }
          return .wait(start: false)
        }
        switch immediate {
        case .connection(let connection): continuation.resume(returning: connection)
        case .failure(let error): continuation.resume(throwing: error)
        case .wait(let start):
          if start { self.start() }
          EventLoop.group.next().schedule(at: deadline) { [weak self] in
            self?.failWaiter(id) { $0.noConnectionInTime($1) }
          }
        }
      }
    } onCancel: {
      failWaiter(id) { _, _ in
        ParleyError(.cancelled, "the call was cancelled while waiting for a connection", mayHaveRun: false)
      }
    }
  }

  private func failWaiter(_ id: UInt64, _ error: (ParleyClient, ParleyError?) -> ParleyError) {
    let (waiter, lastError) = state.withLock { ($0.waiters.removeValue(forKey: id), $0.lastError) }
    waiter?.continuation.resume(throwing: error(self, lastError))
  }

  private func noConnectionInTime(_ lastError: ParleyError?) -> ParleyError {
    let reason = lastError.map { " (last error: \($0.message))" } ?? ""
    return ParleyError(
      .timeout, "no connection to \(target) became ready within the call's deadline\(reason)",
      mayHaveRun: false)
  }
}
