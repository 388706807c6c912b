/// The binary envelope codec: each envelope is one binary-codec message keyed by field numbers
/// (``BinaryEnvelopeLayout``), as specified in `docs/wire-protocol.md` ("The binary envelope").
///
/// Payloads are carried as they are (one length-delimited field), never re-encoded; unknown fields
/// are skipped, so newer peers may add fields. A frame that starts with `{` is a JSON envelope
/// (the handshake, or a `goaway` from a peer that could not know the codec) and is decoded as JSON.
///
/// ```swift
/// let codec = BinaryEnvelopeCodec()
/// let frame = codec.frame(.reply(id: 7, payload: order.parleyBinaryBytes))
/// ```
public struct BinaryEnvelopeCodec: EnvelopeCodec {
  /// `binary`.
  public var id: WireCodec { .binary }
  /// The nesting limit applied to envelopes (the payload is not parsed, so it does not count).
  public var maxDepth: Int

  /// Creates the codec.
  public init(maxDepth: Int = 16) {
    self.maxDepth = maxDepth
  }

  /// Accepts any payload: the binary envelope carries payload bytes in one length-delimited field,
  /// so no payload can break the envelope; a payload that is not a message of the expected type
  /// fails that one call with `DECODE_FAILED` at the receiver.
  public func validatePayload(_ payload: [UInt8]) throws(ParleyError) {}

  // MARK: Encoding

  /// Appends `envelope` as a binary message. The payload is copied once, straight into `bytes`;
  /// the other fields are written in a stack buffer first, so nothing else is allocated.
  public func encode(_ envelope: Envelope, into bytes: inout [UInt8]) {
    BinaryWriter.withScratch { writer in
      Self.writeHeader(envelope, to: &writer)
      if let payload = envelope.payload, !payload.isEmpty {
        writer.writeTag(field: BinaryEnvelopeLayout.Field.payload, wireType: .lengthDelimited)
        writer.writeVarint(UInt64(payload.count))
        let needed = bytes.count + writer.count + payload.count + 64
        if bytes.capacity < needed { bytes.reserveCapacity(max(needed, bytes.capacity * 2)) }
        writer.withUnsafeBytes { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: payload)
        writer.removeAll()
      }
      Self.writeTrailer(envelope, to: &writer)
      writer.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
  }

  /// Writes the fields before the payload (1 … 10), in ascending field-number order.
  static func writeHeader(_ envelope: Envelope, to writer: inout BinaryWriter) {
    typealias F = BinaryEnvelopeLayout.Field
    writer.writeInt(field: F.version, envelope.version)
    if let number = BinaryEnvelopeLayout.number(of: envelope.kind) {
      writer.writeUInt64(field: F.kind, UInt64(number))
    } else {
      writer.writeString(field: F.kind, envelope.kind.rawValue)
    }
    if let id = envelope.id { writer.writeUInt64(field: F.id, id) }
    if let contract = envelope.contract { writer.writeString(field: F.contract, contract) }
    if let cv = envelope.contractVersion { writer.writeInt(field: F.contractVersion, cv) }
    if let service = envelope.service { writer.writeString(field: F.service, service) }
    if let method = envelope.method { writer.writeString(field: F.method, method) }
    if let timeoutMs = envelope.timeoutMs { writer.writeInt64(field: F.timeoutMs, timeoutMs) }
    if let context = envelope.context {
      writer.writeMessage(field: F.context) { message in
        typealias C = BinaryEnvelopeLayout.ContextField
        message.writeString(field: C.root, context.root)
        message.writeList(field: C.chain, context.services) { $0.writeString($1) }
        message.writeInt(field: C.depth, context.depth)
      }
    }
    if let ok = envelope.ok { writer.writeBool(field: F.ok, ok) }
  }

  /// Writes the fields after the payload (12 … 18), in ascending field-number order.
  static func writeTrailer(_ envelope: Envelope, to writer: inout BinaryWriter) {
    typealias F = BinaryEnvelopeLayout.Field
    if let credit = envelope.credit { writer.writeUInt64(field: F.credit, credit) }
    if let error = envelope.error { writer.writeMessage(field: F.error) { writeError(error, to: &$0) } }
    if let from = envelope.from { writer.writeMessage(field: F.from) { writeFrom(from, to: &$0) } }
    if let hello = envelope.hello { writer.writeMessage(field: F.hello) { writeHello(hello, to: &$0) } }
    if let welcome = envelope.welcome {
      writer.writeMessage(field: F.welcome) { writeWelcome(welcome, to: &$0) }
    }
    if let auth = envelope.auth {
      writer.writeMessage(field: F.auth) { message in
        typealias A = BinaryEnvelopeLayout.AuthField
        if let challenge = auth.challenge { message.writeBytes(field: A.challenge, challenge) }
        if let nonce = auth.nonce { message.writeBytes(field: A.nonce, nonce) }
        if let proof = auth.proof { message.writeBytes(field: A.proof, proof) }
      }
    }
    if let payloadCodec = envelope.payloadCodec {
      writer.writeString(field: F.payloadCodec, payloadCodec.rawValue)
    }
  }

  private static func writeError(_ error: ParleyError, to writer: inout BinaryWriter) {
    typealias E = BinaryEnvelopeLayout.ErrorField
    writer.writeString(field: E.code, error.code.rawValue)
    writer.writeString(field: E.message, error.message)
    writer.writeBool(field: E.mayHaveRun, error.mayHaveRun)
    if let application = error.application {
      writer.writeInt64(field: E.app, application.code)
      writer.writeString(field: E.name, application.name)
      if !application.payload.isEmpty { writer.writeBytes(field: E.payload, application.payload) }
    }
    if !error.violations.isEmpty {
      writer.writeList(field: E.violations, error.violations) { list, violation in
        list.writeMessage { entry in
          entry.writeString(field: BinaryEnvelopeLayout.EntryField.first, violation.path)
          entry.writeString(field: BinaryEnvelopeLayout.EntryField.second, violation.message)
        }
      }
    }
  }

  private static func writeFrom(_ from: PeerIdentity, to writer: inout BinaryWriter) {
    typealias P = BinaryEnvelopeLayout.FromField
    if let name = from.name { writer.writeString(field: P.name, name) }
    if let credentials = from.credentials {
      writer.writeUInt32(field: P.uid, credentials.uid)
      writer.writeUInt32(field: P.gid, credentials.gid)
      if let pid = credentials.pid { writer.writeInt32(field: P.pid, pid) }
    }
    writer.writeString(field: P.address, from.address)
  }

  private static func writeHello(_ hello: Hello, to writer: inout BinaryWriter) {
    typealias H = BinaryEnvelopeLayout.HelloField
    writer.writeList(field: H.codecs, hello.codecs) { $0.writeString($1) }
    writer.writeList(field: H.contracts, hello.contracts) { list, contract in
      list.writeMessage { entry in
        entry.writeString(field: BinaryEnvelopeLayout.EntryField.first, contract.name)
        entry.writeInt(field: BinaryEnvelopeLayout.EntryField.second, contract.version)
      }
    }
    if let name = hello.name { writer.writeString(field: H.name, name) }
    if let token = hello.token { writer.writeString(field: H.token, token) }
    if let maxFrame = hello.maxFrame { writer.writeInt(field: H.maxFrame, maxFrame) }
  }

  private static func writeWelcome(_ welcome: Welcome, to writer: inout BinaryWriter) {
    typealias W = BinaryEnvelopeLayout.WelcomeField
    writer.writeString(field: W.codec, welcome.codec)
    writer.writeInt(field: W.maxFrame, welcome.maxFrame)
    writer.writeInt(field: W.heartbeatMs, welcome.heartbeatMs)
    writer.writeInt(field: W.maxInFlight, welcome.maxInFlight)
    writer.writeList(field: W.contracts, welcome.contracts) { list, contract in
      list.writeMessage { entry in
        entry.writeString(field: BinaryEnvelopeLayout.EntryField.first, contract.name)
        entry.writeInt(field: BinaryEnvelopeLayout.EntryField.second, contract.version)
        entry.writeInt(field: BinaryEnvelopeLayout.EntryField.third, contract.minimumVersion)
      }
    }
    if let name = welcome.name { writer.writeString(field: W.name, name) }
    if let proof = welcome.proof { writer.writeBytes(field: W.proof, proof) }
  }
}
