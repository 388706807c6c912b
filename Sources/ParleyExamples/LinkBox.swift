import Parley

/// Holds a service's gateway link once it is connected, so its handlers can call other services
/// through the same connection (their calls then extend the incoming call chain).
///
/// The gateway may route a call to the service as soon as it is registered, a moment before
/// `GatewayServiceLink.connect` returns and the link is stored: a handler that asks in that
/// moment waits for it, for as long as its call lasts.
final class LinkBox: Sendable {
  private let stored = Eventual<GatewayServiceLink>()

  /// Stores the link.
  func set(_ value: GatewayServiceLink) { stored.set(value) }

  /// The connection to the gateway.
  /// - Throws: `CancellationError` when the handler's call ends before the link is set.
  func connection() async throws -> ClientConnection { try await stored.value().connection }

  /// The link itself: generated clients built on it call through the gateway and publish the
  /// service's events (`ShopOrders.OrderServiceClient(try await box.link()).orderShipped.publish(…)`).
  /// - Throws: `CancellationError` when the handler's call ends before the link is set.
  func link() async throws -> GatewayServiceLink { try await stored.value() }
}
