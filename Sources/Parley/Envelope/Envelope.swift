/// One protocol message, independent of the codec that puts it on the wire.
///
/// Which fields are used depends on ``kind``:
/// - `call` / `oneway`: `id` (call only), `contract`, `contractVersion`, `service`, `method`,
///   `timeoutMs`, `context`, `payload`.
/// - `reply`: `id`, `ok`, and `payload` (ok) or `error` (not ok).
/// - `cancel`, `ping`, `pong`: `id`.
/// - `reject`, `goaway`: `error` (code and message).
/// - `hello`, `welcome`: ``hello`` / ``welcome``.
/// - `subscribe`, `unsubscribe`, `event`, `streamItem`, `streamEnd`, `register`: `id`, `contract`,
///   `contractVersion`, `service`, `method` (the event or stream name), `payload`, `error`
///   as the issues that give them behaviour define.
///
/// Payloads are already-encoded bytes in the connection's codec (for JSON, the UTF-8 JSON text of
/// the message, spliced verbatim into the envelope's `"payload"` member), unless ``payloadCodec``
/// names another codec.
public struct Envelope: Sendable {
  /// The protocol version (`"v"`), always ``WireProtocol/version`` when written by this runtime.
  public var version: Int = WireProtocol.version
  /// What the envelope is.
  public var kind: EnvelopeKind
  /// The call id, unique among the sender's calls in flight on this connection.
  public var id: UInt64?
  /// The contract name, e.g. `shop.orders`.
  public var contract: String?
  /// The contract version (`"cv"`).
  public var contractVersion: Int?
  /// The service name.
  public var service: String?
  /// The method name.
  public var method: String?
  /// The remaining time budget of the call in milliseconds (clocks need not agree).
  public var timeoutMs: Int64?
  /// The call-chain context (`"ctx"`).
  public var context: CallContext?
  /// The encoded message.
  public var payload: [UInt8]?
  /// The codec ``payload`` (and a contract error's payload) is encoded in, when it is not the
  /// connection's codec (`"payloadCodec"`, binary field 18); `nil` means the connection's codec.
  /// Set by a client whose call's payload is in another codec than the connection's (the
  /// untyped API's `payloadCodec` argument), by a gateway forwarding between connections of
  /// different codecs, and by a server answering such a call in that codec; a client refuses a
  /// reply whose payload codec is not its call's (`docs/wire-protocol.md`, "Payload codec").
  public var payloadCodec: WireCodec?
  /// For `reply`: whether the call succeeded.
  public var ok: Bool?
  /// For failed replies, `reject` and `goaway`: the error.
  public var error: ParleyError? {
    get { rare?.error }
    set { rare = RareFields.replacing(rare, error: newValue) }
  }
  /// Stream flow control (`"credit"`): in a `call` that opens a stream, the caller's initial
  /// window; in a `streamItem` sent by the caller, more items it grants (see `docs/wire-protocol.md`).
  public var credit: UInt64?
  /// For `hello`.
  public var hello: Hello? {
    get { rare?.hello }
    set { rare = RareFields.replacing(rare, hello: newValue) }
  }
  /// For `welcome`.
  public var welcome: Welcome? {
    get { rare?.welcome }
    set { rare = RareFields.replacing(rare, welcome: newValue) }
  }
  /// The caller's identity, stamped by a gateway on the `call`, `oneway` and `event` envelopes it
  /// forwards (`"from"`). A gateway overwrites whatever a sender put here: it is never trusted.
  public var from: PeerIdentity?
  /// The members of an `auth` envelope (shared-secret challenge–response).
  public var auth: AuthExchange? {
    get { rare?.auth }
    set { rare = RareFields.replacing(rare, auth: newValue) }
  }

  /// The fields only failures, handshakes and authentication carry, kept out of line (`nil` when
  /// all are absent): the envelope of a call, reply or stream item is copied and destroyed on every
  /// hop, and these fields would more than double its size.
  private var rare: RareFields?

  /// An immutable box of the rarely set fields; setting one makes a new box (sets are rare).
  private final class RareFields: Sendable {
    let error: ParleyError?
    let hello: Hello?
    let welcome: Welcome?
    let auth: AuthExchange?

    init(error: ParleyError?, hello: Hello?, welcome: Welcome?, auth: AuthExchange?) {
      self.error = error
      self.hello = hello
      self.welcome = welcome
      self.auth = auth
    }

    /// `box` with the given fields replaced, or `nil` when no field is left.
    static func replacing(
      _ box: RareFields?, error: ParleyError?? = .none, hello: Hello?? = .none, welcome: Welcome?? = .none,
      auth: AuthExchange?? = .none
    ) -> RareFields? {
      let error = error ?? box?.error
      let hello = hello ?? box?.hello
      let welcome = welcome ?? box?.welcome
      let auth = auth ?? box?.auth
      if error == nil && hello == nil && welcome == nil && auth == nil { return nil }
      return RareFields(error: error, hello: hello, welcome: welcome, auth: auth)
    }
  }

  /// Creates an envelope of `kind`; set the other fields as the kind requires.
  public init(kind: EnvelopeKind, id: UInt64? = nil) {
    self.kind = kind
    self.id = id
  }

  /// A `call` envelope.
  public static func call(
    id: UInt64, contract: String, contractVersion: Int, service: String, method: String,
    timeoutMs: Int64?, context: CallContext?, payload: [UInt8]
  ) -> Envelope {
    Envelope(
      callID: id, contract: contract, contractVersion: contractVersion, service: service, method: method,
      timeoutMs: timeoutMs, context: context, payload: payload, payloadCodec: nil)
  }

  /// A `call` envelope, built in place: the client's hot path (a function that builds an
  /// envelope in a local and returns it made the caller pay a copy).
  init(
    callID id: UInt64, contract: String, contractVersion: Int, service: String, method: String,
    timeoutMs: Int64?, context: CallContext?, payload: [UInt8], payloadCodec: WireCodec?
  ) {
    self.init(kind: .call, id: id)
    self.contract = contract
    self.contractVersion = contractVersion
    self.service = service
    self.method = method
    self.timeoutMs = timeoutMs
    self.context = context
    self.payload = payload
    self.payloadCodec = payloadCodec
  }

  /// A successful `reply`.
  public static func reply(id: UInt64, payload: [UInt8]) -> Envelope {
    var envelope = Envelope(kind: .reply, id: id)
    envelope.ok = true
    envelope.payload = payload
    return envelope
  }

  /// A failed `reply`.
  public static func reply(id: UInt64, error: ParleyError) -> Envelope {
    var envelope = Envelope(kind: .reply, id: id)
    envelope.ok = false
    envelope.error = error
    return envelope
  }

  /// A `goaway` or `reject` carrying `error`'s code and message.
  public static func closing(_ kind: EnvelopeKind, _ error: ParleyError) -> Envelope {
    var envelope = Envelope(kind: kind)
    envelope.error = error
    return envelope
  }
}

/// Constants of the Parley wire protocol (see `docs/wire-protocol.md`).
public enum WireProtocol {
  /// The protocol version carried as `"v"` in every envelope.
  public static let version = 1
  /// The default maximum frame size: 16 MiB.
  public static let defaultMaxFrameSize = 16 * 1024 * 1024
}
