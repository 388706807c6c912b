import Foundation
import Parley

/// The example `OrderService`: `ord_1` belongs to `usr_1`; fetching an order asks `UserService`
/// for its customer (which asks `RoleService`); placing one checks the customer, reserves stock
/// and publishes `orderShipped`; exporting streams `usr_1`'s order history page by page.
struct OrderServiceExample: ShopOrders.OrderServiceHandler {
  let link: LinkBox

  func getOrder(_ request: ShopOrders.GetOrderRequest, call: IncomingCall) async throws -> ShopOrders.Order {
    guard request.id.rawValue == "ord_1" else { throw ShopOrders.OrderNotFound(orderId: request.id) }
    let customer = try await ShopUsers.UserServiceClient(try await link.connection()).getUser(id: "usr_1")
    return ShopOrders.Order(
      id: request.id, customer: customer.id,
      items: [
        ShopOrders.LineItem(
          sku: "BOOK-1", quantity: 1, price: ShopCommon.Money(amountMinor: 2_500, currency: "EUR"))
      ], note: "for \(customer.displayName)", status: .paid,
      labels: ["customerRoles": "\(customer.roles.count)"])
  }

  func placeOrder(_ request: ShopOrders.PlaceOrder, call: IncomingCall) async throws -> ShopOrders.Receipt {
    let connection = try await link.connection()
    guard try await ShopUsers.UserServiceClient(connection).canOrder(id: request.customer) else {
      throw ShopCommon.PermissionDenied(action: "place an order for \(request.customer.rawValue)")
    }
    if case .voucher(let code) = request.payment, code == "DECLINED" {
      throw ShopOrders.PaymentDeclined(reason: "voucher \(code) was refused")
    }
    let orderID = ShopOrders.OrderID("ord_\(Int.random(in: 100...999))")
    var total: Int64 = 0
    for item in request.items {
      let level = try await ShopInventory.InventoryServiceClient(connection).reserve(
        ShopInventory.Reservation(orderId: orderID.rawValue, sku: item.sku, quantity: item.quantity))
      total += level.unitPrice.amountMinor * Int64(item.quantity)
    }
    let notice = ShopOrders.ShipmentNotice(orderId: orderID, carrier: "Parley Post")
    try await ShopOrders.OrderServiceClient(try await link.link()).orderShipped.publish(notice)
    return ShopOrders.Receipt(orderId: orderID, total: ShopCommon.Money(amountMinor: total, currency: "EUR"))
  }

  func health(call: IncomingCall) async throws {}

  /// `usr_1` has five orders, exported `page.limit` per page (at least 1) with a cursor; any other
  /// customer is unknown (`UserNotFound`, ending the stream with that declared error).
  func exportOrders(
    _ request: ShopOrders.ExportRequest, writer: ParleyTypedStreamWriter<ShopOrders.OrderPage>,
    call: IncomingCall
  ) async throws {
    guard request.customer.rawValue == "usr_1" else { throw ShopUsers.UserNotFound(id: request.customer) }
    let history = (1...5).map { number in
      ShopOrders.Order(
        id: ShopOrders.OrderID("ord_h\(number)"), customer: request.customer,
        items: [
          ShopOrders.LineItem(
            sku: ShopInventory.SKU("BOOK-\(number)"), quantity: Int32(number),
            price: ShopCommon.Money(amountMinor: 1_000, currency: "EUR"))
        ], status: .shipped)
    }
    let size = max(1, Int(request.page.limit))
    var start = Int(request.page.cursor ?? "") ?? 0
    while start < history.count {
      let end = min(start + size, history.count)
      try await writer.send(
        ShopOrders.OrderPage(
          orders: Array(history[start..<end]), nextCursor: end < history.count ? "\(end)" : nil))
      start = end
    }
  }
}
