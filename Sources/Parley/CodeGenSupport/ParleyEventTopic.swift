/// One `event` of a service, typed: publish it, or subscribe to it, through a gateway.
///
/// Generated clients expose one per `event` method (`client.orderShipped`). Events travel only
/// through a gateway hub, so the client must be built on a ``ParleyEventTransport``
/// (``GatewayClient`` for subscribers, ``GatewayServiceLink`` for the service that emits them);
/// on any other transport (a direct ``ClientConnection``) ``subscribe()`` and ``publish(_:)``
/// throw `NOT_CONNECTED` (did not run).
///
/// Event payloads are always JSON, whatever codec the connections negotiated: the hub forwards
/// them verbatim to every subscriber.
///
/// ```swift
/// let orders = ShopOrders.OrderServiceClient(try await GatewayClient.connect(to: hub))
/// let shipped = try await orders.orderShipped.subscribe()      // acknowledged by the hub
/// for await notice in shipped { print(notice.orderId) }
///
/// // in the service, on the link it is served through:
/// try await ShopOrders.OrderServiceClient(link).orderShipped.publish(notice)
/// ```
public struct ParleyEventTopic<Payload: Sendable>: Sendable {
  /// What the event is published and subscribed through.
  public let transport: any ParleyCallTransport
  /// The contract that declares the event, e.g. `shop.orders`.
  public let contract: String
  /// The service that declares the event, e.g. `OrderService`.
  public let service: String
  /// The event's name, e.g. `orderShipped`.
  public let event: String
  let encode: @Sendable (Payload, WireCodec) throws -> [UInt8]
  let decode: @Sendable ([UInt8], WireCodec) throws -> Payload

  /// Creates the typed event `event` of `service` in `contract`, with the payload codecs of
  /// generated code.
  public init(
    transport: any ParleyCallTransport, contract: String, service: String, event: String,
    encode: @escaping @Sendable (Payload, WireCodec) throws -> [UInt8],
    decode: @escaping @Sendable ([UInt8], WireCodec) throws -> Payload
  ) {
    self.transport = transport
    self.contract = contract
    self.service = service
    self.event = event
    self.encode = encode
    self.decode = decode
  }

  /// The gateway topic, `"<contract>.<event>"`, e.g. `shop.orders.orderShipped`.
  public var topic: String { GatewayWire.topic(contract: contract, event: event) }

  /// The codec of event payloads: always JSON (see the type's documentation).
  public static var payloadCodec: WireCodec { .json }

  private func eventTransport() throws(ParleyError) -> any ParleyEventTransport {
    guard let events = transport as? any ParleyEventTransport else {
      throw ParleyError(
        .notConnected,
        "events travel through a gateway: build the client on a GatewayClient or GatewayServiceLink, not a \(type(of: transport))",
        mayHaveRun: false, service: service, method: event)
    }
    return events
  }

  /// Subscribes to this event; returns once the hub has acknowledged, so no event published
  /// after it returns is missed. Iterate the result; `cancel()` it to unsubscribe.
  /// - Throws: ``ParleyError``: `NOT_CONNECTED` when the transport is not a gateway, or the
  ///   hub's refusal (`OVERLOADED`, …).
  public nonisolated(nonsending) func subscribe() async throws -> ParleyTypedEvents<Payload> {
    let subscription = try await eventTransport().subscribe(topic)
    let decode = self.decode
    return ParleyTypedEvents(subscription, service: service) { try decode($0, Self.payloadCodec) }
  }

  /// Publishes `payload` as this event; returns once the hub has handed it to every matching
  /// subscriber.
  /// - Throws: ``ParleyError``: `NOT_CONNECTED` when the transport is not a gateway, or the
  ///   hub's refusal; the encoding error of `payload`.
  public nonisolated(nonsending) func publish(_ payload: Payload) async throws {
    let events = try eventTransport()
    let bytes = try encode(payload, Self.payloadCodec)
    try await events.publish(contract: contract, service: service, event: event, payload: bytes)
  }
}
