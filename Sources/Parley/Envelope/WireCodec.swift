/// The identity of an envelope codec, negotiated in the handshake: the client offers a list in
/// `hello`, the server picks the first one it supports, in the client's order, in `welcome`.
public enum WireCodec: String, Sendable, Hashable, CaseIterable {
  /// One UTF-8 JSON object per envelope; payloads are JSON values.
  case json
  /// The compact field-number encoding (implemented by the code-generation issue).
  case binary
}
