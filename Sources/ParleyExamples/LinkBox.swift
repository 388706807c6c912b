import Parley
import Synchronization

/// Holds a service's gateway link once it is connected, so its handlers can call other services
/// through the same connection (their calls then extend the incoming call chain).
final class LinkBox: Sendable {
  private let stored = Mutex<GatewayServiceLink?>(nil)

  /// Stores the link.
  func set(_ value: GatewayServiceLink) { stored.withLock { $0 = value } }

  /// The connection to the gateway.
  /// - Throws: ``ParleyError`` `NOT_CONNECTED` before the link is set.
  func connection() throws -> ClientConnection {
    guard let current = stored.withLock({ $0 }) else {
      throw ParleyError(.notConnected, "the service is not linked to the gateway yet")
    }
    return current.connection
  }

  /// The link itself: generated clients built on it call through the gateway and publish the
  /// service's events (`ShopOrders.OrderServiceClient(try box.link()).orderShipped.publish(…)`).
  /// - Throws: ``ParleyError`` `NOT_CONNECTED` before the link is set.
  func link() throws -> GatewayServiceLink {
    guard let current = stored.withLock({ $0 }) else {
      throw ParleyError(.notConnected, "the service is not linked to the gateway yet")
    }
    return current
  }
}
