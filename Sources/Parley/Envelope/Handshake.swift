/// A contract and the version a client speaks, as listed in `hello`.
public struct ContractVersion: Sendable, Hashable {
  /// The contract name, e.g. `shop.orders`.
  public var name: String
  /// The contract version, e.g. `3`.
  public var version: Int

  /// Creates an entry.
  public init(name: String, version: Int) {
    self.name = name
    self.version = version
  }
}

/// A contract a server serves and the range of client versions it accepts, as listed in `welcome`.
public struct ServedContract: Sendable, Hashable {
  /// The contract name.
  public var name: String
  /// The server's version of the contract.
  public var version: Int
  /// The oldest client version accepted.
  public var minimumVersion: Int

  /// Creates an entry.
  public init(name: String, version: Int, minimumVersion: Int) {
    self.name = name
    self.version = version
    self.minimumVersion = minimumVersion
  }

  /// Whether calls made with contract version `version` are accepted.
  public func accepts(_ clientVersion: Int) -> Bool {
    clientVersion >= minimumVersion && clientVersion <= version
  }
}

/// The fields of a `hello` envelope.
public struct Hello: Sendable, Equatable {
  /// Codec names offered, in the client's order of preference (unknown names are kept).
  public var codecs: [String]
  /// The contracts and versions the client speaks.
  public var contracts: [ContractVersion]
  /// The client's own name (used in logs and as the peer name).
  public var name: String?
  /// Legacy member, no longer used for authentication: servers with a shared secret ignore it
  /// and run the challenge–response exchange of ``AuthExchange`` instead. Never put a secret here.
  public var token: String?
  /// The largest frame the client accepts, in bytes.
  public var maxFrame: Int?

  /// Creates a hello.
  public init(
    codecs: [String], contracts: [ContractVersion] = [], name: String? = nil, token: String? = nil,
    maxFrame: Int? = nil
  ) {
    self.codecs = codecs
    self.contracts = contracts
    self.name = name
    self.token = token
    self.maxFrame = maxFrame
  }
}

/// The fields of a `welcome` envelope.
public struct Welcome: Sendable, Equatable {
  /// The codec chosen for every later envelope.
  public var codec: String
  /// The largest frame the server accepts, in bytes.
  public var maxFrame: Int
  /// How long the server lets the connection be quiet before it pings, in milliseconds.
  public var heartbeatMs: Int
  /// The most calls the server runs at once for this connection.
  public var maxInFlight: Int
  /// The contracts the server serves.
  public var contracts: [ServedContract]
  /// The server's name.
  public var name: String?
  /// The server's proof of knowing the shared secret (`"proof"` on the wire, 32 bytes), present
  /// only after an ``AuthExchange``.
  public var proof: [UInt8]?

  /// Creates a welcome.
  public init(
    codec: String, maxFrame: Int, heartbeatMs: Int, maxInFlight: Int, contracts: [ServedContract] = [],
    name: String? = nil, proof: [UInt8]? = nil
  ) {
    self.proof = proof
    self.codec = codec
    self.maxFrame = maxFrame
    self.heartbeatMs = heartbeatMs
    self.maxInFlight = maxInFlight
    self.contracts = contracts
    self.name = name
  }
}

/// The members of an `auth` envelope: the shared-secret challenge–response between `hello` and
/// `welcome` (see `docs/wire-protocol.md`, "Security").
///
/// The server sends `challenge` (its 32-byte nonce); the client answers with `nonce` (its own
/// 32-byte nonce) and `proof` (`HMAC-SHA256(secret, challenge ‖ nonce ‖ "parley-auth-v1 client tcp")`).
/// On the wire each is lowercase hexadecimal (64 characters).
public struct AuthExchange: Sendable, Equatable {
  /// The server's nonce (server to client).
  public var challenge: [UInt8]?
  /// The client's nonce (client to server).
  public var nonce: [UInt8]?
  /// The client's proof (client to server).
  public var proof: [UInt8]?

  /// Creates the members of an `auth` envelope.
  public init(challenge: [UInt8]? = nil, nonce: [UInt8]? = nil, proof: [UInt8]? = nil) {
    self.challenge = challenge
    self.nonce = nonce
    self.proof = proof
  }
}
