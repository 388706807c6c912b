import ParleyFrontEnd
import Testing

@Suite("Example contracts")
struct ExampleContractsTests {
  @Test("Contracts/ checks clean")
  func examplesAreClean() {
    let result = TestSupport.loadExamples()
    #expect(result.diagnostics.map(\.description) == [])
    #expect(result.contracts.contracts.count == 6)
  }

  @Test("the order contract resolves across imports")
  func orderModel() throws {
    let result = TestSupport.loadExamples()
    let orders = try #require(result.contracts.contract(named: "shop.orders"))
    #expect(orders.version == 3)
    #expect(orders.relativePath == "orders/orders.ipc")
    #expect(orders.doc?.hasPrefix("Orders between") == true)
    guard case .struct(let order) = try #require(orders.declaration(named: "Order")) else {
      Issue.record("Order is not a struct")
      return
    }
    #expect(
      order.fields.map(\.name) == [
        "id", "customer", "items", "note", "status", "payment", "labels", "giftWrap",
      ])
    let customer = try #require(order.field(named: "customer"))
    #expect(customer.type == .named(DeclarationReference(contract: "shop.common", name: "UserID")))
    let items = try #require(order.field(named: "items"))
    #expect(items.type == .list(.named(DeclarationReference(contract: "shop.orders", name: "LineItem"))))
    #expect(items.constraints.count == CountRange(lower: 1, upper: 100))
    let note = try #require(order.field(named: "note"))
    #expect(note.type == .optional(.builtin(.string)))
    #expect(note.constraints.length == CountRange(lower: nil, upper: 500))
    #expect(order.field(named: "status")?.defaultValue == .enumCase("pending"))
    #expect(order.field(named: "labels")?.defaultValue == .emptyMap)
    #expect(order.field(named: "giftWrap")?.availability.since == 3)
    #expect(order.reserved.numbers.map(\.range) == [9...9, 10...12])
    #expect(order.reserved.names.map(\.name) == ["legacyCode"])

    let service = try #require(orders.services.first)
    let getOrder = try #require(service.method(named: "getOrder"))
    #expect(getOrder.kind == .rpc)
    #expect(getOrder.timeoutMilliseconds == 2000)
    #expect(getOrder.isIdempotent)
    #expect(getOrder.errors == [DeclarationReference(contract: "shop.orders", name: "OrderNotFound")])
    #expect(getOrder.doc == "Fetch one order.")
    let place = try #require(service.method(named: "placeOrder"))
    #expect(
      place.errors.map(\.description) == [
        "shop.inventory.OutOfStock", "shop.orders.PaymentDeclined", "shop.users.UserNotFound",
      ])
    let health = try #require(service.method(named: "health"))
    #expect(health.request == nil && health.response == nil)
    #expect(service.method(named: "exportOrders")?.kind == .stream)
    #expect(service.method(named: "orderShipped")?.kind == .event)
  }
}
