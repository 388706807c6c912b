extension ParleyError {
  /// The error of a call or stream whose `answer` ("reply", "stream item"), or contract error
  /// `error`, carries a payload in `actual` instead of the call's payload codec `expected`
  /// (decoding it as `expected` would misread it): a server answers in the request's payload
  /// codec (`docs/wire-protocol.md`, "Payload codec").
  static func payloadCodecMismatch(
    in answer: String, error: ParleyError? = nil, actual: WireCodec, expected: WireCodec
  ) -> ParleyError {
    let what =
      error.map { "the server's \($0.code.rawValue) error carries a payload" } ?? "the \(answer)'s payload is"
    return ParleyError(
      .protocolError,
      "\(what) in \(actual.rawValue), but the call's payload was \(expected.rawValue): a server answers in the request's payload codec (payloadCodec)",
      mayHaveRun: true)
  }
}

extension Envelope {
  /// Why a client must not hand this answer to a call made in payload codec `expected` (a
  /// `reply`, `streamItem` or `streamEnd`, read on a connection of codec `connectionCodec`), or
  /// `nil` when it may: its payload, or its contract error's payload, is in another codec
  /// (`payloadCodec`, else the connection's). A failure without an error payload, and a
  /// successful `streamEnd`, carry no payload and are never checked.
  func payloadCodecMismatch(expected: WireCodec, connectionCodec: WireCodec, answer: String) -> ParleyError? {
    let actual = payloadCodec ?? connectionCodec
    guard actual != expected else { return nil }
    if ok == false || error != nil {
      guard let error, error.application?.payload.isEmpty == false else { return nil }
      return .payloadCodecMismatch(in: answer, error: error, actual: actual, expected: expected)
    }
    if kind == .streamEnd { return nil }
    return .payloadCodecMismatch(in: answer, actual: actual, expected: expected)
  }
}
