/// Settings of a server. Every default comes from ``ParleyDefaults``.
public struct ServerConfiguration: Sendable {
  /// The server's name, sent in `welcome` (default `"server"`).
  public var name: String = "server"
  /// Codecs supported (default: binary and JSON): `binary` when the client offers it, otherwise
  /// the first of the client's offers found here (``CodecNegotiation/choose(offered:supported:)``).
  public var codecs: [any EnvelopeCodec] = [BinaryEnvelopeCodec(), JSONEnvelopeCodec()]
  /// Largest frame accepted: ``ParleyDefaults/maxFrameSize``.
  public var maxFrameSize: Int = ParleyDefaults.maxFrameSize
  /// Calls run at once per connection; more are refused with `OVERLOADED` (did not run).
  public var maxInFlightPerConnection: Int = ParleyDefaults.maxInFlightPerConnection
  /// Streams running at once per connection (they also count as calls in flight); more are
  /// refused with `OVERLOADED` (did not run).
  public var maxConcurrentStreamsPerConnection: Int = StreamDefaults.maxConcurrentStreamsPerConnection
  /// Outbound bytes queued per connection; above it the peer is not reading and the connection
  /// is closed with `goaway` `OVERLOADED`.
  public var maxPendingWriteBytes: Int = ParleyDefaults.maxPendingWriteBytes
  /// Quiet time before pinging; `.zero` disables liveness checks.
  public var heartbeatInterval: Duration = ParleyDefaults.heartbeatInterval
  /// Unanswered pings before a connection is declared dead.
  public var missedPingsAllowed: Int = ParleyDefaults.missedPingsAllowed
  /// Time a new connection has to send `hello`; then it is closed.
  public var handshakeTimeout: Duration = ParleyDefaults.handshakeTimeout
  /// Time bytes may wait to be sent to a peer with none being sent before its connection is
  /// closed (the peer stopped reading): ``ParleyDefaults/writeProgressTimeout``; `.zero`
  /// disables. Checked whenever the connection's timer fires (at least every heartbeat).
  public var writeProgressTimeout: Duration = ParleyDefaults.writeProgressTimeout
  /// Deepest call chain served; deeper calls fail with `MAX_DEPTH_EXCEEDED` (did not run).
  public var maxDepth: Int = ParleyDefaults.maxDepth
  /// Connections held at once; more are accepted and closed at once.
  public var maxConnections: Int = ParleyDefaults.maxConnections
  /// Connections still in the handshake; more are accepted and closed at once.
  public var maxUnauthenticatedConnections: Int = ParleyDefaults.maxUnauthenticatedConnections
  /// Mode of the socket file (Unix sockets): ``ParleyDefaults/socketFileMode``.
  public var socketFileMode: UInt32 = ParleyDefaults.socketFileMode
  /// Whether the socket's directory must be owned by the server's user and not writable by
  /// others (default `true`, per the spec's local-security rules).
  public var requiresPrivateSocketDirectory: Bool = true
  /// Which Unix-socket peers are accepted (default: the server's own user).
  public var peerPolicy: PeerPolicy = .sameUser
  /// Where call and oneway handlers run (default ``HandlerExecution/pool``): on the cooperative
  /// pool, started on the I/O thread that read the call, or with that I/O thread as their task
  /// executor (``HandlerExecution/ioThread``, no thread hop at all for quick handlers). Only
  /// choose an I/O-thread placement for handlers that never block and never compute for long
  /// between `await`s: they would delay every connection of that I/O thread, pings included.
  public var handlerExecution: HandlerExecution = .pool
  /// Whether call handlers start on the I/O thread (``handlerExecution`` is not
  /// ``HandlerExecution/pool``). Setting `true` chooses ``HandlerExecution/startOnIOThread``
  /// (they run there until their first suspension) unless an I/O-thread placement is already
  /// chosen; setting `false` chooses ``HandlerExecution/pool``.
  public var startsHandlersOnIOThread: Bool {
    get { handlerExecution != .pool }
    set {
      if !newValue {
        handlerExecution = .pool
      } else if handlerExecution == .pool {
        handlerExecution = .startOnIOThread
      }
    }
  }
  /// The shared secret every client must prove it knows, by challenge–response, before
  /// `welcome` (the secret never crosses the wire). Required for TCP bound beyond loopback; when
  /// set, it applies to every connection of the server. Load it with
  /// ``SharedSecret/load(fromFile:)``, which refuses files others can read.
  public var secret: SharedSecret? = nil
  /// The shared secret as text (its UTF-8 bytes, at least ``SharedSecret/minimumByteCount``),
  /// used when ``secret`` is `nil`; a shorter one makes ``ParleyServer/start(on:)`` fail. Prefer
  /// ``secret``.
  public var sharedSecret: String? = nil
  /// Receives the lifecycle events of the calls this server runs (handler started, succeeded,
  /// failed), each with its correlation root; see ``ParleyObserver``. Default: none.
  public var observer: ParleyObserver? = nil

  /// Creates a configuration with every default.
  public init() {}
}
