import Synchronization

/// A connection to a gateway hub, for calling services by name and for events.
///
/// Calls go through ``connection`` exactly as to a server (generated clients take it as is); the
/// hub routes each one to a live instance of the named service.
///
/// ```swift
/// let client = try await GatewayClient.connect(to: .unix(path: socket))
/// let reply = try await client.connection.call(
///   contract: "shop.orders", version: 3, service: "OrderService", method: "getOrder",
///   payload: Array(#"{"id":"ord_1"}"#.utf8))
/// let shipped = try await client.subscribe("shop.orders.*")   // acknowledged by the hub
/// ```
public final class GatewayClient: GatewaySubscriptionOwner, Sendable {
  /// How many undelivered events a subscription buffers; beyond that new events are dropped
  /// and counted in ``droppedEvents``.
  public static let subscriptionBuffer = 10_000

  /// The connection to the hub (give it to generated clients).
  public let connection: ClientConnection
  private let subscriptions = Mutex<[ObjectIdentifier: GatewaySubscription]>([:])
  private let dropped = Atomic<Int>(0)

  /// Wraps an open connection to a hub.
  public init(connection: ClientConnection) {
    self.connection = connection
    connection.setHandler(for: .event) { [weak self] envelope in self?.deliver(envelope) }
    connection.attach(timer: nil) { [weak self] _ in self?.finishAll() }
  }

  /// Connects to the hub at `endpoint`.
  /// - Throws: ``ParleyError`` as ``ClientConnection/connect(to:configuration:)``.
  public static func connect(
    to endpoint: Endpoint, configuration: ClientConfiguration = ClientConfiguration()
  ) async throws -> GatewayClient {
    GatewayClient(connection: try await ClientConnection.connect(to: endpoint, configuration: configuration))
  }

  /// Events dropped because a subscription's buffer was full.
  public var droppedEvents: Int { dropped.load(ordering: .relaxed) }

  /// Subscribes to events whose topic matches `pattern` (e.g. `shop.orders.*`). Returns only
  /// once the hub has acknowledged, so no event published after it returns is missed.
  /// - Throws: ``ParleyError``: `VALIDATION_FAILED` for a bad pattern, `OVERLOADED`, or a
  ///   connection error.
  public nonisolated(nonsending) func subscribe(_ pattern: String) async throws -> GatewaySubscription {
    let parsed = try TopicPattern(pattern)
    let subscription = GatewaySubscription(pattern: parsed, buffer: Self.subscriptionBuffer, owner: self)
    do {
      try await adopt(subscription)
    } catch {
      subscription.continuation.finish()
      throw error
    }
    return subscription
  }

  /// Subscribes `subscription` (new, or a link's subscription carried over from an earlier
  /// connection) on this connection; returns once the hub has acknowledged.
  /// - Throws: ``ParleyError`` when the hub refuses or cannot be asked; the subscription is not
  ///   listed then (and not finished).
  nonisolated(nonsending) func adopt(_ subscription: GatewaySubscription) async throws {
    // Listed before asking, so an event that follows the acknowledgement at once is delivered.
    subscriptions.withLock { $0[ObjectIdentifier(subscription)] = subscription }
    var envelope = Envelope(kind: .subscribe)
    envelope.payload = GatewayWire.encode(
      GatewaySubscribeBody(topic: subscription.pattern.description, subscription: nil))
    do {
      let answer = try await connection.request(envelope, timeout: .seconds(10))
      let body = try GatewayWire.decode(GatewaySubscribeBody.self, from: answer)
      subscription.hubID.withLock { $0 = body.subscription }
    } catch {
      subscriptions.withLock { $0[ObjectIdentifier(subscription)] = nil }
      throw error
    }
  }

  /// Ends `subscription` at the hub (if this connection holds it) and stops delivering to it.
  nonisolated(nonsending) func unsubscribe(_ subscription: GatewaySubscription) async {
    subscriptions.withLock { $0[ObjectIdentifier(subscription)] = nil }
    guard let id = subscription.hubID.withLock({ $0 }), !connection.isClosed else { return }
    var envelope = Envelope(kind: .unsubscribe)
    envelope.payload = GatewayWire.encode(GatewayUnsubscribeBody(subscription: id))
    _ = try? await connection.request(envelope, timeout: .seconds(5))
  }

  /// Publishes event `event` of `contract` (declared by `service`) with an encoded payload; returns
  /// once the hub has handed it to every matching subscriber.
  /// - Throws: ``ParleyError`` when it cannot be sent or the hub refuses it.
  public nonisolated(nonsending) func publish(
    contract: String, service: String?, event: String, payload: [UInt8]
  ) async throws {
    var envelope = Envelope(kind: .event)
    envelope.contract = contract
    envelope.service = service
    envelope.method = event
    envelope.payload = payload
    envelope.context = CallContext.current
    _ = try await connection.request(envelope, timeout: .seconds(10))
  }

  /// The hub's status (what `parley status` prints).
  /// - Throws: ``ParleyError`` when the hub cannot be asked.
  public func status() async throws -> GatewayStatus {
    let reply = try await connection.call(
      contract: GatewayWire.contract, version: GatewayWire.version, service: GatewayWire.service,
      method: GatewayWire.statusMethod, payload: Array("{}".utf8), options: CallOptions(timeout: .seconds(5)))
    return try GatewayWire.decode(GatewayStatus.self, from: reply)
  }

  /// Closes the connection; its subscriptions end (a link's subscriptions carry on with the
  /// link's next connection).
  public func close() async {
    await connection.close()
    finishAll()
  }

  private func deliver(_ envelope: Envelope) {
    guard let contract = envelope.contract, let name = envelope.method else { return }
    let topic = GatewayWire.topic(contract: contract, event: name)
    let event = GatewayEvent(
      topic: topic, contract: contract, service: envelope.service, event: name,
      payload: envelope.payload ?? [],
      publisher: envelope.from, context: envelope.context)
    let matching = subscriptions.withLock { $0.values.filter { $0.pattern.matches(topic) } }
    for subscription in matching where !subscription.deliver(event) { dropped.add(1, ordering: .relaxed) }
  }

  private func finishAll() {
    let all = subscriptions.withLock { subscriptions -> [GatewaySubscription] in
      defer { subscriptions = [:] }
      return Array(subscriptions.values)
    }
    for subscription in all where !subscription.survivesDisconnect { subscription.continuation.finish() }
  }
}
