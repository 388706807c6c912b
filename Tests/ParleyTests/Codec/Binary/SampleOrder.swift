import Foundation
import Parley

// A hand-written message with 21 fields of every kind, encoded and decoded the way generated code
// will do it. Used by the codec tests (round trips, truncation, fuzzing) and as a model for the
// generator.

/// Money in minor units (a nested struct).
struct SampleMoney: Equatable {
  var amountMinor: Int64
  var currency: String

  func encode(to writer: inout BinaryWriter) {
    writer.writeInt64(field: 1, amountMinor)
    writer.writeString(field: 2, currency)
  }

  init(amountMinor: Int64, currency: String) {
    self.amountMinor = amountMinor
    self.currency = currency
  }

  init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
    var amountMinor: Int64?
    var currency: String?
    while let field = try reader.nextField() {
      switch field.number {
      case 1: amountMinor = try reader.readInt64()
      case 2: currency = try reader.readString()
      default: try reader.skipField()
      }
    }
    guard let amountMinor else {
      throw BinaryDecodingError(.missingRequiredField("amountMinor"), offset: reader.offset)
    }
    guard let currency else {
      throw BinaryDecodingError(.missingRequiredField("currency"), offset: reader.offset)
    }
    self.init(amountMinor: amountMinor, currency: currency)
  }
}

/// An open enum: unknown case numbers are kept.
enum SampleStatus: Equatable {
  case pending, paid, shipped
  case unknown(Int)

  init(number: Int) {
    switch number {
    case 1: self = .pending
    case 2: self = .paid
    case 3: self = .shipped
    default: self = .unknown(number)
    }
  }

  var number: Int {
    switch self {
    case .pending: return 1
    case .paid: return 2
    case .shipped: return 3
    case .unknown(let number): return number
    }
  }
}

/// An open union: a nested message with exactly one field, numbered by the variant.
enum SamplePayment: Equatable {
  case card(String)
  case invoice(SampleMoney)
  case voucher(Int32)
  case unknown(Int)

  func encode(to writer: inout BinaryWriter) {
    switch self {
    case .card(let number): writer.writeString(field: 1, number)
    case .invoice(let money): writer.writeMessage(field: 2) { money.encode(to: &$0) }
    case .voucher(let code): writer.writeInt32(field: 3, code)
    case .unknown: break  // an unknown variant's payload was not kept; nothing to write
    }
  }

  init(from reader: inout BinaryReader) throws {
    var result: SamplePayment?
    var count = 0
    while let field = try reader.nextField() {
      count += 1
      switch field.number {
      case 1: result = .card(try reader.readString())
      case 2: result = .invoice(try reader.readMessage { try SampleMoney(from: &$0) })
      case 3: result = .voucher(try reader.readInt32())
      default:
        try reader.skipField()
        result = .unknown(field.number)
      }
    }
    guard count == 1, let result else {
      throw BinaryDecodingError(.invalidUnion(variantCount: count), offset: reader.offset)
    }
    self = result
  }
}

/// A line of an order (list element).
struct SampleLineItem: Equatable {
  var sku: String
  var quantity: Int32
  var price: SampleMoney

  func encode(to writer: inout BinaryWriter) {
    writer.writeString(field: 1, sku)
    writer.writeInt32(field: 2, quantity)
    writer.writeMessage(field: 3) { price.encode(to: &$0) }
  }

  init(sku: String, quantity: Int32, price: SampleMoney) {
    self.sku = sku
    self.quantity = quantity
    self.price = price
  }

  init(from reader: inout BinaryReader) throws {
    var sku: String?
    var quantity: Int32?
    var price: SampleMoney?
    while let field = try reader.nextField() {
      switch field.number {
      case 1: sku = try reader.readString()
      case 2: quantity = try reader.readInt32()
      case 3: price = try reader.readMessage { try SampleMoney(from: &$0) }
      default: try reader.skipField()
      }
    }
    guard let sku else { throw BinaryDecodingError(.missingRequiredField("sku"), offset: reader.offset) }
    guard let quantity else {
      throw BinaryDecodingError(.missingRequiredField("quantity"), offset: reader.offset)
    }
    guard let price else { throw BinaryDecodingError(.missingRequiredField("price"), offset: reader.offset) }
    self.init(sku: sku, quantity: quantity, price: price)
  }
}

/// A realistic message with 21 fields: every scalar type, optional fields, a list of messages,
/// packed scalars, a list of strings, maps, an enum, a union, and the well-known types. All fields
/// but `note` and `payment` are required, so every proper prefix of an encoding fails to decode.
struct SampleOrder: Equatable {
  var id: String  // 1
  var items: [SampleLineItem]  // 2
  var note: String?  // 3
  var status: SampleStatus  // 4
  var payment: SamplePayment?  // 5
  var labels: [String: String]  // 6
  var giftWrap: Bool  // 7
  var createdAt: Date  // 8
  var ttl: Duration  // 9
  var customerID: UUID  // 10
  var weight: Double  // 11
  var ratio: Float  // 12
  var quantities: [Int32]  // 13
  var flags: UInt8  // 14
  var sequence: UInt64  // 15
  var delta: Int64  // 16
  var attachment: [UInt8]  // 17
  var priority: Int16  // 18
  var tags: [String]  // 19
  var scores: [Int64: Double]  // 20
  var small: Int8  // 21

  func encode(to writer: inout BinaryWriter) {
    writer.writeString(field: 1, id)
    writer.writeList(field: 2, items) { writer, item in writer.writeMessage { item.encode(to: &$0) } }
    if let note { writer.writeString(field: 3, note) }
    writer.writeEnumCase(field: 4, status.number)
    if let payment { writer.writeMessage(field: 5) { payment.encode(to: &$0) } }
    writer.writeMap(field: 6, labels.sorted { $0.key < $1.key }) { writer, key, value in
      writer.writeString(key)
      writer.writeString(value)
    }
    writer.writeBool(field: 7, giftWrap)
    writer.writeTimestamp(field: 8, createdAt)
    writer.writeDuration(field: 9, ttl)
    writer.writeUUID(field: 10, customerID)
    writer.writeDouble(field: 11, weight)
    writer.writeFloat(field: 12, ratio)
    writer.writeList(field: 13, quantities) { $0.writeInt32($1) }
    writer.writeUInt8(field: 14, flags)
    writer.writeUInt64(field: 15, sequence)
    writer.writeInt64(field: 16, delta)
    writer.writeBytes(field: 17, attachment)
    writer.writeInt16(field: 18, priority)
    writer.writeList(field: 19, tags) { $0.writeString($1) }
    writer.writeMap(field: 20, scores.sorted { $0.key < $1.key }) { writer, key, value in
      writer.writeInt64(key)
      writer.writeDouble(value)
    }
    writer.writeInt8(field: 21, small)
  }

  func encoded() -> [UInt8] {
    var writer = BinaryWriter(capacity: 256)
    encode(to: &writer)
    return writer.bytes
  }

  static func decode(_ bytes: [UInt8]) throws -> SampleOrder {
    var reader = BinaryReader(bytes)
    return try SampleOrder(from: &reader)
  }

  init(from reader: inout BinaryReader) throws {
    var id: String?
    var items: [SampleLineItem]?
    var note: String?
    var status: SampleStatus?
    var payment: SamplePayment?
    var labels: [String: String]?
    var giftWrap: Bool?
    var createdAt: Date?
    var ttl: Duration?
    var customerID: UUID?
    var weight: Double?
    var ratio: Float?
    var quantities: [Int32]?
    var flags: UInt8?
    var sequence: UInt64?
    var delta: Int64?
    var attachment: [UInt8]?
    var priority: Int16?
    var tags: [String]?
    var scores: [Int64: Double]?
    var small: Int8?
    while let field = try reader.nextField() {
      switch field.number {
      case 1: id = try reader.readString()
      case 2:
        var list = items ?? []
        let first = list.count
        do {
          try reader.readList(into: &list) { try $0.readMessage { try SampleLineItem(from: &$0) } }
        } catch let error as BinaryDecodingError {
          throw error.prefixingPath("[\(list.count - first)]").prefixingPath("items")
        }
        items = list
      case 3: note = try reader.readString()
      case 4: status = SampleStatus(number: try reader.readEnumCase())
      case 5: payment = try reader.readMessage { try SamplePayment(from: &$0) }
      case 6: labels = try reader.readMap { reader in (try reader.readString(), try reader.readString()) }
      case 7: giftWrap = try reader.readBool()
      case 8: createdAt = try reader.readTimestamp()
      case 9: ttl = try reader.readDuration()
      case 10: customerID = try reader.readUUID()
      case 11: weight = try reader.readDouble()
      case 12: ratio = try reader.readFloat()
      case 13:
        var list = quantities ?? []
        try reader.readList(into: &list) { try $0.readInt32() }
        quantities = list
      case 14: flags = try reader.readUInt8()
      case 15: sequence = try reader.readUInt64()
      case 16: delta = try reader.readInt64()
      case 17: attachment = try reader.readBytes()
      case 18: priority = try reader.readInt16()
      case 19:
        var list = tags ?? []
        try reader.readList(into: &list) { try $0.readString() }
        tags = list
      case 20: scores = try reader.readMap { reader in (try reader.readInt64(), try reader.readDouble()) }
      case 21: small = try reader.readInt8()
      default: try reader.skipField()
      }
    }
    func missing(_ name: String) -> BinaryDecodingError {
      BinaryDecodingError(.missingRequiredField(name), offset: reader.offset)
    }
    guard let id else { throw missing("id") }
    guard let items else { throw missing("items") }
    guard let status else { throw missing("status") }
    guard let labels else { throw missing("labels") }
    guard let giftWrap else { throw missing("giftWrap") }
    guard let createdAt else { throw missing("createdAt") }
    guard let ttl else { throw missing("ttl") }
    guard let customerID else { throw missing("customerID") }
    guard let weight else { throw missing("weight") }
    guard let ratio else { throw missing("ratio") }
    guard let quantities else { throw missing("quantities") }
    guard let flags else { throw missing("flags") }
    guard let sequence else { throw missing("sequence") }
    guard let delta else { throw missing("delta") }
    guard let attachment else { throw missing("attachment") }
    guard let priority else { throw missing("priority") }
    guard let tags else { throw missing("tags") }
    guard let scores else { throw missing("scores") }
    guard let small else { throw missing("small") }
    self.init(
      id: id, items: items, note: note, status: status, payment: payment, labels: labels,
      giftWrap: giftWrap, createdAt: createdAt, ttl: ttl, customerID: customerID, weight: weight,
      ratio: ratio, quantities: quantities, flags: flags, sequence: sequence, delta: delta,
      attachment: attachment, priority: priority, tags: tags, scores: scores, small: small)
  }

  init(
    id: String, items: [SampleLineItem], note: String?, status: SampleStatus, payment: SamplePayment?,
    labels: [String: String], giftWrap: Bool, createdAt: Date, ttl: Duration, customerID: UUID,
    weight: Double, ratio: Float, quantities: [Int32], flags: UInt8, sequence: UInt64, delta: Int64,
    attachment: [UInt8], priority: Int16, tags: [String], scores: [Int64: Double], small: Int8
  ) {
    self.id = id
    self.items = items
    self.note = note
    self.status = status
    self.payment = payment
    self.labels = labels
    self.giftWrap = giftWrap
    self.createdAt = createdAt
    self.ttl = ttl
    self.customerID = customerID
    self.weight = weight
    self.ratio = ratio
    self.quantities = quantities
    self.flags = flags
    self.sequence = sequence
    self.delta = delta
    self.attachment = attachment
    self.priority = priority
    self.tags = tags
    self.scores = scores
    self.small = small
  }

  /// A typical order.
  static let example = SampleOrder(
    id: "ord_42",
    items: [
      SampleLineItem(sku: "SKU-1", quantity: 2, price: SampleMoney(amountMinor: 1999, currency: "EUR")),
      SampleLineItem(sku: "SKU-22", quantity: 1, price: SampleMoney(amountMinor: 250, currency: "EUR")),
      SampleLineItem(sku: "Gürtel", quantity: 3, price: SampleMoney(amountMinor: 4500, currency: "CHF")),
    ],
    note: "leave at the door",
    status: .paid,
    payment: .invoice(SampleMoney(amountMinor: 8748, currency: "EUR")),
    labels: ["channel": "web", "campaign": "black-friday"],
    giftWrap: true,
    createdAt: Date(timeIntervalSince1970: 1_795_000_000.125),
    ttl: .seconds(90),
    customerID: UUID(
      uuid: (0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef)),
    weight: 2.75,
    ratio: 0.5,
    quantities: [2, 1, 3, -1, 1000],
    flags: 0b1010,
    sequence: 123_456_789,
    delta: -42,
    attachment: [0xde, 0xad, 0xbe, 0xef],
    priority: -7,
    tags: ["priority", "fragile"],
    scores: [1: 0.25, -5: 99.5],
    small: -128)
}
