/// Settings of a client connection. Every default comes from ``ParleyDefaults``.
public struct ClientConfiguration: Sendable {
  /// The client's name, sent in `hello` (default `"client"`).
  public var name: String = "client"
  /// Codecs offered, in order of preference (default `[BinaryEnvelopeCodec(), JSONEnvelopeCodec()]`:
  /// binary with servers that support it, as the default ``ServerConfiguration`` does, else
  /// JSON). The untyped API still takes and returns JSON text unless a call states another
  /// `payloadCodec`, so payloads written as JSON work over either codec; generated clients encode
  /// in the negotiated codec. Offer `[JSONEnvelopeCodec()]` only to keep every envelope JSON on
  /// the wire (e.g. to read frames by eye).
  public var codecs: [any EnvelopeCodec] = [BinaryEnvelopeCodec(), JSONEnvelopeCodec()]
  /// The contracts and versions this client speaks, sent in `hello` (default: none).
  public var contracts: [ContractVersion] = []
  /// The shared secret for servers that require one (TCP beyond loopback). It never crosses the
  /// wire: the client answers the server's challenge with an HMAC and checks the server's proof
  /// in `welcome`. When set, a server that does not prove it knows the secret is refused.
  public var secret: SharedSecret? = nil
  /// The shared secret as text (its UTF-8 bytes, at least ``SharedSecret/minimumByteCount``),
  /// used when ``secret`` is `nil`. Despite the name it is never sent. Prefer ``secret``.
  public var token: String? = nil
  /// Timeout of calls that do not set one: ``ParleyDefaults/callTimeout``.
  public var defaultTimeout: Duration = ParleyDefaults.callTimeout
  /// Deepest call chain this client sends: ``ParleyDefaults/maxDepth``.
  public var maxDepth: Int = ParleyDefaults.maxDepth
  /// Largest frame accepted from the server: ``ParleyDefaults/maxFrameSize``.
  public var maxFrameSize: Int = ParleyDefaults.maxFrameSize
  /// Calls in flight at once; more fail at once with `OVERLOADED` (did not run). The server's
  /// own limit from `welcome` applies too. Default ``ParleyDefaults/maxInFlightPerConnection``.
  public var maxInFlight: Int = ParleyDefaults.maxInFlightPerConnection
  /// Outbound bytes queued; above it, calls fail with `OVERLOADED` (did not run).
  public var maxPendingWriteBytes: Int = ParleyDefaults.maxPendingWriteBytes
  /// Quiet time before pinging; `.zero` disables liveness checks.
  public var heartbeatInterval: Duration = ParleyDefaults.heartbeatInterval
  /// Unanswered pings before the connection is declared dead.
  public var missedPingsAllowed: Int = ParleyDefaults.missedPingsAllowed
  /// Time allowed for `welcome` to arrive.
  public var handshakeTimeout: Duration = ParleyDefaults.handshakeTimeout
  /// Time bytes may wait to be sent with none being sent before the connection is closed (the
  /// server stopped reading): ``ParleyDefaults/writeProgressTimeout``; `.zero` disables. Checked
  /// whenever the connection's timer fires (at least every ``heartbeatInterval``).
  public var writeProgressTimeout: Duration = ParleyDefaults.writeProgressTimeout
  /// Time allowed to establish the transport connection.
  public var connectTimeout: Duration = ParleyDefaults.connectTimeout
  /// Whether payloads are checked to be well-formed before sending (default `true`).
  public var validatesPayloads: Bool = true

  /// Creates a configuration with every default.
  public init() {}
}
