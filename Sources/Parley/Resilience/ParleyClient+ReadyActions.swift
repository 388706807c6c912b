extension ParleyClient {
  /// Registers `action` to run on every new connection before it is published as ready (in the
  /// order actions were added), e.g. a gateway service's registration or a subscriber's
  /// `subscribe`. If a connection is ready now, the action also runs now, on it.
  ///
  /// An action that throws (or takes longer than ``ParleyClientConfiguration/readyActionTimeout``)
  /// fails that connection attempt: the connection is closed and the client backs off and tries
  /// again, so a service is never left reachable but unregistered.
  ///
  /// ```swift
  /// try await client.addReadyAction(named: "subscribe orders") { connection in
  ///   let hub = GatewayClient(connection: connection)
  ///   let events = try await hub.subscribe("shop.orders.*")
  ///   Task { for await event in events { handle(event) } }
  /// }
  /// ```
  /// - Throws: the action's error when it ran now and failed on a connection that is still
  ///   open; it is not registered then. (If the connection was lost meanwhile, the action stays
  ///   registered and runs on the next one.)
  ///
  /// Runs on the caller's executor (the action itself runs in a child task): called from an
  /// actor, it does not leave it.
  @discardableResult
  public nonisolated(nonsending) func addReadyAction(named name: String, _ action: @escaping ReadyAction)
    async throws
    -> ReadyActionID
  {
    let (id, current) = state.withLock { state -> (UInt64, ClientConnection?) in
      let id = state.makeID()
      state.actions.append(Action(id: id, name: name, body: action))
      if case .ready = state.phase, let connection = state.connection, !connection.isClosed {
        return (id, connection)
      }
      return (id, nil)
    }
    if let current {
      do {
        try await run(Action(id: id, name: name, body: action), on: current)
      } catch {
        if !current.isClosed {
          removeReadyAction(ReadyActionID(value: id))
          throw error
        }
      }
    }
    return ReadyActionID(value: id)
  }

  /// Stops running the action on new connections.
  public func removeReadyAction(_ id: ReadyActionID) {
    state.withLock { $0.actions.removeAll { $0.id == id.value } }
  }

  /// Runs one action with the configured time limit.
  nonisolated(nonsending) func run(_ action: Action, on connection: ClientConnection) async throws {
    let timeout = configuration.readyActionTimeout
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { try await action.body(connection) }
      group.addTask {
        try await Task.sleep(for: timeout)
        throw ParleyError(.timeout, "did not finish within \(timeout)", mayHaveRun: false)
      }
      defer { group.cancelAll() }
      _ = try await group.next()
    }
  }
}
