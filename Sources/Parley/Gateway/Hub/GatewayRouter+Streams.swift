/// Streams through the hub: items and ends flow from the instance to the caller, credit from
/// the caller to the instance, each frame forwarded as it arrives with the call ids swapped.
///
/// The hub buffers nothing of its own: the instance sends only the items the caller granted
/// credit for, so at most one credit window of items per stream waits in the hub's outbound
/// queue to a slow caller. `cancel` and the caller's or instance's disconnect are handled as
/// for calls (``GatewayRouter/cancel(_:from:)``, ``GatewayRouter/closed(_:)``).
extension GatewayRouter {
  /// Handles a `streamItem`: a caller's credit grant (with `credit`, without `payload`) goes to
  /// the instance running the stream; an instance's item goes to the caller of that stream.
  /// Frames of streams that have ended (or never existed) are dropped.
  func streamItem(_ envelope: Envelope, from peer: ServerPeer) {
    guard let id = envelope.id else { return }
    if envelope.credit != nil, envelope.payload == nil {
      grant(envelope, callerID: id, from: peer)
    } else {
      item(envelope, id: id, from: peer)
    }
  }

  private func grant(_ envelope: Envelope, callerID: UInt64, from peer: ServerPeer) {
    let callerKey = Self.key(peer)
    let target = state.withLock { state -> (ServerPeer, UInt64)? in
      guard let (key, id) = state.parties[callerKey]?.outgoing[callerID],
        let instance = state.instances[key]
      else { return nil }
      return (instance.peer, id)
    }
    guard let (instance, id) = target, let credit = envelope.credit else { return }
    // Always the spec's form, a `streamItem` with `credit` and no `payload`, under the hub's id.
    let relayed = Envelope.streamCredit(id: id, credit: credit)
    _ = send(relayed, to: instance)
  }

  private func item(_ envelope: Envelope, id: UInt64, from peer: ServerPeer) {
    guard let (callerPeer, callerID, callerCodec, instanceCodec) = itemRoute(id: id, from: peer) else {
      return
    }
    var forwarded = envelope
    forwarded.id = callerID
    Self.carryPayloadCodec(&forwarded, from: instanceCodec, to: callerCodec)
    // Items of one read batch leave together; the channel keeps them in order with the end.
    guard let error = send(forwarded, to: callerPeer, flushNow: false) else { return }
    itemUndeliverable(id: id, from: peer, to: callerPeer, error: error)
  }

  /// The caller of stream `id` of the instance on `peer` (its peer, its id for the stream, its
  /// codec) and the instance's codec; marks the stream as having run. `nil`: no such stream.
  func itemRoute(id: UInt64, from peer: ServerPeer) -> (ServerPeer, UInt64, WireCodec, WireCodec)? {
    let key = Self.key(peer)
    return state.withLock { state -> (ServerPeer, UInt64, WireCodec, WireCodec)? in
      guard let table = state.routes[key], let route = table.byID[id] else { return nil }
      if !route.itemsForwarded {
        table.byID[id]?.stream = true
        table.byID[id]?.itemsForwarded = true  // the stream has run: never retried
      }
      return (route.callerPeer, route.callerID, route.callerCodec, state.instances[key]?.codec ?? peer.codec)
    }
  }

  /// An item of stream `id` of the instance on `peer` could not be queued for its caller (gone,
  /// or its outbound queue is full): ends the stream at both ends.
  func itemUndeliverable(id: UInt64, from peer: ServerPeer, to callerPeer: ServerPeer, error: ParleyError) {
    let key = Self.key(peer)
    let taken = state.withLock { state -> Route? in
      guard let route = Self.takeRoute(instance: key, id: id, in: &state) else { return nil }
      Self.count(route, error: true, cancelled: false, in: &state)
      return route
    }
    guard let route = taken else { return }
    _ = send(Envelope(kind: .cancel, id: id), to: peer)
    let failure = ParleyError(
      error.code == .notConnected ? .connectionLost : error.code,
      "the stream could not be forwarded to its caller: \(error.message)", mayHaveRun: true)
    _ = send(Self.answer(route, error: failure), to: callerPeer)
    emit(.failed, service: route.service, method: route.method, context: route.context, error: failure)
  }
}
