extension BinaryEnvelopeCodec {
  /// Decodes a binary envelope; a frame starting with `{` is decoded as a JSON envelope.
  ///
  /// - Throws: ``ParleyError`` `PROTOCOL_ERROR` naming the problem (with its byte offset).
  public func decode(_ bytes: [UInt8]) throws(ParleyError) -> Envelope {
    if bytes.first == UInt8(ascii: "{") {
      return try JSONEnvelopeCodec().decode(bytes)
    }
    var envelope = Envelope(kind: .ping)
    if let payload = try parse(bytes, into: &envelope) { envelope.payload = Array(bytes[payload]) }
    return envelope
  }

  /// Decodes a binary envelope like ``decode(_:)``, keeping the frame body's storage as the
  /// payload when nothing else references it (see ``EnvelopeCodec/decode(frameBody:)``).
  ///
  /// - Throws: ``ParleyError`` `PROTOCOL_ERROR` naming the problem (with its byte offset).
  public func decode(frameBody bytes: consuming [UInt8]) throws(ParleyError) -> Envelope {
    if bytes.first == UInt8(ascii: "{") {
      return try JSONEnvelopeCodec().decode(frameBody: bytes)
    }
    var envelope = Envelope(kind: .ping)
    try parse(frameBody: bytes, into: &envelope)
    return envelope
  }

  /// Reads a frame body into `envelope`, the payload included (in the body's storage). Kept apart
  /// from `decode(frameBody:)` so that the envelope is returned without a copy.
  private func parse(frameBody bytes: consuming [UInt8], into envelope: inout Envelope) throws(ParleyError) {
    if let payload = try parse(bytes, into: &envelope) {
      envelope.payload = Self.payload(payload, reusing: bytes)
    }
  }

  /// Reads every field into `envelope` but leaves the payload in place: returns its byte range
  /// (`nil` when it is absent or empty, which the encoder never writes).
  private func parse(_ bytes: [UInt8], into envelope: inout Envelope) throws(ParleyError) -> Range<Int>? {
    do {
      var reader = BinaryReader(bytes, maximumDepth: maxDepth)
      return try Self.readEnvelope(&reader, into: &envelope)
    } catch let error as ParleyError {
      throw error
    } catch let error as BinaryDecodingError {
      throw ParleyError(.protocolError, "malformed binary envelope: \(error)")
    } catch {
      throw ParleyError(.protocolError, "malformed binary envelope")
    }
  }

  /// Reads the envelope's fields into `envelope` (a fresh one: each field read replaces a
  /// `nil`), writing them in place rather than building another envelope to copy over it.
  private static func readEnvelope(
    _ reader: inout BinaryReader, into envelope: inout Envelope
  ) throws -> Range<Int>? {
    typealias F = BinaryEnvelopeLayout.Field
    var payload: Range<Int>?
    var version: Int?
    var kind: EnvelopeKind?
    while let field = try reader.nextField() {
      switch field.number {
      case F.version: version = try reader.readInt()
      case F.kind:
        if field.wireType == .lengthDelimited {
          kind = EnvelopeKind(rawValue: try reader.readString())
        } else {
          kind = BinaryEnvelopeLayout.kind(number: try reader.readUInt64())
        }
      case F.id: envelope.id = try reader.readUInt64()
      case F.contract: envelope.contract = try reader.readString()
      case F.contractVersion: envelope.contractVersion = try reader.readInt()
      case F.service: envelope.service = try reader.readString()
      case F.method: envelope.method = try reader.readString()
      case F.timeoutMs: envelope.timeoutMs = try reader.readInt64()
      case F.context: envelope.context = try reader.readMessage { try readContext(&$0) }
      case F.ok: envelope.ok = try reader.readBool()
      case F.payload:
        let bytes = try reader.readBytesSlice()
        payload = bytes.isEmpty ? nil : bytes.startIndex..<bytes.endIndex  // an empty payload is absent
      case F.credit: envelope.credit = try reader.readUInt64()
      case F.payloadCodec: envelope.payloadCodec = try readPayloadCodec(&reader)
      case F.error, F.from, F.hello, F.welcome, F.auth:
        try readRareField(field.number, &reader, into: &envelope)
      default: try reader.skipField()
      }
    }
    guard let version else { throw ParleyError(.protocolError, "binary envelope without field 1 (v)") }
    guard let kind else { throw ParleyError(.protocolError, "binary envelope without field 2 (kind)") }
    envelope.version = version
    envelope.kind = kind
    switch kind {
    case .reject, .goaway:
      let error = envelope.error ?? ParleyError(.protocolError, "")
      envelope.error = ParleyError(error.code, error.message, mayHaveRun: false)
    case .hello:
      if envelope.hello == nil { envelope.hello = Hello(codecs: [WireCodec.json.rawValue]) }
    case .welcome:
      guard envelope.welcome != nil else { throw ParleyError(.protocolError, "welcome without field 16") }
    case .auth:
      if envelope.auth == nil { envelope.auth = AuthExchange() }
    default: break
    }
    return payload
  }

  /// Reads field `number`, one of the fields failures, handshakes, authentication and gateways
  /// set (kept out of the loop over the common fields).
  private static func readRareField(
    _ number: Int, _ reader: inout BinaryReader, into envelope: inout Envelope
  ) throws {
    typealias F = BinaryEnvelopeLayout.Field
    switch number {
    case F.error: envelope.error = try reader.readMessage { try readError(&$0) }
    case F.from: envelope.from = try reader.readMessage { try readFrom(&$0) }
    case F.hello: envelope.hello = try reader.readMessage { try readHello(&$0) }
    case F.welcome: envelope.welcome = try reader.readMessage { try readWelcome(&$0) }
    case F.auth: envelope.auth = try reader.readMessage { try readAuth(&$0) }
    default: try reader.skipField()
    }
  }

  /// Reads the `payloadCodec` name, comparing its bytes with the known names (no string is made
  /// unless the name is unknown, for the error).
  private static func readPayloadCodec(_ reader: inout BinaryReader) throws -> WireCodec {
    let start = reader.offset
    let name = try reader.readBytesSlice()
    if equal(name, "json") { return .json }
    if equal(name, "binary") { return .binary }
    guard let text = name.withUnsafeBufferPointer({ BinaryReader.validatedString($0) }) else {
      throw BinaryDecodingError(.invalidUTF8, offset: start)
    }
    return try PayloadCodecName.parse(text)
  }

  /// Whether `bytes` are the UTF-8 bytes of `name`.
  @inline(__always)
  private static func equal(_ bytes: ArraySlice<UInt8>, _ name: StaticString) -> Bool {
    guard bytes.count == name.utf8CodeUnitCount else { return false }
    let expected = name.utf8Start
    var offset = 0
    for byte in bytes {
      guard byte == expected[offset] else { return false }
      offset &+= 1
    }
    return true
  }

  private static func readContext(_ reader: inout BinaryReader) throws -> CallContext {
    typealias C = BinaryEnvelopeLayout.ContextField
    var root = ""
    var services = CallChain()
    var depth = 0
    while let field = try reader.nextField() {
      switch field.number {
      case C.root: root = try reader.readString()
      case C.chain: try reader.readEachListElement { services.append(try $0.readString()) }
      case C.depth: depth = try reader.readInt()
      default: try reader.skipField()
      }
    }
    return CallContext(root: root, services: services, depth: depth)
  }

  private static func readError(_ reader: inout BinaryReader) throws -> ParleyError {
    typealias E = BinaryEnvelopeLayout.ErrorField
    var fields = ParleyError.WireFields()
    while let field = try reader.nextField() {
      switch field.number {
      case E.code: fields.codeName = try reader.readString()
      case E.message: fields.message = try reader.readString()
      case E.mayHaveRun: fields.mayHaveRun = try reader.readBool()
      case E.app: fields.app = try reader.readInt64()
      case E.name: fields.name = try reader.readString()
      case E.payload: fields.payload = try reader.readBytes()
      case E.violations:
        try reader.readList(into: &fields.violations) { list in
          try list.readMessage { entry in
            let (path, text) = try readPair(&entry)
            return ParleyError.Violation(path: path ?? "", message: text ?? "")
          }
        }
      default: try reader.skipField()
      }
    }
    return fields.error
  }

  /// Reads a message of two string fields (a violation's path and message).
  private static func readPair(_ reader: inout BinaryReader) throws -> (String?, String?) {
    var first: String?
    var second: String?
    while let field = try reader.nextField() {
      switch field.number {
      case BinaryEnvelopeLayout.EntryField.first: first = try reader.readString()
      case BinaryEnvelopeLayout.EntryField.second: second = try reader.readString()
      default: try reader.skipField()
      }
    }
    return (first, second)
  }

  private static func readFrom(_ reader: inout BinaryReader) throws -> PeerIdentity {
    typealias P = BinaryEnvelopeLayout.FromField
    var name: String?
    var uid: UInt32?
    var gid: UInt32?
    var pid: Int32?
    var address = ""
    while let field = try reader.nextField() {
      switch field.number {
      case P.name: name = try reader.readString()
      case P.uid: uid = try reader.readUInt32()
      case P.gid: gid = try reader.readUInt32()
      case P.pid: pid = try reader.readInt32()
      case P.address: address = try reader.readString()
      default: try reader.skipField()
      }
    }
    var credentials: PeerCredentials?
    if let uid, let gid { credentials = PeerCredentials(uid: uid, gid: gid, pid: pid) }
    return PeerIdentity(credentials: credentials, name: name, address: address)
  }

  /// Reads a contract entry: name, version and (for served contracts) the minimum version.
  private static func readContract(_ reader: inout BinaryReader) throws -> (String, Int, Int?) {
    typealias N = BinaryEnvelopeLayout.EntryField
    var name: String?
    var version: Int?
    var minVersion: Int?
    while let field = try reader.nextField() {
      switch field.number {
      case N.first: name = try reader.readString()
      case N.second: version = try reader.readInt()
      case N.third: minVersion = try reader.readInt()
      default: try reader.skipField()
      }
    }
    guard let name, let version else {
      throw ParleyError(.protocolError, "a contract entry needs field 1 (name) and field 2 (version)")
    }
    return (name, version, minVersion)
  }

  private static func readHello(_ reader: inout BinaryReader) throws -> Hello {
    typealias H = BinaryEnvelopeLayout.HelloField
    var codecs: [String]?
    var hello = Hello(codecs: [])
    while let field = try reader.nextField() {
      switch field.number {
      case H.codecs: try reader.readList(into: &codecs.orEmpty) { try $0.readString() }
      case H.contracts:
        try reader.readList(into: &hello.contracts) { list in
          let (name, version, _) = try list.readMessage { try readContract(&$0) }
          return ContractVersion(name: name, version: version)
        }
      case H.name: hello.name = try reader.readString()
      case H.token: hello.token = try reader.readString()
      case H.maxFrame: hello.maxFrame = try reader.readInt()
      default: try reader.skipField()
      }
    }
    hello.codecs = codecs ?? [WireCodec.json.rawValue]
    return hello
  }

  private static func readWelcome(_ reader: inout BinaryReader) throws -> Welcome {
    typealias W = BinaryEnvelopeLayout.WelcomeField
    var codec: String?
    var welcome = Welcome(
      codec: "", maxFrame: WireProtocol.defaultMaxFrameSize, heartbeatMs: 0, maxInFlight: Int.max)
    while let field = try reader.nextField() {
      switch field.number {
      case W.codec: codec = try reader.readString()
      case W.maxFrame: welcome.maxFrame = try reader.readInt()
      case W.heartbeatMs: welcome.heartbeatMs = try reader.readInt()
      case W.maxInFlight: welcome.maxInFlight = try reader.readInt()
      case W.contracts:
        try reader.readList(into: &welcome.contracts) { list in
          let (name, version, minVersion) = try list.readMessage { try readContract(&$0) }
          return ServedContract(name: name, version: version, minimumVersion: minVersion ?? 1)
        }
      case W.name: welcome.name = try reader.readString()
      case W.proof: welcome.proof = try reader.readBytes()
      default: try reader.skipField()
      }
    }
    guard let codec else { throw ParleyError(.protocolError, "welcome without field 1 (codec)") }
    welcome.codec = codec
    return welcome
  }

  private static func readAuth(_ reader: inout BinaryReader) throws -> AuthExchange {
    typealias A = BinaryEnvelopeLayout.AuthField
    var auth = AuthExchange()
    while let field = try reader.nextField() {
      switch field.number {
      case A.challenge: auth.challenge = try reader.readBytes()
      case A.nonce: auth.nonce = try reader.readBytes()
      case A.proof: auth.proof = try reader.readBytes()
      default: try reader.skipField()
      }
    }
    return auth
  }
}

extension Optional where Wrapped == [String] {
  /// The array, created empty when `nil`, for appending in place.
  fileprivate var orEmpty: [String] {
    get { self ?? [] }
    set { self = newValue }
  }
}
