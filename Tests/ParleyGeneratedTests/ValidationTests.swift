import Foundation
import Parley
import Testing

/// Every constraint rule and its message, with paths into nested values.
@Suite("Validators")
struct ValidationTests {
  typealias Orders = GenShopOrders

  static func validOrder() -> Orders.Order {
    Orders.Order(
      id: "ord_42", customer: "usr_7",
      items: [
        Orders.LineItem(sku: "sku-1", quantity: 1, price: GenCommon.Money(amountMinor: 100, currency: "EUR"))
      ],
      placedAt: Date(timeIntervalSince1970: 0))
  }

  static func messages(_ value: some ParleyValidatable) -> [String] {
    value.parleyViolations.map(\.description)
  }

  @Test func aValidOrderPasses() throws {
    try Self.validOrder().validate()
  }

  @Test func everyViolationIsListedWithItsPath() {
    var order = Self.validOrder()
    order.id = "bad"
    order.customer = "user_1"
    order.items = [
      order.items[0],
      Orders.LineItem(sku: "", quantity: 0, price: GenCommon.Money(amountMinor: -5, currency: "eur")),
    ]
    order.note = String(repeating: "é", count: 501)
    order.payment = .voucher("ab")
    order.labels = Dictionary(uniqueKeysWithValues: (0..<21).map { ("k\($0)", "v") })
    order.discount = 1.5
    order.contact = "not an email"
    order.attachment = Data(count: 1025)
    #expect(
      Self.messages(order) == [
        "id: length 3 is below the minimum 5",
        #"id: "bad" does not match the pattern ^ord_[a-z0-9]+$"#,
        #"customer: "user_1" does not match the pattern ^usr_[a-z0-9]+$"#,
        "items[1].sku: length 0 is below the minimum 1",
        "items[1].quantity: 0 is below the minimum 1",
        "items[1].price.amountMinor: -5 is below the minimum 0",
        #"items[1].price.currency: "eur" does not match the pattern ^[A-Z]{3}$"#,
        "note: length 501 is above the maximum 500",
        "payment.voucher: length 2 is below the minimum 4",
        "labels: count 21 is above the maximum 20",
        "discount: 1.5 is above the maximum 1.0",
        #"contact: "not an email" is not a valid email address"#,
        "attachment: length 1025 is above the maximum 1024",
      ])
  }

  @Test func validateThrowsOneErrorWithEveryViolation() {
    var order = Self.validOrder()
    order.items = []
    order.stock = [Orders.ItemID(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1))): 0]
    #expect {
      try order.validate()
    } throws: { error in
      String(describing: error)
        == #"items: count 0 is below the minimum 1; stock["00000000-0000-0000-0000-000000000001"]: 0 is below the minimum 1"#
    }
  }

  @Test func unionVariantsAndNestedStructsAreChecked() {
    #expect(
      Self.messages(Orders.PaymentMethod.card(Orders.CardPayment(token: "short", last4: "12a4"))) == [
        "card.token: length 5 is below the minimum 8",
        #"card.last4: "12a4" does not match the pattern ^[0-9]{4}$"#,
      ])
    #expect(
      Self.messages(Orders.PaymentMethod.invoice(Orders.InvoiceRef(number: "1", dueDays: 91))) == [
        "invoice.dueDays: 91 is above the maximum 90"
      ])
  }

  @Test func formatsAndDistinctTypes() {
    #expect(Self.messages(GenAccounts.User(email: "a@b")) == [#"email: "a@b" is not a valid email address"#])
    #expect(Self.messages(Orders.Quantity(1001)) == ["1001 is above the maximum 1000"])
    #expect(Self.messages(Orders.ExportRequest(pageSize: 0)) == ["pageSize: 0 is below the minimum 1"])
  }
}
