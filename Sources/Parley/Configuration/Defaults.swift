/// Every default of the runtime, in one place (documented in `docs/runtime.md`).
public enum ParleyDefaults {
  /// Largest frame accepted: 16 MiB (spec default).
  public static let maxFrameSize = WireProtocol.defaultMaxFrameSize
  /// Quiet time after which a side pings: 5 s.
  public static let heartbeatInterval = Duration.seconds(5)
  /// Unanswered pings after which the peer is declared dead: 3 (spec default).
  public static let missedPingsAllowed = 3
  /// Timeout of a call that names none: 30 s.
  public static let callTimeout = Duration.seconds(30)
  /// Deepest call chain allowed: 16.
  public static let maxDepth = 16
  /// Calls in flight per connection: 1,024 (both the client's cap and the server's).
  public static let maxInFlightPerConnection = 1024
  /// Bytes queued for sending per connection before new calls fail with `OVERLOADED`: 64 MiB.
  public static let maxPendingWriteBytes = 64 * 1024 * 1024
  /// Time a new connection has to complete the handshake: 5 s.
  public static let handshakeTimeout = Duration.seconds(5)
  /// Time to establish a transport connection: 5 s.
  public static let connectTimeout = Duration.seconds(5)
  /// Time a connection may have bytes waiting to be sent with none being sent before it is
  /// closed, the peer having stopped reading: 30 s.
  public static let writeProgressTimeout = Duration.seconds(30)
  /// Connections a server holds at once: 1,024.
  public static let maxConnections = 1024
  /// Connections that have not completed the handshake yet: 64.
  public static let maxUnauthenticatedConnections = 64
  /// Mode of a server's socket file: 0600.
  public static let socketFileMode: UInt32 = 0o600
  /// Mode of a socket directory the server creates: 0700.
  public static let socketDirectoryMode: UInt32 = 0o700
  /// Nesting limit of JSON envelopes and payloads: 64.
  public static let maxJSONDepth = JSONReader.defaultMaxDepth
}

extension Duration {
  /// The duration in nanoseconds: 0 when negative, `UInt64.max / 2` (centuries: "never", and
  /// still safe to add to a clock reading) when it does not fit in `UInt64`.
  var nanoseconds: UInt64 {
    let (seconds, attoseconds) = components
    // A negative duration has both components at or below zero (e.g. -500 ms is 0 s and
    // -5e17 as).
    if seconds < 0 || attoseconds < 0 { return 0 }
    let whole = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
    let total = whole.partialValue.addingReportingOverflow(UInt64(attoseconds / 1_000_000_000))
    if whole.overflow || total.overflow { return UInt64.max / 2 }
    return total.partialValue
  }
}
