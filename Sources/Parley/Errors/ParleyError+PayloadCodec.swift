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
