import Foundation
import Parley
import Testing

/// A handler for `OrderService` whose behaviour depends on the requested order id.
private struct OrderHandler: GenShopOrders.OrderServiceHandler {
  /// Not one of the contract's errors: must reach the caller as `INTERNAL`, without its details.
  struct SecretFailure: Error {}

  static let order = GenShopOrders.Order(
    id: "ord_1", customer: "usr_1",
    items: [
      GenShopOrders.LineItem(
        sku: "sku-1", quantity: 3, price: GenCommon.Money(amountMinor: 250, currency: "EUR"))
    ],
    payment: .voucher("SPRING24"), placedAt: Date(timeIntervalSince1970: 1_790_000_000))

  func getOrder(_ request: GenShopOrders.GetOrderRequest, call: IncomingCall) async throws
    -> GenShopOrders.Order
  {
    switch request.id {
    case "ord_missing": throw GenShopOrders.OrderNotFound(orderId: request.id)
    case "ord_denied": throw GenCommon.PermissionDenied(action: "read ord_denied")
    case "ord_secret": throw SecretFailure()
    default:
      var order = Self.order
      order.id = request.id
      return order
    }
  }

  func placeOrder(_ request: GenShopOrders.Order, call: IncomingCall) async throws -> GenShopOrders.Order {
    if request.note == "teapot" { throw GenShopOrders.Teapot() }
    var placed = request
    placed.status = .paid
    return placed
  }

  func health(call: IncomingCall) async throws {}

  func recordView(_ request: GenShopOrders.ViewEvent, call: IncomingCall) throws {}

  func fetchOrder(_ request: GenShopOrders.GetOrderRequest, call: IncomingCall) async throws
    -> GenShopOrders.Order
  {
    Self.order
  }

  func exportOrders(
    _ request: GenShopOrders.ExportRequest, writer: ParleyTypedStreamWriter<GenShopOrders.OrderPage>,
    call: IncomingCall
  ) async throws {
    for _ in 0..<3 { try await writer.send(GenShopOrders.OrderPage(orders: [Self.order])) }
  }

  func `default`(_ request: GenShopOrders.Keywords, call: IncomingCall) async throws -> GenShopOrders.Keywords
  {
    var echo = request
    echo.in += 1
    return echo
  }
}

/// Generated clients and handler protocols talking over a real Unix socket.
@Suite("Clients and servers over a socket")
struct ServiceSocketTests {
  static let options = CallOptions(timeout: .seconds(30))  // generous: the first seconds of a parallel run are busy

  /// Starts a server with `OrderHandler`, runs `body` with a connected client, cleans up.
  static func withClient(_ body: (GenShopOrders.OrderServiceClient) async throws -> Void) async throws {
    try await withServedConnection([OrderHandler().parleyRegistration()]) { connection in
      try await body(GenShopOrders.OrderServiceClient(connection))
    }
  }

  @Test func typedRequestAndResponse() async throws {
    try await Self.withClient { client in
      let order = try await client.getOrder(id: "ord_7", options: Self.options)  // not @timeout(2s)
      #expect(order.id == "ord_7")
      #expect(order.items == OrderHandler.order.items)
      #expect(order.payment == .voucher("SPRING24"))
      try await client.health(options: Self.options)
      let placed = try await client.placeOrder(OrderHandler.order, options: Self.options)
      #expect(placed.status == .paid)
      let echo = try await client.default(
        default: "d", class: 1, protocol: true, in: 41, options: Self.options)
      #expect(echo.in == 42)
    }
  }

  @Test func declaredErrorsArriveAsTheirOwnTypes() async throws {
    try await Self.withClient { client in
      await #expect(throws: GenShopOrders.OrderNotFound(orderId: "ord_missing")) {
        try await client.getOrder(id: "ord_missing", options: Self.options)
      }
      await #expect(throws: GenCommon.PermissionDenied(action: "read ord_denied")) {
        try await client.getOrder(id: "ord_denied", options: Self.options)
      }
    }
  }

  @Test func aDeclaredErrorWithoutFields() async throws {
    try await Self.withClient { client in
      var order = OrderHandler.order
      order.note = "teapot"
      await #expect(throws: GenShopOrders.Teapot()) {
        try await client.placeOrder(order, options: Self.options)
      }
    }
  }

  @Test func undeclaredErrorsArriveAsInternalWithoutDetails() async throws {
    try await Self.withClient { client in
      do {
        _ = try await client.getOrder(id: "ord_secret", options: Self.options)
        Issue.record("expected an error")
      } catch let error as ParleyError {
        #expect(error.code == .internal)
        #expect(!error.message.contains("SecretFailure"))
      }
    }
  }

  @Test func invalidRequestsAreRejectedBeforeTheHandler() async throws {
    try await Self.withClient { client in
      var order = OrderHandler.order
      order.items[0].quantity = 0
      order.note = String(repeating: "x", count: 501)
      do {
        _ = try await client.placeOrder(order, options: Self.options)
        Issue.record("expected VALIDATION_FAILED")
      } catch let error as ParleyError {
        #expect(error.code == .validationFailed)
        #expect(error.violations.map(\.path) == ["items[0].quantity", "note"])
      }
    }
  }
}
