/// The `kind` of an envelope. An open set: kinds this version does not know decode as
/// `EnvelopeKind(rawValue: "…")` and are answered with `PROTOCOL_ERROR`, never a crash.
///
/// A kind this version knows also carries its number (the binary envelope's kind number,
/// ``BinaryEnvelopeLayout/kindNumbers``), so comparing and hashing known kinds, which every
/// envelope goes through several times on its way, looks at one byte instead of a string.
public struct EnvelopeKind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  /// The name on the wire.
  public var rawValue: String {
    get { name }
    set { self = EnvelopeKind(rawValue: newValue) }
  }

  /// The wire name (``rawValue``).
  private var name: String

  /// The kind's number, 1 … 17 for the kinds of ``known``, 0 for any other name. Kinds with a
  /// number are equal exactly when their numbers are.
  let number: UInt8

  /// Creates a kind from its wire name.
  public init(rawValue: String) {
    name = rawValue
    number = Self.number(named: rawValue)
  }

  /// A known kind: `name` must be the wire name of kind `number` (the constants below).
  private init(known name: String, _ number: UInt8) {
    self.name = name
    self.number = number
  }

  // The known kinds are computed from literals rather than stored: reading one then costs no
  // global access and no reference counting (every name fits a string's inline storage).

  /// The client's first frame: protocol version, codecs offered, contracts, name, token.
  public static var hello: EnvelopeKind { EnvelopeKind(known: "hello", 1) }
  /// The shared-secret challenge (server) and its answer (client), between `hello` and `welcome`.
  public static var auth: EnvelopeKind { EnvelopeKind(known: "auth", 17) }
  /// The server's answer to an accepted `hello`: codec chosen, limits, heartbeat.
  public static var welcome: EnvelopeKind { EnvelopeKind(known: "welcome", 2) }
  /// The server's answer to a refused `hello`; the server then closes.
  public static var reject: EnvelopeKind { EnvelopeKind(known: "reject", 3) }
  /// A request expecting a `reply`.
  public static var call: EnvelopeKind { EnvelopeKind(known: "call", 4) }
  /// The answer to a `call`, `ok` or with an `error`.
  public static var reply: EnvelopeKind { EnvelopeKind(known: "reply", 5) }
  /// A fire-and-forget request: no reply, no error.
  public static var oneway: EnvelopeKind { EnvelopeKind(known: "oneway", 6) }
  /// Subscribes to an event (behaviour defined by the events issue).
  public static var subscribe: EnvelopeKind { EnvelopeKind(known: "subscribe", 7) }
  /// Ends a subscription (behaviour defined by the events issue).
  public static var unsubscribe: EnvelopeKind { EnvelopeKind(known: "unsubscribe", 8) }
  /// A published event (behaviour defined by the events issue).
  public static var event: EnvelopeKind { EnvelopeKind(known: "event", 9) }
  /// One item of a server stream (behaviour defined by the streams issue).
  public static var streamItem: EnvelopeKind { EnvelopeKind(known: "streamItem", 10) }
  /// The end of a server stream (behaviour defined by the streams issue).
  public static var streamEnd: EnvelopeKind { EnvelopeKind(known: "streamEnd", 11) }
  /// Asks the peer to stop working on a call; no reply follows.
  public static var cancel: EnvelopeKind { EnvelopeKind(known: "cancel", 12) }
  /// A service announcing itself to a gateway (behaviour defined by the gateway issue).
  public static var register: EnvelopeKind { EnvelopeKind(known: "register", 13) }
  /// A liveness probe, answered with `pong` by the I/O layer.
  public static var ping: EnvelopeKind { EnvelopeKind(known: "ping", 14) }
  /// The answer to a `ping`.
  public static var pong: EnvelopeKind { EnvelopeKind(known: "pong", 15) }
  /// The sender is closing the connection, with a code and message.
  public static var goaway: EnvelopeKind { EnvelopeKind(known: "goaway", 16) }

  /// The known kind with `number` (1 … 17), or `nil`.
  init?(number: UInt64) {
    switch number {
    case 1: self = .hello
    case 2: self = .welcome
    case 3: self = .reject
    case 4: self = .call
    case 5: self = .reply
    case 6: self = .oneway
    case 7: self = .subscribe
    case 8: self = .unsubscribe
    case 9: self = .event
    case 10: self = .streamItem
    case 11: self = .streamEnd
    case 12: self = .cancel
    case 13: self = .register
    case 14: self = .ping
    case 15: self = .pong
    case 16: self = .goaway
    case 17: self = .auth
    default: return nil
    }
  }

  /// Every kind this version of the protocol defines, in number order.
  static let all: [EnvelopeKind] = (1...17).compactMap { EnvelopeKind(number: $0) }

  /// Every kind this version of the protocol defines.
  public static let known: Set<EnvelopeKind> = Set(all)

  /// The numbers of the known kinds by name (a dictionary, so that a name equal to a known one
  /// in any Unicode form finds it, as `String` equality does).
  private static let numbersByName: [String: UInt8] = Dictionary(
    uniqueKeysWithValues: all.map { ($0.name, $0.number) })

  /// The number of the known kind named `name`, or 0.
  private static func number(named name: String) -> UInt8 {
    numbersByName[name] ?? 0
  }

  /// Whether this version of the protocol defines the kind.
  public var isKnown: Bool { number != 0 }

  /// The wire name.
  public var description: String { rawValue }

  /// Whether `a` and `b` are the same kind: equal numbers for known kinds, equal names otherwise.
  public static func == (a: EnvelopeKind, b: EnvelopeKind) -> Bool {
    // A name equal to a known kind's always gets its number, so a known and an unknown kind
    // are never equal.
    if a.number != 0 || b.number != 0 { return a.number == b.number }
    return a.name == b.name
  }

  /// Hashes the number of a known kind, the name of any other.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(number)
    if number == 0 { hasher.combine(name) }
  }
}
