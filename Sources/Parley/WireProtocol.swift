/// Constants of the Parley wire protocol (see `docs/wire-protocol.md`).
public enum WireProtocol {
  /// The protocol version carried as `"v"` in every envelope.
  public static let version = 1
}
