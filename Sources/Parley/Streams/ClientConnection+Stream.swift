extension ClientConnection {
  /// Opens a server stream: calls `service.method` (a `stream` method) of `contract` at
  /// `version` with a payload encoded in `payloadCodec` (JSON unless stated; marked when it is
  /// not the connection's ``codec``) and returns its items, encoded in that same codec.
  ///
  /// The call carries a credit window (``CallOptions/streamCredit``); the server never sends
  /// more items than the consumer has room for. A stream has no deadline unless
  /// ``CallOptions/timeout`` is set (or the caller is a handler with a deadline): then the
  /// whole stream must end within it or it ends with `TIMEOUT`.
  /// - Throws: ``ParleyError`` when it cannot be sent (`NOT_CONNECTED`, `MAX_DEPTH_EXCEEDED`,
  ///   `FRAME_TOO_LARGE`, `CANCELLED`, `INTERNAL` for a malformed payload); the server's errors arrive at the end of the iteration.
  public nonisolated(nonsending) func stream(
    contract: String, version: Int, service: String, method: String, payload: [UInt8],
    payloadCodec: WireCodec = .json, options: CallOptions = CallOptions()
  ) async throws -> ParleyStream {
    let context = CallContext.outgoing(to: service)
    try precheck(
      context: context, service: service, method: method, payload: payload, payloadCodec: payloadCodec)
    try ensureReady()
    if Task.isCancelled {
      throw ParleyError(
        .cancelled, "the stream was cancelled before it was opened", mayHaveRun: false, service: service,
        method: method)
    }
    let now = Sys.now()
    var deadline = options.timeout.map { now &+ $0.nanoseconds }
    if let inherited = InheritedDeadline.current, inherited < (deadline ?? UInt64.max) {
      deadline = inherited
    }
    var timeoutMs: Int64?
    if let deadline {
      guard deadline > now else {
        throw ParleyError(
          .timeout, "no time left for the stream", mayHaveRun: false, service: service, method: method)
      }
      timeoutMs = Int64((deadline - now) / 1_000_000)
    }
    let window = UInt64(max(1, options.streamCredit ?? StreamDefaults.initialCredit))
    let id = nextID.add(1, ordering: .relaxed).oldValue
    let state = ClientStreamState(
      callID: id, service: service, method: method, payloadCodec: payloadCodec, window: window, core: core,
      registry: streams)
    streams.add(state)
    var envelope = Envelope.call(
      id: id, contract: contract, contractVersion: version, service: service, method: method,
      timeoutMs: timeoutMs, context: context, payload: payload)
    envelope.credit = window
    envelope.payloadCodec = marker(for: payloadCodec)
    if let error = core.send(envelope) {
      streams.remove(id)
      throw error.located(service: service, method: method, callID: id)
    }
    return ParleyStream(handle: ParleyStream.Handle(state))
  }
}
