import Foundation
import Parley
import Synchronization

/// The example `InventoryService`: a little stock; reservations publish `stockChanged`.
struct InventoryServiceExample: ShopInventory.InventoryServiceHandler {
  let link: LinkBox
  private let stock = Stock()

  /// The warehouse's shelves.
  final class Stock: Sendable {
    private let levels = Mutex<[String: Int64]>(["BOOK-1": 5, "PEN-1": 100])

    func withLock<T: Sendable>(_ body: @Sendable (inout [String: Int64]) -> T) -> T {
      levels.withLock { body(&$0) }
    }
  }

  init(link: LinkBox) { self.link = link }

  private static func price(_ sku: String) -> ShopCommon.Money {
    ShopCommon.Money(amountMinor: sku == "BOOK-1" ? 2_500 : 150, currency: "EUR")
  }

  func reserve(_ request: ShopInventory.Reservation, call: IncomingCall) async throws
    -> ShopInventory.StockLevel
  {
    let sku = request.sku.rawValue
    let left = stock.withLock { stock -> Int64? in
      let available = stock[sku] ?? 0
      guard available >= Int64(request.quantity) else { return nil }
      stock[sku] = available - Int64(request.quantity)
      return available - Int64(request.quantity)
    }
    guard let left else {
      throw ShopInventory.OutOfStock(sku: request.sku, available: stock.withLock { $0[sku] ?? 0 })
    }
    let level = ShopInventory.StockLevel(sku: request.sku, available: left, unitPrice: Self.price(sku))
    let event = ShopInventory.StockChanged(level: level, reason: .reserved, at: Date())
    try await ShopInventory.InventoryServiceClient(try await link.link()).stockChanged.publish(event)
    return level
  }

  func release(_ request: ShopInventory.Reservation, call: IncomingCall) async throws {
    stock.withLock { $0[request.sku.rawValue, default: 0] += Int64(request.quantity) }
  }

  func level(_ request: ShopInventory.SKU, call: IncomingCall) async throws -> ShopInventory.StockLevel {
    ShopInventory.StockLevel(
      sku: request, available: stock.withLock { $0[request.rawValue] ?? 0 },
      unitPrice: Self.price(request.rawValue))
  }
}
