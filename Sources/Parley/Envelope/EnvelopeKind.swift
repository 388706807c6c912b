/// The `kind` of an envelope. An open set: kinds this version does not know decode as
/// `EnvelopeKind(rawValue: "…")` and are answered with `PROTOCOL_ERROR`, never a crash.
public struct EnvelopeKind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  /// The name on the wire.
  public var rawValue: String

  /// Creates a kind from its wire name.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// The client's first frame: protocol version, codecs offered, contracts, name, token.
  public static let hello = EnvelopeKind(rawValue: "hello")
  /// The shared-secret challenge (server) and its answer (client), between `hello` and `welcome`.
  public static let auth = EnvelopeKind(rawValue: "auth")
  /// The server's answer to an accepted `hello`: codec chosen, limits, heartbeat.
  public static let welcome = EnvelopeKind(rawValue: "welcome")
  /// The server's answer to a refused `hello`; the server then closes.
  public static let reject = EnvelopeKind(rawValue: "reject")
  /// A request expecting a `reply`.
  public static let call = EnvelopeKind(rawValue: "call")
  /// The answer to a `call`, `ok` or with an `error`.
  public static let reply = EnvelopeKind(rawValue: "reply")
  /// A fire-and-forget request: no reply, no error.
  public static let oneway = EnvelopeKind(rawValue: "oneway")
  /// Subscribes to an event (behaviour defined by the events issue).
  public static let subscribe = EnvelopeKind(rawValue: "subscribe")
  /// Ends a subscription (behaviour defined by the events issue).
  public static let unsubscribe = EnvelopeKind(rawValue: "unsubscribe")
  /// A published event (behaviour defined by the events issue).
  public static let event = EnvelopeKind(rawValue: "event")
  /// One item of a server stream (behaviour defined by the streams issue).
  public static let streamItem = EnvelopeKind(rawValue: "streamItem")
  /// The end of a server stream (behaviour defined by the streams issue).
  public static let streamEnd = EnvelopeKind(rawValue: "streamEnd")
  /// Asks the peer to stop working on a call; no reply follows.
  public static let cancel = EnvelopeKind(rawValue: "cancel")
  /// A service announcing itself to a gateway (behaviour defined by the gateway issue).
  public static let register = EnvelopeKind(rawValue: "register")
  /// A liveness probe, answered with `pong` by the I/O layer.
  public static let ping = EnvelopeKind(rawValue: "ping")
  /// The answer to a `ping`.
  public static let pong = EnvelopeKind(rawValue: "pong")
  /// The sender is closing the connection, with a code and message.
  public static let goaway = EnvelopeKind(rawValue: "goaway")

  /// Every kind this version of the protocol defines.
  public static let known: Set<EnvelopeKind> = [
    .hello, .auth, .welcome, .reject, .call, .reply, .oneway, .subscribe, .unsubscribe, .event, .streamItem,
    .streamEnd, .cancel, .register, .ping, .pong, .goaway,
  ]

  /// Whether this version of the protocol defines the kind.
  public var isKnown: Bool { Self.known.contains(self) }

  /// The wire name.
  public var description: String { rawValue }
}
