/// The field numbers of the binary envelope and its nested messages, and the numbers of the
/// envelope kinds: the one place where the binary envelope's layout is decided
/// (`docs/wire-protocol.md`, "The binary envelope").
public enum BinaryEnvelopeLayout {
  /// Field numbers of the envelope message.
  public enum Field {
    /// `v`, the protocol version (zigzag varint). Required.
    public static let version = 1
    /// `kind`: a varint kind number (``BinaryEnvelopeLayout/kindNumbers``) or, for a kind without
    /// a number, its name (length-delimited UTF-8). Required.
    public static let kind = 2
    /// `id` (varint).
    public static let id = 3
    /// `contract` (string).
    public static let contract = 4
    /// `cv` (zigzag varint).
    public static let contractVersion = 5
    /// `service` (string).
    public static let service = 6
    /// `method` (string).
    public static let method = 7
    /// `timeoutMs` (zigzag varint).
    public static let timeoutMs = 8
    /// `ctx` (message: 1 root, 2 chain, 3 depth).
    public static let context = 9
    /// `ok` (bool varint).
    public static let ok = 10
    /// `payload`: the payload bytes, carried as they are (length-delimited).
    public static let payload = 11
    /// `credit` (varint).
    public static let credit = 12
    /// `error` (message, ``ErrorField``); also carries the code and message of `reject` and `goaway`.
    public static let error = 13
    /// `from` (message, ``FromField``).
    public static let from = 14
    /// The members of `hello` (message, ``HelloField``).
    public static let hello = 15
    /// The members of `welcome` (message, ``WelcomeField``).
    public static let welcome = 16
    /// The members of `auth` (message, ``AuthField``).
    public static let auth = 17
    /// `payloadCodec`: the codec of the payload when it is not the connection's (string name).
    public static let payloadCodec = 18
  }

  /// Field numbers of the `ctx` message.
  public enum ContextField {
    /// `root` (string).
    public static let root = 1
    /// `chain` (list of strings).
    public static let chain = 2
    /// `depth` (zigzag varint).
    public static let depth = 3
  }

  /// Field numbers of the `error` message.
  public enum ErrorField {
    /// `code`, the error code's wire name (string).
    public static let code = 1
    /// `message` (string).
    public static let message = 2
    /// `mayHaveRun` (bool).
    public static let mayHaveRun = 3
    /// `app`, the contract error's code (zigzag varint).
    public static let app = 4
    /// `name`, the contract error's name (string).
    public static let name = 5
    /// `payload`, the contract error's fields (bytes, carried as they are).
    public static let payload = 6
    /// `violations` (list of messages: 1 path, 2 message).
    public static let violations = 7
  }

  /// Field numbers of the `from` message.
  public enum FromField {
    /// `name` (string).
    public static let name = 1
    /// `uid` (varint).
    public static let uid = 2
    /// `gid` (varint).
    public static let gid = 3
    /// `pid` (zigzag varint).
    public static let pid = 4
    /// `address` (string).
    public static let address = 5
  }

  /// Field numbers of the `hello` message.
  public enum HelloField {
    /// `codecs` (list of strings).
    public static let codecs = 1
    /// `contracts` (list of messages: 1 name, 2 version).
    public static let contracts = 2
    /// `name` (string).
    public static let name = 3
    /// `token` (string).
    public static let token = 4
    /// `maxFrame` (zigzag varint).
    public static let maxFrame = 5
  }

  /// Field numbers of the `welcome` message.
  public enum WelcomeField {
    /// `codec` (string). Required.
    public static let codec = 1
    /// `maxFrame` (zigzag varint).
    public static let maxFrame = 2
    /// `heartbeatMs` (zigzag varint).
    public static let heartbeatMs = 3
    /// `maxInFlight` (zigzag varint).
    public static let maxInFlight = 4
    /// `contracts` (list of messages: 1 name, 2 version, 3 minVersion).
    public static let contracts = 5
    /// `name` (string).
    public static let name = 6
    /// `proof` (bytes).
    public static let proof = 7
  }

  /// Field numbers of the `auth` message.
  public enum AuthField {
    /// `challenge` (bytes).
    public static let challenge = 1
    /// `nonce` (bytes).
    public static let nonce = 2
    /// `proof` (bytes).
    public static let proof = 3
  }

  /// Field numbers of a contract entry (in `hello` and `welcome`) and of a violation.
  public enum EntryField {
    /// A contract entry's `name`, a violation's `path` (string).
    public static let first = 1
    /// A contract entry's `version` (zigzag varint), a violation's `message` (string).
    public static let second = 2
    /// A served contract's `minVersion` (zigzag varint).
    public static let third = 3
  }

  /// The number of each kind on the wire, in the order of the spec's list (`auth` last).
  public static let kindNumbers: [(kind: EnvelopeKind, number: Int)] = EnvelopeKind.all.map {
    ($0, Int($0.number))
  }

  /// The wire number of `kind`, or `nil` for a kind without one (written by name).
  public static func number(of kind: EnvelopeKind) -> Int? {
    kind.number == 0 ? nil : Int(kind.number)
  }

  /// The kind with wire number `number`; an unknown number gives a kind named `#<number>`, which
  /// is not ``EnvelopeKind/isKnown`` and is answered like any unknown kind.
  public static func kind(number: UInt64) -> EnvelopeKind {
    EnvelopeKind(number: number) ?? EnvelopeKind(rawValue: "#\(number)")
  }
}
