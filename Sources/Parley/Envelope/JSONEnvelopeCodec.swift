/// The JSON envelope codec: one UTF-8 JSON object per frame, as in `docs/wire-protocol.md`.
///
/// Payloads are spliced verbatim into `"payload"` on encode and handed back as the raw bytes of
/// that member on decode, without building a tree. Unknown members are ignored.
public struct JSONEnvelopeCodec: EnvelopeCodec {
  /// `json`.
  public var id: WireCodec { .json }
  /// The nesting limit applied to envelopes (payload included).
  public var maxDepth: Int

  /// Creates the codec.
  public init(maxDepth: Int = JSONReader.defaultMaxDepth) {
    self.maxDepth = maxDepth
  }

  /// Checks that `payload` is exactly one JSON value.
  public func validatePayload(_ payload: [UInt8]) throws(ParleyError) {
    do {
      try JSONReader.validate(payload, maxDepth: maxDepth - 1)
    } catch {
      throw ParleyError(.internal, "payload is not valid JSON: \(error)", mayHaveRun: false)
    }
  }

  // MARK: Encoding

  /// Appends `envelope` as JSON.
  public func encode(_ envelope: Envelope, into bytes: inout [UInt8]) {
    var writer = JSONWriter(appendingTo: bytes)
    bytes = []  // hand the storage to the writer without copying
    writer.beginObject()
    writer.key(quoted: "\"v\":")
    writer.int(envelope.version)
    writer.key(quoted: "\"kind\":")
    writer.string(envelope.kind.rawValue)
    writer.member(quoted: "\"id\":", envelope.id)
    writer.member(quoted: "\"contract\":", envelope.contract)
    writer.member(quoted: "\"cv\":", envelope.contractVersion)
    writer.member(quoted: "\"service\":", envelope.service)
    writer.member(quoted: "\"method\":", envelope.method)
    writer.member(quoted: "\"timeoutMs\":", envelope.timeoutMs)
    if let context = envelope.context {
      writer.key(quoted: "\"ctx\":")
      writer.beginObject()
      writer.key(quoted: "\"root\":")
      writer.string(context.root)
      writer.key(quoted: "\"chain\":")
      writer.beginArray()
      for name in context.services { writer.string(name) }
      writer.endArray()
      writer.key(quoted: "\"depth\":")
      writer.int(context.depth)
      writer.endObject()
    }
    writer.member(quoted: "\"ok\":", envelope.ok)
    // A binary payload (a forwarded call of another connection) travels as a base64 string.
    let binaryPayload = envelope.payloadCodec == .binary
    if let payload = envelope.payload, !payload.isEmpty {
      writer.key(quoted: "\"payload\":")
      writer.rawValue(binaryPayload ? PayloadCodecName.quotedBase64(payload) : payload)
    }
    if let payloadCodec = envelope.payloadCodec {
      writer.key(quoted: "\"payloadCodec\":")
      writer.string(payloadCodec.rawValue)
    }
    writer.member(quoted: "\"credit\":", envelope.credit)
    if let error = envelope.error {
      if envelope.kind == .reply || envelope.kind == .streamEnd {
        writer.key(quoted: "\"error\":")
        if binaryPayload, var application = error.application, !application.payload.isEmpty {
          var carried = error
          application.payload = PayloadCodecName.quotedBase64(application.payload)
          carried.application = application
          carried.writeJSON(to: &writer)
        } else {
          error.writeJSON(to: &writer)
        }
      } else {
        writer.key(quoted: "\"code\":")
        writer.string(error.code.rawValue)
        writer.key(quoted: "\"message\":")
        writer.string(error.message)
      }
    }
    if let from = envelope.from { Self.writeFrom(from, to: &writer) }
    if let hello = envelope.hello { Self.writeHello(hello, to: &writer) }
    if let welcome = envelope.welcome { Self.writeWelcome(welcome, to: &writer) }
    if let auth = envelope.auth { Self.writeAuth(auth, to: &writer) }
    writer.endObject()
    bytes = writer.bytes
  }

  private static func writeFrom(_ from: PeerIdentity, to writer: inout JSONWriter) {
    writer.key(quoted: "\"from\":")
    writer.beginObject()
    writer.member(quoted: "\"name\":", from.name)
    if let credentials = from.credentials {
      writer.key(quoted: "\"uid\":")
      writer.uint(UInt64(credentials.uid))
      writer.key(quoted: "\"gid\":")
      writer.uint(UInt64(credentials.gid))
      if let pid = credentials.pid {
        writer.key(quoted: "\"pid\":")
        writer.int(Int(pid))
      }
    }
    writer.key(quoted: "\"address\":")
    writer.string(from.address)
    writer.endObject()
  }

  private static func writeHello(_ hello: Hello, to writer: inout JSONWriter) {
    writer.key(quoted: "\"codecs\":")
    writer.beginArray()
    for codec in hello.codecs { writer.string(codec) }
    writer.endArray()
    writeContracts(hello.contracts.lazy.map { ($0.name, $0.version, nil) }, to: &writer)
    writer.member(quoted: "\"name\":", hello.name)
    writer.member(quoted: "\"token\":", hello.token)
    writer.member(quoted: "\"maxFrame\":", hello.maxFrame)
  }

  private static func writeWelcome(_ welcome: Welcome, to writer: inout JSONWriter) {
    writer.key(quoted: "\"codec\":")
    writer.string(welcome.codec)
    writer.key(quoted: "\"maxFrame\":")
    writer.int(welcome.maxFrame)
    writer.key(quoted: "\"heartbeatMs\":")
    writer.int(welcome.heartbeatMs)
    writer.key(quoted: "\"maxInFlight\":")
    writer.int(welcome.maxInFlight)
    writeContracts(welcome.contracts.lazy.map { ($0.name, $0.version, $0.minimumVersion) }, to: &writer)
    writer.member(quoted: "\"name\":", welcome.name)
    writer.member(quoted: "\"proof\":", hex: welcome.proof)
  }

  /// `"contracts":[{"name":"shop.orders","version":3,"minVersion":2},…]`: a hello's (without
  /// `minVersion`) or a welcome's.
  private static func writeContracts(
    _ contracts: some Sequence<(name: String, version: Int, minVersion: Int?)>, to writer: inout JSONWriter
  ) {
    writer.key(quoted: "\"contracts\":")
    writer.beginArray()
    for contract in contracts {
      writer.beginObject()
      writer.key(quoted: "\"name\":")
      writer.string(contract.name)
      writer.key(quoted: "\"version\":")
      writer.int(contract.version)
      writer.member(quoted: "\"minVersion\":", contract.minVersion)
      writer.endObject()
    }
    writer.endArray()
  }

  private static func writeAuth(_ auth: AuthExchange, to writer: inout JSONWriter) {
    writer.member(quoted: "\"challenge\":", hex: auth.challenge)
    writer.member(quoted: "\"nonce\":", hex: auth.nonce)
    writer.member(quoted: "\"proof\":", hex: auth.proof)
  }

  // MARK: Decoding

  /// Decodes a JSON envelope.
  /// - Throws: ``ParleyError`` `PROTOCOL_ERROR` naming the problem.
  public func decode(_ bytes: [UInt8]) throws(ParleyError) -> Envelope {
    var (envelope, payload) = try parse(bytes)
    if let payload { envelope.payload = Array(bytes[payload]) }
    try Self.unquoteBinaryPayloads(&envelope)
    return envelope
  }

  /// Decodes a JSON envelope like ``decode(_:)``, keeping the frame body's storage as the payload
  /// when nothing else references it (see ``EnvelopeCodec/decode(frameBody:)``).
  /// - Throws: ``ParleyError`` `PROTOCOL_ERROR` naming the problem.
  public func decode(frameBody bytes: consuming [UInt8]) throws(ParleyError) -> Envelope {
    var (envelope, payload) = try parse(bytes)
    if let payload { envelope.payload = Self.payload(payload, reusing: bytes) }
    try Self.unquoteBinaryPayloads(&envelope)
    return envelope
  }

  /// Reads every member but leaves the payload in place: returns its byte range (the raw JSON value).
  private func parse(_ bytes: [UInt8]) throws(ParleyError) -> (Envelope, payload: Range<Int>?) {
    do {
      return try decodeEnvelope(bytes)
    } catch let error as JSONError {
      throw ParleyError(.protocolError, "malformed JSON envelope: \(error)")
    } catch let error as ParleyError {
      throw error
    } catch {
      throw ParleyError(.protocolError, "malformed JSON envelope")
    }
  }

  /// The envelope's member names, packed for allocation-free matching.
  private enum Key {
    static let v = JSONKey("v")
    static let kind = JSONKey("kind")
    static let id = JSONKey("id")
    static let contract = JSONKey("contract")
    static let cv = JSONKey("cv")
    static let service = JSONKey("service")
    static let method = JSONKey("method")
    static let timeoutMs = JSONKey("timeoutMs")
    static let ctx = JSONKey("ctx")
    static let from = JSONKey("from")
    static let ok = JSONKey("ok")
    static let credit = JSONKey("credit")
    static let payload = JSONKey("payload")
    static let payloadCodec = JSONKey("payloadCodec")
    static let error = JSONKey("error")
    static let code = JSONKey("code")
    static let message = JSONKey("message")
    static let codecs = JSONKey("codecs")
    static let contracts = JSONKey("contracts")
    static let name = JSONKey("name")
    static let token = JSONKey("token")
    static let maxFrame = JSONKey("maxFrame")
    static let codec = JSONKey("codec")
    static let heartbeatMs = JSONKey("heartbeatMs")
    static let maxInFlight = JSONKey("maxInFlight")
    static let challenge = JSONKey("challenge")
    static let nonce = JSONKey("nonce")
    static let proof = JSONKey("proof")
    static let root = JSONKey("root")
    static let chain = JSONKey("chain")
    static let depth = JSONKey("depth")
  }

  private struct Fields {
    var kind: String?
    var code: String?
    var message: String?
    var codecs: [String]?
    var contracts: [(name: String, version: Int, minVersion: Int?)]?
    var name: String?
    var token: String?
    var maxFrame: Int?
    var codec: String?
    var heartbeatMs: Int?
    var maxInFlight: Int?
    var challenge: [UInt8]?
    var nonce: [UInt8]?
    var proof: [UInt8]?
  }

  private func decodeEnvelope(_ bytes: [UInt8]) throws -> (Envelope, payload: Range<Int>?) {
    var payload: Range<Int>?
    var reader = JSONReader(bytes, maxDepth: maxDepth)
    guard try reader.peek() == .object else {
      throw ParleyError(.protocolError, "an envelope must be a JSON object")
    }
    var envelope = Envelope(kind: .ping)
    var fields = Fields()
    var sawVersion = false
    try reader.beginObject()
    while let key = try reader.nextMemberKey() {
      switch key {
      case Key.v:
        envelope.version = try reader.readInt()
        sawVersion = true
      case Key.kind: fields.kind = try reader.readString()
      case Key.id: envelope.id = try reader.readUInt64()
      case Key.contract: envelope.contract = try reader.readString()
      case Key.cv: envelope.contractVersion = try reader.readInt()
      case Key.service: envelope.service = try reader.readString()
      case Key.method: envelope.method = try reader.readString()
      case Key.timeoutMs: envelope.timeoutMs = try reader.readInt64()
      case Key.ctx: envelope.context = try Self.readContext(&reader)
      case Key.from: envelope.from = try Self.readFrom(&reader)
      case Key.ok: envelope.ok = try reader.readBool()
      case Key.credit: envelope.credit = try reader.readUInt64()
      case Key.payload: payload = try reader.readRawValue()
      case Key.payloadCodec: envelope.payloadCodec = try PayloadCodecName.parse(try reader.readString())
      case Key.error: envelope.error = try Self.readError(&reader, bytes)
      case Key.code: fields.code = try reader.readString()
      case Key.message: fields.message = try reader.readString()
      case Key.codecs:
        var codecs: [String] = []
        try reader.beginArray()
        while try reader.nextElement() { codecs.append(try reader.readString()) }
        fields.codecs = codecs
      case Key.contracts: fields.contracts = try Self.readContracts(&reader)
      case Key.name: fields.name = try reader.readString()
      case Key.token: fields.token = try reader.readString()
      case Key.maxFrame: fields.maxFrame = try reader.readInt()
      case Key.codec: fields.codec = try reader.readString()
      case Key.heartbeatMs: fields.heartbeatMs = try reader.readInt()
      case Key.maxInFlight: fields.maxInFlight = try reader.readInt()
      case Key.challenge: fields.challenge = try Self.readHex(&reader, "challenge")
      case Key.nonce: fields.nonce = try Self.readHex(&reader, "nonce")
      case Key.proof: fields.proof = try Self.readHex(&reader, "proof")
      default: try reader.skipValue()
      }
    }
    try reader.finish()
    guard sawVersion else { throw ParleyError(.protocolError, "envelope without \"v\"") }
    guard let kindName = fields.kind else { throw ParleyError(.protocolError, "envelope without \"kind\"") }
    envelope.kind = EnvelopeKind(rawValue: kindName)
    switch envelope.kind {
    case .reject, .goaway:
      let code = fields.code.flatMap(ParleyError.Code.init(rawValue:)) ?? .protocolError
      envelope.error = ParleyError(code, fields.message ?? "", mayHaveRun: false)
    case .hello:
      envelope.hello = Hello(
        codecs: fields.codecs ?? [WireCodec.json.rawValue],
        contracts: (fields.contracts ?? []).map { ContractVersion(name: $0.name, version: $0.version) },
        name: fields.name, token: fields.token, maxFrame: fields.maxFrame)
    case .welcome:
      guard let codec = fields.codec else { throw ParleyError(.protocolError, "welcome without \"codec\"") }
      envelope.welcome = Welcome(
        codec: codec, maxFrame: fields.maxFrame ?? WireProtocol.defaultMaxFrameSize,
        heartbeatMs: fields.heartbeatMs ?? 0, maxInFlight: fields.maxInFlight ?? Int.max,
        contracts: (fields.contracts ?? []).map {
          ServedContract(name: $0.name, version: $0.version, minimumVersion: $0.minVersion ?? 1)
        }, name: fields.name, proof: fields.proof)
    case .auth:
      envelope.auth = AuthExchange(challenge: fields.challenge, nonce: fields.nonce, proof: fields.proof)
    default: break
    }
    return (envelope, payload)
  }

  /// Decodes the base64 strings that carry a binary payload (and a contract error's binary
  /// payload) in a JSON envelope marked `"payloadCodec":"binary"`.
  private static func unquoteBinaryPayloads(_ envelope: inout Envelope) throws(ParleyError) {
    guard envelope.payloadCodec == .binary else { return }
    if let payload = envelope.payload { envelope.payload = try PayloadCodecName.unquoteBase64(payload) }
    if var error = envelope.error, var application = error.application, !application.payload.isEmpty {
      application.payload = try PayloadCodecName.unquoteBase64(application.payload)
      error.application = application
      envelope.error = error
    }
  }

  private static func readHex(_ reader: inout JSONReader, _ member: String) throws -> [UInt8] {
    guard let bytes = HexText.decode(try reader.readString()) else {
      throw ParleyError(.protocolError, "\"\(member)\" is not hexadecimal")
    }
    return bytes
  }

  private static func readContext(_ reader: inout JSONReader) throws -> CallContext {
    var context = CallContext(root: "", chain: [], depth: 0)
    try reader.beginObject()
    while let key = try reader.nextMemberKey() {
      switch key {
      case Key.root: context.root = try reader.readString()
      case Key.chain:
        try reader.beginArray()
        while try reader.nextElement() { context.services.append(try reader.readString()) }
      case Key.depth: context.depth = try reader.readInt()
      default: try reader.skipValue()
      }
    }
    return context
  }

  private static func readFrom(_ reader: inout JSONReader) throws -> PeerIdentity {
    var name: String?
    var uid: UInt64?
    var gid: UInt64?
    var pid: Int?
    var address = ""
    try reader.beginObject()
    while let key = try reader.nextMember() {
      switch key {
      case "name": name = try reader.readString()
      case "uid": uid = try reader.readUInt64()
      case "gid": gid = try reader.readUInt64()
      case "pid": pid = try reader.readInt()
      case "address": address = try reader.readString()
      default: try reader.skipValue()
      }
    }
    var credentials: PeerCredentials?
    if let uid, let gid, let uid32 = UInt32(exactly: uid), let gid32 = UInt32(exactly: gid) {
      credentials = PeerCredentials(uid: uid32, gid: gid32, pid: pid.flatMap { Int32(exactly: $0) })
    }
    return PeerIdentity(credentials: credentials, name: name, address: address)
  }

  private static func readContracts(_ reader: inout JSONReader) throws -> [(
    name: String, version: Int, minVersion: Int?
  )] {
    var result: [(name: String, version: Int, minVersion: Int?)] = []
    try reader.beginArray()
    while try reader.nextElement() {
      var name: String?
      var version: Int?
      var minVersion: Int?
      try reader.beginObject()
      while let key = try reader.nextMember() {
        switch key {
        case "name": name = try reader.readString()
        case "version": version = try reader.readInt()
        case "minVersion": minVersion = try reader.readInt()
        default: try reader.skipValue()
        }
      }
      guard let name, let version else {
        throw ParleyError(.protocolError, "a contract entry needs \"name\" and \"version\"")
      }
      result.append((name, version, minVersion))
    }
    return result
  }

  private static func readError(_ reader: inout JSONReader, _ bytes: [UInt8]) throws -> ParleyError {
    var fields = ParleyError.WireFields()
    try reader.beginObject()
    while let key = try reader.nextMember() {
      switch key {
      case "code": fields.codeName = try reader.readString()
      case "message": fields.message = try reader.readString()
      case "mayHaveRun": fields.mayHaveRun = try reader.readBool()
      case "app": fields.app = try reader.readInt64()
      case "name": fields.name = try reader.readString()
      case "payload": fields.payload = Array(bytes[try reader.readRawValue()])
      case "violations":
        try reader.beginArray()
        while try reader.nextElement() {
          var path = ""
          var text = ""
          try reader.beginObject()
          while let key = try reader.nextMember() {
            switch key {
            case "path": path = try reader.readString()
            case "message": text = try reader.readString()
            default: try reader.skipValue()
            }
          }
          fields.violations.append(ParleyError.Violation(path: path, message: text))
        }
      default: try reader.skipValue()
      }
    }
    return fields.error
  }
}
