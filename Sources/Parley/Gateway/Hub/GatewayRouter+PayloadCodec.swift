/// Payloads through the hub keep their bytes: the hub never re-encodes them. When the two hops of
/// a forwarded `call`, `oneway`, `reply`, `streamItem` or `streamEnd` negotiated different envelope
/// codecs, the forwarded envelope names the payload's actual codec in `payloadCodec`, so that the
/// receiver decodes it right (`docs/wire-protocol.md`, "Payload codec"). Events are not marked:
/// their payloads are always JSON.
extension GatewayRouter {
  /// Marks `envelope`, arriving from `source`, for `target`: `payloadCodec` is the payload's codec
  /// (the envelope's own marker, else `source`'s codec) when it differs from `target`'s, else `nil`.
  static func carryPayloadCodec(_ envelope: inout Envelope, from source: ServerPeer, to target: ServerPeer) {
    carryPayloadCodec(&envelope, from: source.codec, to: target.codec)
  }

  /// Marks `envelope` as above, given the codecs of the connection it came from and of the one
  /// it goes to (the router keeps them per connection: asking a connection takes its lock).
  static func carryPayloadCodec(_ envelope: inout Envelope, from source: WireCodec, to target: WireCodec) {
    let actual = envelope.payloadCodec ?? source
    envelope.payloadCodec = actual == target ? nil : actual
  }
}
