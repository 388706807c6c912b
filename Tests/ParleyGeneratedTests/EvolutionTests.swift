import Foundation
import Parley
import Testing

/// An older reader (`shop/orders.ipc`, version 3) reading what a newer writer (`newer/orders.ipc`,
/// version 4: new fields, a new enum case, a new union variant) wrote, and passing it on.
@Suite("Unknown fields, enum cases and union variants from a newer writer")
struct EvolutionTests {
  typealias Old = GenShopOrders
  typealias New = GenNewerOrders

  static let placedAt = Date(timeIntervalSince1970: 1_790_000_000)

  /// A newer order using everything the older contract does not know.
  static func newerOrder(
    payment: New.PaymentMethod = .crypto(New.CryptoPayment(wallet: "0xabc", chain: "eth"))
  )
    -> New.Order
  {
    New.Order(
      id: "ord_1", customer: "usr_1",
      items: [
        New.LineItem(
          sku: "sku-1", quantity: 2, price: GenCommon.Money(amountMinor: 995, currency: "EUR"),
          giftNote: "for you",
          tags: ["a", "b"])
      ],
      status: .refunded, payment: payment, placedAt: placedAt, priority: -7, rating: 4.5, stamp: 1.25,
      audit: ["by": "ops"], shipTo: New.Address(street: "Main St 1", city: "Springfield"))
  }

  /// What the older reader must see of ``newerOrder(payment:)`` apart from status and payment.
  static func expectKnownFields(_ order: Old.Order) {
    #expect(order.id == "ord_1")
    #expect(order.customer == "usr_1")
    #expect(
      order.items == [
        Old.LineItem(sku: "sku-1", quantity: 2, price: GenCommon.Money(amountMinor: 995, currency: "EUR"))
      ])
    #expect(order.placedAt == placedAt)
    // Absent fields take their defaults.
    #expect(order.labels == [:])
    #expect(order.giftWrap == false)
    #expect(order.ttl == .seconds(30))
    #expect(order.priorities == [])
    #expect(order.note == nil)
  }

  @Test func binaryReaderSkipsUnknownFieldsAndKeepsUnknownCases() throws {
    let old = try Old.Order(parleyBinaryBytes: Self.newerOrder().parleyBinaryBytes)
    Self.expectKnownFields(old)
    #expect(old.status == .unknown(.number(7)))
    guard case .unknown(let variant) = old.payment else {
      Issue.record("expected an unknown payment variant, got \(String(describing: old.payment))")
      return
    }
    #expect(variant.number == 5)
  }

  @Test func jsonReaderIgnoresUnknownKeysAndKeepsUnknownCases() throws {
    let old = try ParleyJSON.decode(Old.Order.self, from: try ParleyJSON.encode(Self.newerOrder()))
    Self.expectKnownFields(old)
    #expect(old.status == .unknown(.name("refunded")))
    guard case .unknown(let variant) = old.payment else {
      Issue.record("expected an unknown payment variant, got \(String(describing: old.payment))")
      return
    }
    #expect(variant.name == "crypto")
  }

  @Test func unknownCasesPassThroughBinaryUnchanged() throws {
    let newer = Self.newerOrder()
    let old = try Old.Order(parleyBinaryBytes: newer.parleyBinaryBytes)
    let back = try New.Order(parleyBinaryBytes: old.parleyBinaryBytes)
    #expect(back.status == .refunded)
    #expect(back.payment == newer.payment)
  }

  @Test func unknownCasesPassThroughJSONUnchanged() throws {
    let newer = Self.newerOrder()
    let old = try ParleyJSON.decode(Old.Order.self, from: try ParleyJSON.encode(newer))
    let back = try ParleyJSON.decode(New.Order.self, from: try ParleyJSON.encode(old))
    #expect(back.status == .refunded)
    #expect(back.payment == newer.payment)
  }

  @Test(arguments: [New.PaymentMethod.loyaltyTier(-3), .crypto(New.CryptoPayment(wallet: "w", chain: "c"))])
  func unknownUnionVariantsOfEveryWireType(payment: New.PaymentMethod) throws {
    let old = try Old.PaymentMethod(parleyBinaryBytes: payment.parleyBinaryBytes)
    #expect(try New.PaymentMethod(parleyBinaryBytes: old.parleyBinaryBytes) == payment)
  }

  @Test func strictModeRejectsUnknownKeys() throws {
    let json = try ParleyJSON.encode(Self.newerOrder(payment: .points(3)))
    #expect {
      try ParleyJSON.decode(Old.Order.self, from: json, strict: true)
    } throws: { error in
      String(describing: error).contains("strict mode")
    }
  }

  @Test func randomNewerOrdersAlwaysDecode() throws {
    var random = GeneratedRandom(seed: 40)
    for _ in 0..<200 {
      let newer = New.Order(
        id: Arbitrary.string(&random), customer: Arbitrary.string(&random),
        items: Arbitrary.list(&random) { random in
          New.LineItem(
            sku: Arbitrary.string(&random), quantity: Arbitrary.anyInt(&random),
            price: Arbitrary.money(&random),
            giftNote: Arbitrary.optional(&random) { Arbitrary.string(&$0) })
        },
        status: [.pending, .refunded, .shipped][Int(random.next() % 3)],
        payment: Arbitrary.optional(&random) { random in
          random.next() % 2 == 0
            ? .loyaltyTier(Arbitrary.anyInt(&random)) : .voucher(Arbitrary.string(&random))
        },
        placedAt: Arbitrary.date(&random), priority: Arbitrary.anyInt(&random),
        rating: Arbitrary.double(&random),
        stamp: Arbitrary.float(&random))
      let fromBinary = try Old.Order(parleyBinaryBytes: newer.parleyBinaryBytes)
      let fromJSON = try ParleyJSON.decode(Old.Order.self, from: try ParleyJSON.encode(newer))
      #expect(fromBinary.items.count == newer.items.count)
      #expect(fromJSON.items.map(\.sku) == newer.items.map(\.sku))
      // Unknown fields are skipped (not kept); unknown enum cases and union variants are kept.
      let back = try New.Order(parleyBinaryBytes: fromBinary.parleyBinaryBytes)
      #expect(back.status == newer.status)
      #expect(back.payment == newer.payment)
      #expect(back.priority == 0)
    }
  }
}
