/// An event delivered through a gateway to a subscription.
public struct GatewayEvent: Sendable {
  /// The topic, `"<contract>.<event>"`, e.g. `shop.orders.orderShipped`.
  public var topic: String
  /// The contract that declares the event.
  public var contract: String
  /// The service that published it.
  public var service: String?
  /// The event's name, e.g. `orderShipped`.
  public var event: String
  /// The encoded event message (JSON).
  public var payload: [UInt8]
  /// The publisher, as stamped by the gateway.
  public var publisher: PeerIdentity?
  /// The call-chain context the event was published in, if any.
  public var context: CallContext?
}
