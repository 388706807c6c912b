/// Plain answers forwarded as bytes: a successful `reply` or `streamEnd`, or a `streamItem`, that
/// a binary instance sends for a caller on a binary connection leaves the hub as the frame it
/// arrived in with only the call id rewritten (``BinaryEnvelopeAnswer``), without being decoded
/// into an ``Envelope`` and encoded again. Routing, counters, health and the observer see it as
/// they see a decoded answer; anything else (failures, which may be retried and count for
/// ejection; JSON hops; unusual or bad bytes) takes the decoding path, with its checks and errors
/// (`docs/gateway.md`, "Cost per call").
extension GatewayRouter {
  /// Looks at the frames of the instance on `peer` before they are decoded, when its connection
  /// speaks the binary codec (called once it has registered).
  func forwardAnswersAsBytes(from peer: ServerPeer) {
    guard peer.codec == .binary else { return }
    peer.connection.core.setFrameInterceptor { [self] body in
      answerFrame(&body, from: peer)
    }
  }

  /// Forwards `body` when it is a plain answer (it is taken then); returns `false` to leave it
  /// to the decoder.
  func answerFrame(_ body: inout [UInt8], from peer: ServerPeer) -> Bool {
    guard let answer = BinaryEnvelopeAnswer(scanning: body) else { return false }
    var frame: [UInt8] = []
    swap(&frame, &body)  // unshared, so that it is rewritten in place
    if answer.kind == .streamItem {
      item(answer, frame, from: peer)
    } else {
      reply(answer, frame, from: peer)
    }
    return true
  }

  /// A successful `reply` or `streamEnd`, as ``reply(_:from:)`` handles it.
  private func reply(_ answer: BinaryEnvelopeAnswer, _ frame: consuming [UInt8], from peer: ServerPeer) {
    guard
      let found = settle(
        id: answer.id, kind: answer.kind.envelopeKind, failed: false, error: nil, from: peer, now: Sys.now())
    else { return }
    let route = found.route
    // While the caller waits for more replies, let its I/O thread send them together.
    _ = deliver(
      answer, frame, to: route.callerPeer, id: route.callerID, callerCodec: route.callerCodec,
      instanceCodec: found.instanceCodec, flushNow: !found.callerWaitsForMore)
    delivered(route, failed: false, error: nil)
  }

  /// A stream's item, as ``streamItem(_:from:)`` handles it.
  private func item(_ answer: BinaryEnvelopeAnswer, _ frame: consuming [UInt8], from peer: ServerPeer) {
    guard let (callerPeer, callerID, callerCodec, instanceCodec) = itemRoute(id: answer.id, from: peer) else {
      return
    }
    // Items of one read batch leave together; the channel keeps them in order with the end.
    guard
      let error = deliver(
        answer, frame, to: callerPeer, id: callerID, callerCodec: callerCodec, instanceCodec: instanceCodec,
        flushNow: false)
    else { return }
    itemUndeliverable(id: answer.id, from: peer, to: callerPeer, error: error)
  }

  /// Sends the answer in `frame` to the caller as `id`: the frame itself, rewritten, when both
  /// hops speak binary; else the envelope it holds, in the caller's codec.
  private func deliver(
    _ answer: BinaryEnvelopeAnswer, _ frame: consuming [UInt8], to caller: ServerPeer, id: UInt64,
    callerCodec: WireCodec, instanceCodec: WireCodec, flushNow: Bool
  ) -> ParleyError? {
    guard callerCodec == .binary, instanceCodec == .binary else {
      var envelope = answer.envelope(of: frame, id: id)
      Self.carryPayloadCodec(&envelope, from: instanceCodec, to: callerCodec)
      return send(envelope, to: caller, flushNow: flushNow)
    }
    // Both hops binary: the payload's marker (absent, or `json`) stays as it is, as
    // `carryPayloadCodec` leaves it.
    var bytes = consume frame
    answer.reframe(&bytes, id: id)
    answersForwardedAsBytes.add(1, ordering: .relaxed)
    return caller.connection.core.send(frame: bytes, flushNow: flushNow)
  }
}
