import Parley
import Synchronization

/// Holds a service's gateway link once it is connected, so its handlers can call other services
/// through the same connection (their calls then extend the incoming call chain).
final class LinkBox: Sendable {
  private let link = Mutex<GatewayServiceLink?>(nil)

  /// Stores the link.
  func set(_ value: GatewayServiceLink) { link.withLock { $0 = value } }

  /// The connection to the gateway.
  /// - Throws: ``ParleyError`` `NOT_CONNECTED` before the link is set.
  func connection() throws -> ClientConnection {
    guard let current = link.withLock({ $0 }) else {
      throw ParleyError(.notConnected, "the service is not linked to the gateway yet")
    }
    return current.connection
  }

  /// Publishes an event through the gateway.
  /// - Throws: ``ParleyError`` when it cannot be sent.
  func publish(contract: String, service: String, event: String, payload: [UInt8]) async throws {
    guard let current = link.withLock({ $0 }) else {
      throw ParleyError(.notConnected, "the service is not linked to the gateway yet")
    }
    try await current.publish(contract: contract, service: service, event: event, payload: payload)
  }
}
