/// A plain answer as a binary envelope frame body, located without decoding it: a successful
/// `reply`, a successful `streamEnd` or a `streamItem` carrying an item. A gateway hub forwards
/// such a frame to the caller by rewriting only its call id (``reframe(_:id:)``), instead of
/// decoding the envelope and encoding it again (`docs/gateway.md`, "Cost per call").
///
/// Only the exact shape this runtime's encoder writes is recognised, so that the rewritten frame
/// is byte for byte the one decoding and encoding again would give:
///
/// ```
/// 08 02                    v = 1
/// 10 05 | 10 0a | 10 0b    kind reply | streamItem | streamEnd
/// 18 <varint>              id (canonical varint, fits UInt64)
/// [50 01]                  ok = true: required for reply and streamEnd, absent in streamItem
/// [5a <len> <bytes>]       payload, 1 or more bytes (optional)
/// [92 01 04 "json"]        payloadCodec = json (optional)
/// ```
///
/// and nothing else: fields in this order, each at most once, canonical varints, ending exactly
/// at the end of the body. Anything else (a failure, `credit`, `from`, a `binary` payload codec,
/// an unknown or repeated field, an overlong varint, a JSON envelope, bad bytes) is not
/// recognised and takes the decoding path, with its checks and errors.
struct BinaryEnvelopeAnswer: Sendable, Equatable {
  /// The kinds of answers recognised, by their kind numbers (a plain value: nothing to retain).
  enum Kind: UInt8, Sendable {
    case reply = 5
    case streamItem = 10
    case streamEnd = 11

    /// The envelope kind.
    var envelopeKind: EnvelopeKind {
      switch self {
      case .reply: .reply
      case .streamItem: .streamItem
      case .streamEnd: .streamEnd
      }
    }
  }

  /// `reply`, `streamItem` or `streamEnd`.
  let kind: Kind
  /// The call id.
  let id: UInt64
  /// Where the id's varint lies in the body.
  let idBytes: Range<Int>
  /// Where the payload lies in the body (`nil`: no payload).
  let payload: Range<Int>?
  /// The payload's codec when the envelope names one (only `json` is recognised).
  let payloadCodec: WireCodec?

  /// The tag bytes of the fields of the shape (field number << 3 | wire type).
  private enum Tag {
    static let version: UInt8 = 0x08
    static let kind: UInt8 = 0x10
    static let id: UInt8 = 0x18
    static let ok: UInt8 = 0x50
    static let payload: UInt8 = 0x5a
    /// Field 18, length-delimited: a two-byte tag.
    static let payloadCodec: (UInt8, UInt8) = (0x92, 0x01)
  }

  /// Locates the answer in `body`, or returns `nil` when the body is not exactly the shape above.
  init?(scanning body: [UInt8]) {
    let scanned = body.withUnsafeBufferPointer { Self.scan($0) }
    guard let scanned else { return nil }
    self = scanned
  }

  private init(
    kind: Kind, id: UInt64, idBytes: Range<Int>, payload: Range<Int>?, payloadCodec: WireCodec?
  ) {
    self.kind = kind
    self.id = id
    self.idBytes = idBytes
    self.payload = payload
    self.payloadCodec = payloadCodec
  }

  private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> BinaryEnvelopeAnswer? {
    let end = bytes.count
    guard end >= 6, bytes[0] == Tag.version, bytes[1] == 0x02, bytes[2] == Tag.kind, bytes[4] == Tag.id else {
      return nil
    }
    guard let kind = Kind(rawValue: bytes[3]) else { return nil }
    var offset = 5
    guard let id = readVarint(bytes, &offset) else { return nil }
    let idBytes = 5..<offset
    // `ok`: true in a reply or stream end (a failure carries an error: not forwarded as bytes),
    // absent in an item.
    if kind == .streamItem {
      if offset < end, bytes[offset] == Tag.ok { return nil }
    } else {
      guard offset + 2 <= end, bytes[offset] == Tag.ok, bytes[offset + 1] == 0x01 else { return nil }
      offset += 2
    }
    var payload: Range<Int>?
    if offset < end, bytes[offset] == Tag.payload {
      offset += 1
      guard let length = readVarint(bytes, &offset), length > 0, length <= UInt64(end - offset) else {
        return nil
      }
      payload = offset..<(offset + Int(length))
      offset += Int(length)
    }
    var payloadCodec: WireCodec?
    if offset < end {
      // Only `payloadCodec` "json" may follow, and it must end the body.
      guard end - offset == 7, bytes[offset] == Tag.payloadCodec.0, bytes[offset + 1] == Tag.payloadCodec.1,
        bytes[offset + 2] == 4, bytes[offset + 3] == UInt8(ascii: "j"),
        bytes[offset + 4] == UInt8(ascii: "s"),
        bytes[offset + 5] == UInt8(ascii: "o"), bytes[offset + 6] == UInt8(ascii: "n")
      else { return nil }
      payloadCodec = .json
    }
    return BinaryEnvelopeAnswer(
      kind: kind, id: id, idBytes: idBytes, payload: payload, payloadCodec: payloadCodec)
  }

  /// Reads a canonical varint (no needless trailing zero group) that fits `UInt64`; `nil` for
  /// anything else, including one that runs past the end.
  private static func readVarint(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: inout Int) -> UInt64? {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    var index = offset
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if shift == 63 {
        // The tenth byte holds only the top bit.
        guard byte == 0x01 else { return nil }
        value |= UInt64(1) << 63
        offset = index
        return value
      }
      value |= UInt64(byte & 0x7f) << shift
      if byte & 0x80 == 0 {
        // A zero last group after others is an overlong encoding (the encoder never writes one).
        if byte == 0, index - offset > 1 { return nil }
        offset = index
        return value
      }
      shift += 7
    }
    return nil
  }

  /// The number of bytes of `value` as a varint.
  static func varintSize(_ value: UInt64) -> Int {
    var size = 1
    var rest = value >> 7
    while rest != 0 {
      size += 1
      rest >>= 7
    }
    return size
  }

  /// Turns `body` (the scanned frame body, handed over) into a complete frame, length prefix
  /// included, whose call id is `id`: the bytes around the id are moved in place, so a body with
  /// a few bytes of spare capacity is rewritten without an allocation.
  func reframe(_ body: inout [UInt8], id: UInt64) {
    let oldCount = body.count
    let newIDSize = Self.varintSize(id)
    let delta = 4 + newIDSize - idBytes.count  // -5 … 13
    let newCount = oldCount + delta
    if delta > 0 { body.append(contentsOf: repeatElement(0, count: delta)) }
    let idStart = idBytes.lowerBound
    let idEnd = idBytes.upperBound
    body.withUnsafeMutableBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      // The rest after the id first (memmove): its target never overlaps the bytes before the
      // id, which then move 4 bytes up, clear of it.
      (base + idEnd + delta).copyMemory(from: base + idEnd, byteCount: oldCount - idEnd)
      (base + 4).copyMemory(from: base, byteCount: idStart)
      var rest = id
      var index = 4 + idStart
      while rest >= 0x80 {
        buffer[index] = UInt8(truncatingIfNeeded: rest) | 0x80
        rest >>= 7
        index += 1
      }
      buffer[index] = UInt8(truncatingIfNeeded: rest)
      let length = UInt32(truncatingIfNeeded: newCount - 4)
      buffer[0] = UInt8(truncatingIfNeeded: length >> 24)
      buffer[1] = UInt8(truncatingIfNeeded: length >> 16)
      buffer[2] = UInt8(truncatingIfNeeded: length >> 8)
      buffer[3] = UInt8(truncatingIfNeeded: length)
    }
    if delta < 0 { body.removeLast(-delta) }
  }

  /// The envelope the body holds (as decoding it would give), with call id `id`: for forwarding
  /// to a hop that needs another encoding.
  func envelope(of body: [UInt8], id: UInt64) -> Envelope {
    var envelope = Envelope(kind: kind.envelopeKind, id: id)
    if kind != .streamItem { envelope.ok = true }
    if let payload { envelope.payload = Array(body[payload]) }
    envelope.payloadCodec = payloadCodec
    return envelope
  }
}
