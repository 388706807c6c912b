import Foundation

/// Seeded random values of the generated types, for property-style round trips. Every value is
/// within its contract's constraints, so random values also pass `validate()`.
enum Arbitrary {
  /// Letters, digits, punctuation that JSON escapes, and non-ASCII scalars.
  static let alphabet: [Character] = Array("abcXYZ019 _-\"\\/\n\t\u{0}\u{1F}éß€😀\u{10FFFF}")

  static func anyInt<T: FixedWidthInteger>(_ type: T.Type, _ random: inout GeneratedRandom) -> T {
    anyInt(&random)
  }

  static func anyInt<T: FixedWidthInteger>(_ random: inout GeneratedRandom) -> T {
    // Mostly the edges and small numbers, sometimes anything.
    switch random.next() % 4 {
    case 0: return [T.min, T.max, 0, 1][Int(random.next() % 4)]
    case 1: return T(truncatingIfNeeded: Int8(truncatingIfNeeded: random.next()))
    default: return T(truncatingIfNeeded: random.next())
    }
  }

  static func int<T: FixedWidthInteger>(in range: ClosedRange<T>, _ random: inout GeneratedRandom) -> T {
    T.random(in: range, using: &random)
  }

  static func bool(_ random: inout GeneratedRandom) -> Bool { random.next() % 2 == 0 }

  static func double(_ random: inout GeneratedRandom) -> Double {
    switch random.next() % 4 {
    case 0:
      return [0, -0.0, 1.5, -2.5e300, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude][
        Int(random.next() % 6)]
    default:
      let value = Double(bitPattern: random.next())
      return value.isFinite ? value : 0.25
    }
  }

  static func float(_ random: inout GeneratedRandom) -> Float {
    let value = Float(bitPattern: UInt32(truncatingIfNeeded: random.next()))
    return value.isFinite ? value : -0.5
  }

  static func string(_ random: inout GeneratedRandom, length: ClosedRange<Int> = 0...12) -> String {
    let count = Int.random(in: length, using: &random)
    return String((0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
  }

  static func ascii(_ random: inout GeneratedRandom, length: ClosedRange<Int>, from characters: String)
    -> String
  {
    let pool = Array(characters)
    let count = Int.random(in: length, using: &random)
    return String((0..<count).map { _ in pool[Int(random.next() % UInt64(pool.count))] })
  }

  static func data(_ random: inout GeneratedRandom, maximum: Int = 24) -> Data {
    Data((0..<Int(random.next() % UInt64(maximum + 1))).map { _ in UInt8(truncatingIfNeeded: random.next()) })
  }

  /// Whole seconds between 1900 and 2200 (JSON timestamps carry nanoseconds as decimal text, so
  /// whole seconds round-trip through `Date`'s `Double` exactly).
  static func date(_ random: inout GeneratedRandom) -> Date {
    Date(timeIntervalSince1970: Double(Int64.random(in: -2_208_988_800...7_258_118_400, using: &random)))
  }

  static func duration(_ random: inout GeneratedRandom) -> Duration {
    .milliseconds(Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &random))
  }

  static func uuid(_ random: inout GeneratedRandom) -> UUID {
    let a = random.next()
    let b = random.next()
    return withUnsafeBytes(of: (a, b)) { bytes in
      UUID(
        uuid: (
          bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
          bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
        ))
    }
  }

  static func optional<T>(_ random: inout GeneratedRandom, _ make: (inout GeneratedRandom) -> T) -> T? {
    bool(&random) ? make(&random) : nil
  }

  static func list<T>(
    _ random: inout GeneratedRandom, count: ClosedRange<Int> = 0...4, _ make: (inout GeneratedRandom) -> T
  )
    -> [T]
  {
    (0..<Int.random(in: count, using: &random)).map { _ in make(&random) }
  }

  // MARK: Contract types

  static func money(_ random: inout GeneratedRandom) -> GenCommon.Money {
    GenCommon.Money(
      amountMinor: int(in: 0...Int64.max, &random),
      currency: GenCommon.CurrencyCode(ascii(&random, length: 3...3, from: "ABCDEFXYZ")))
  }

  static func lineItem(_ random: inout GeneratedRandom) -> GenShopOrders.LineItem {
    GenShopOrders.LineItem(
      sku: string(&random, length: 1...20), quantity: GenShopOrders.Quantity(int(in: 1...1000, &random)),
      price: money(&random))
  }

  /// A known status; `voided` is deprecated, so tests reach it through decoding only.
  static func status(_ random: inout GeneratedRandom) -> GenShopOrders.OrderStatus {
    [.pending, .paid, .shipped, .cancelled][Int(random.next() % 4)]
  }

  static func payment(_ random: inout GeneratedRandom) -> GenShopOrders.PaymentMethod {
    switch random.next() % 4 {
    case 0:
      return .card(
        GenShopOrders.CardPayment(
          token: ascii(&random, length: 8...40, from: "abcdef0123456789"),
          last4: ascii(&random, length: 4...4, from: "0123456789")))
    case 1:
      return .invoice(
        GenShopOrders.InvoiceRef(number: string(&random), dueDays: int(in: 1...90, &random)))
    case 2: return .voucher(ascii(&random, length: 4...16, from: "ABCDEFGH234567"))
    default: return .points(anyInt(Int64.self, &random))
    }
  }

  static func order(_ random: inout GeneratedRandom) -> GenShopOrders.Order {
    var labels: [String: String] = [:]
    for _ in 0..<Int(random.next() % 4) { labels[string(&random)] = string(&random) }
    var stock: [GenShopOrders.ItemID: GenShopOrders.Quantity] = [:]
    for _ in 0..<Int(random.next() % 3) {
      stock[GenShopOrders.ItemID(uuid(&random))] = GenShopOrders.Quantity(int(in: 1...1000, &random))
    }
    return GenShopOrders.Order(
      id: GenShopOrders.OrderID("ord_" + ascii(&random, length: 1...20, from: "abc0123456789")),
      customer: GenCommon.UserID("usr_" + ascii(&random, length: 1...10, from: "xyz789")),
      items: list(&random, count: 1...4, lineItem),
      note: optional(&random) { string(&$0, length: 0...40) },
      status: status(&random),
      payment: optional(&random, payment),
      labels: labels,
      giftWrap: bool(&random),
      discount: GenShopOrders.Ratio(Double(random.next() % 1001) / 1000),
      stock: stock,
      placedAt: date(&random),
      ttl: duration(&random),
      contact: optional(&random) { ascii(&$0, length: 1...8, from: "abc") + "@example.org" },
      attachment: optional(&random) { data(&$0) },
      priorities: list(&random) { anyInt(Int32.self, &$0) })
  }

  static func scalars(_ random: inout GeneratedRandom) -> GenShopOrders.Scalars {
    GenShopOrders.Scalars(
      flag: bool(&random), tiny: anyInt(&random), small: anyInt(&random), medium: anyInt(&random),
      large: anyInt(&random), word: anyInt(&random), byte: anyInt(&random), ushort: anyInt(&random),
      uint: anyInt(&random),
      ulong: anyInt(&random), single: float(&random), double: double(&random), text: string(&random),
      blob: data(&random), when: date(&random), wait: duration(&random), id: uuid(&random))
  }

  static func keywords(_ random: inout GeneratedRandom) -> GenShopOrders.Keywords {
    GenShopOrders.Keywords(
      default: string(&random), class: anyInt(&random), protocol: bool(&random),
      self_: optional(&random) { string(&$0) }, type: optional(&random) { string(&$0) },
      func: list(&random) { string(&$0) }, in: anyInt(&random))
  }

  static func node(_ random: inout GeneratedRandom, depth: Int = 0) -> GenShopOrders.Node {
    GenShopOrders.Node(
      label: string(&random),
      children: depth < 3 ? list(&random, count: 0...2) { node(&$0, depth: depth + 1) } : [],
      parent: depth < 2 && random.next() % 3 == 0 ? node(&random, depth: depth + 2) : nil)
  }

  static func accountUser(_ random: inout GeneratedRandom) -> GenAccounts.User {
    GenAccounts.User(
      email: ascii(&random, length: 1...8, from: "abc.") + "x@example.org",
      roles: list(&random) { GenAccounts.Role(parleyNumber: Int($0.next() % 3) + 1) })
  }
}
