extension Envelope {
  /// A `streamEnd`: `ok` when `error` is `nil`, otherwise failed with `error` (as in a `reply`).
  public static func streamEnd(id: UInt64, error: ParleyError?) -> Envelope {
    var envelope = Envelope(kind: .streamEnd, id: id)
    envelope.ok = error == nil
    envelope.error = error
    return envelope
  }

  /// A caller's `streamItem` granting the server `credit` more items of stream `id`.
  public static func streamCredit(id: UInt64, credit: UInt64) -> Envelope {
    var envelope = Envelope(kind: .streamItem, id: id)
    envelope.credit = credit
    return envelope
  }
}
