import Synchronization

/// A client connection's open streams by call id: routes `streamItem` and `streamEnd`.
final class ClientStreams: Sendable {
  private let open = Mutex<[UInt64: ClientStreamState]>([:])
  /// Stream envelopes for ids that are not open (ended, cancelled, never opened): dropped.
  let unmatched = Atomic<Int>(0)

  func add(_ stream: ClientStreamState) {
    open.withLock { $0[stream.callID] = stream }
  }

  func remove(_ id: UInt64) {
    _ = open.withLock { $0.removeValue(forKey: id) }
  }

  /// Streams currently open.
  var count: Int { open.withLock { $0.count } }

  /// Hands a `streamItem` or `streamEnd` to its stream (on the I/O thread).
  ///
  /// An item, or an end's contract error payload, in another payload codec than the stream's
  /// call ends the stream with `PROTOCOL_ERROR` (counted as a protocol violation; an item also
  /// cancels the stream at the server), like a call's reply.
  func receive(_ envelope: Envelope, core: ConnectionCore) {
    guard let id = envelope.id, let stream = open.withLock({ $0[id] }) else {
      unmatched.add(1, ordering: .relaxed)
      return
    }
    let mismatch = envelope.payloadCodecMismatch(
      expected: stream.payloadCodec, connectionCodec: core.codec.id,
      answer: envelope.kind == .streamItem ? "stream item" : "stream end")
    if mismatch != nil { core.protocolViolations.add(1, ordering: .relaxed) }
    if envelope.kind == .streamItem {
      if let mismatch {
        stream.cancel(mismatch)
      } else {
        stream.receiveItem(envelope.payload ?? [])
      }
    } else {
      let error =
        envelope.ok == true
        ? nil
        : envelope.error ?? ParleyError(.protocolError, "failed streamEnd without an error", mayHaveRun: true)
      stream.receiveEnd(mismatch ?? error)
    }
  }

  /// A `reply` to a stream's id (a peer that does not serve streams refused the call): ends the
  /// stream with its error. Returns whether a stream had that id.
  func receiveReply(id: UInt64, _ result: Result<[UInt8], ParleyError>) -> Bool {
    guard let stream = open.withLock({ $0[id] }) else { return false }
    switch result {
    case .success:
      stream.receiveEnd(
        ParleyError(.protocolError, "the server answered a stream with a reply", mayHaveRun: true))
    case .failure(let error): stream.receiveEnd(error)
    }
    return true
  }

  /// The connection closed: every open stream ends with `error` (`CONNECTION_LOST`).
  func failAll(_ error: ParleyError) {
    let streams = open.withLock { open -> [ClientStreamState] in
      defer { open = [:] }
      return Array(open.values)
    }
    let lost = ParleyError(.connectionLost, error.message, mayHaveRun: true)
    for stream in streams { stream.receiveEnd(lost) }
  }
}
