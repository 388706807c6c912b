import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Serves ``ServiceRegistration``s through a gateway hub: connects to it as a client, registers
/// the services, runs the calls (and streams) the hub forwards exactly as a ``ParleyServer``
/// would (deadlines, cancellation, context, validation and error mapping, stream credit), and
/// makes calls, publishes events and subscribes over the same connection.
///
/// The connection is a ``ParleyClient``'s: when it is lost the link reconnects with backoff and
/// jitter (``GatewayServiceConfiguration/reconnect``), registers again and subscribes again
/// (subscriptions made with ``subscribe(_:)``) before the connection is used, without user code.
///
/// ```swift
/// let link = try await GatewayServiceLink.connect(
///   to: .unix(path: socket), services: [orders], configuration: .init(name: "orders"))
/// // handlers call other services through the link (their context extends the chain)
/// let user = try await ShopUsers.UserServiceClient(link).getUser(id: "usr_1")
/// try await link.publish(contract: "shop.orders", service: "OrderService", event: "orderShipped",
///                        payload: notice)
/// let stock = try await link.subscribe("shop.inventory.*")   // survives reconnects
/// await link.close()
/// ```
///
/// A link with no services is a caller and subscriber that survives hub restarts.
public final class GatewayServiceLink: ParleyCallTransport, GatewaySubscriptionOwner, Sendable {
  private struct State {
    var client: GatewayClient
    var registrations = 0
    /// The ready action that subscribes each live subscription again on a new connection.
    var subscriptionActions: [ObjectIdentifier: ParleyClient.ReadyActionID] = [:]
  }

  /// The hub's endpoint.
  public let endpoint: Endpoint
  /// The instance id registered with the hub.
  public let instance: String
  /// The configuration in use.
  public let configuration: GatewayServiceConfiguration
  /// The reconnecting client underneath: its ``ParleyClient/states`` show the connection's life,
  /// its ``ParleyClient/statistics`` count reconnections.
  public let parleyClient: ParleyClient
  private let routing: RoutingTable  // the services, fixed for the link's lifetime
  private let state: Mutex<State>

  private init(
    endpoint: Endpoint, instance: String, services: [ServiceRegistration],
    configuration: GatewayServiceConfiguration, first: ClientConnection
  ) {
    self.endpoint = endpoint
    self.instance = instance
    self.configuration = configuration
    var table: [String: [String: ServiceRegistration]] = [:]
    for service in services { table[service.contract, default: [:]][service.service] = service }
    self.routing = RoutingTable(generation: 0, services: table)
    self.state = Mutex(State(client: GatewayClient(connection: first)))
    // The first connection (made and registered by `connect`) is handed to the client's first
    // attempt; later attempts connect anew.
    let handOver = Mutex<ClientConnection?>(first)
    self.parleyClient = ParleyClient(target: endpoint.description, configuration: configuration.parleyClient)
    {
      settings in
      if let first = handOver.withLock({ box -> ClientConnection? in
        defer { box = nil }
        return box
      }) {
        return first
      }
      return try await ClientConnection.connect(to: endpoint, configuration: settings)
    }
  }

  /// Connects to the hub at `endpoint` and registers `services`; returns once the hub has
  /// acknowledged the registration.
  /// - Throws: ``ParleyError``: connection errors (`NOT_CONNECTED`, `TIMEOUT`), or the hub's
  ///   refusal of the registration (`VALIDATION_FAILED`, `PERMISSION_DENIED`).
  public static func connect(
    to endpoint: Endpoint, services: [ServiceRegistration],
    configuration: GatewayServiceConfiguration = GatewayServiceConfiguration()
  ) async throws -> GatewayServiceLink {
    let instance =
      configuration.instance
      ?? "\(configuration.client.name)-\(getpid())-\(String(CallContext.makeRoot().prefix(6)))"
    let first = try await ClientConnection.connect(to: endpoint, configuration: configuration.client)
    let link = GatewayServiceLink(
      endpoint: endpoint, instance: instance, services: services, configuration: configuration, first: first)
    do {
      try await link.attach(first)
    } catch {
      await first.close()
      throw error
    }
    let client = link.parleyClient
    // Registers (and installs the handlers) on every later connection before it is used.
    try await client.addReadyAction(named: "register \(instance)") { [weak link] connection in
      guard let link else { throw ParleyError(.cancelled, "the link is closed", mayHaveRun: false) }
      if link.state.withLock({ $0.client.connection === connection }) { return }  // the first one
      try await link.attach(connection)
    }
    // The first connection is ready at once; if it was lost meanwhile the client reconnects.
    _ = try? await client.waitUntilReady(timeout: .seconds(5))
    return link
  }

  /// The current connection to the hub (the last one while reconnecting): calls made through it
  /// reach any registered service. Prefer calling through the link itself, which waits for and
  /// retries over reconnections.
  public var connection: ClientConnection { client.connection }

  /// The current gateway client (subscriptions made through it end when the connection is lost;
  /// use ``subscribe(_:)`` for ones that survive).
  public var client: GatewayClient { state.withLock { $0.client } }

  /// How many times the services were registered (1 + successful reconnects).
  public var registrationCount: Int { state.withLock { $0.registrations } }

  /// The codec of the connection to the hub.
  public var codec: WireCodec { parleyClient.codec }

  /// Calls a service through the hub with a payload in `payloadCodec` (JSON unless stated),
  /// waiting for a connection and retrying when safe as a ``ParleyClient`` does (see
  /// ``ParleyClient/call(contract:version:service:method:payload:payloadCodec:options:)``).
  /// - Throws: ``ParleyError``.
  public nonisolated(nonsending) func call(
    contract: String, version: Int, service: String, method: String, payload: [UInt8],
    payloadCodec: WireCodec = .json, options: CallOptions = CallOptions()
  ) async throws -> [UInt8] {
    try await parleyClient.call(
      contract: contract, version: version, service: service, method: method, payload: payload,
      payloadCodec: payloadCodec, options: options)
  }

  /// Sends a oneway message through the hub with a payload in `payloadCodec` (JSON unless
  /// stated; queued while reconnecting, as by a ``ParleyClient``).
  /// - Throws: ``ParleyError`` (`OVERLOADED` when the queue is full).
  public func oneway(
    contract: String, version: Int, service: String, method: String, payload: [UInt8],
    payloadCodec: WireCodec = .json
  ) throws {
    try parleyClient.oneway(
      contract: contract, version: version, service: service, method: method, payload: payload,
      payloadCodec: payloadCodec)
  }

  /// Opens a stream through the hub on the current connection with a payload in `payloadCodec`
  /// (JSON unless stated).
  /// - Throws: ``ParleyError`` (`NOT_CONNECTED` while reconnecting).
  public nonisolated(nonsending) func stream(
    contract: String, version: Int, service: String, method: String, payload: [UInt8],
    payloadCodec: WireCodec = .json, options: CallOptions = CallOptions()
  ) async throws -> ParleyStream {
    guard let connection = parleyClient.connection else {
      throw ParleyError(
        .notConnected, "not connected to the gateway at \(endpoint)", mayHaveRun: false, service: service,
        method: method)
    }
    return try await connection.stream(
      contract: contract, version: version, service: service, method: method, payload: payload,
      payloadCodec: payloadCodec, options: options)
  }

  /// Publishes an event of `contract` through the hub (see ``GatewayClient/publish(contract:service:event:payload:)``).
  /// - Throws: ``ParleyError`` when it cannot be sent.
  public nonisolated(nonsending) func publish(
    contract: String, service: String?, event: String, payload: [UInt8]
  ) async throws {
    try await client.publish(contract: contract, service: service, event: event, payload: payload)
  }

  /// Subscribes to events matching `pattern` through the hub, for as long as the link lives: the
  /// link subscribes again on every new connection (events published while it was disconnected
  /// are missed). Returns once the hub has acknowledged (when connected now).
  /// - Throws: ``ParleyError``: `VALIDATION_FAILED` for a bad pattern, `OVERLOADED`, or the
  ///   hub's refusal on the current connection.
  public nonisolated(nonsending) func subscribe(_ pattern: String) async throws -> GatewaySubscription {
    let parsed = try TopicPattern(pattern)
    let subscription = GatewaySubscription(
      pattern: parsed, buffer: GatewayClient.subscriptionBuffer, survivesDisconnect: true, owner: self)
    let id = try await parleyClient.addReadyAction(named: "subscribe \(pattern)") {
      [weak self, weak subscription] connection in
      guard let self, let subscription else { return }
      let client = self.client
      guard client.connection === connection else {
        throw ParleyError(.notConnected, "the link is not registered on this connection", mayHaveRun: false)
      }
      try await client.adopt(subscription)
    }
    state.withLock { $0.subscriptionActions[ObjectIdentifier(subscription)] = id }
    return subscription
  }

  /// Stops subscribing `subscription` again on new connections and ends it at the hub on the
  /// current one (``GatewaySubscription/cancel()``). Runs on the caller's executor.
  nonisolated(nonsending) func unsubscribe(_ subscription: GatewaySubscription) async {
    let action = state.withLock { $0.subscriptionActions.removeValue(forKey: ObjectIdentifier(subscription)) }
    if let action { parleyClient.removeReadyAction(action) }
    await client.unsubscribe(subscription)
  }

  /// Stops reconnecting, closes the connection (calls running are cancelled; subscriptions end)
  /// and returns once it is closed.
  public func close() async {
    await parleyClient.close()
    await client.close()
  }

  // MARK: Serving

  /// Serves calls arriving on `connection` and registers with the hub (a ready action: runs on
  /// every new connection before it is used).
  private func attach(_ connection: ClientConnection) async throws {
    let dispatcher = CallDispatcher(
      core: connection.core, maxDepth: configuration.maxDepth, maxInFlight: configuration.maxInFlight,
      observer: configuration.observer, source: instance, execution: configuration.handlerExecution
    ) { [routing] contract, version, service throws(ParleyError) in
      try routing.route(contract: contract, version: version, service: service, acceptor: "this instance")
    }
    let hub = PeerIdentity(credentials: nil, name: "gateway", address: connection.peerDescription)
    connection.setHandler(for: .call) { dispatcher.handleCall($0, peer: $0.from ?? hub) }
    connection.setHandler(for: .oneway) { dispatcher.handleOneway($0, peer: $0.from ?? hub) }
    connection.setHandler(for: .cancel) { dispatcher.handleCancel($0) }
    connection.setHandler(for: .streamItem) { dispatcher.handleStreamCredit($0) }  // callers' credit
    connection.attach(timer: { dispatcher.expire(now: $0) }) { _ in dispatcher.connectionClosed() }
    if state.withLock({ $0.client.connection !== connection }) {
      let client = GatewayClient(connection: connection)
      state.withLock { $0.client = client }
    }
    guard !routing.services.isEmpty else { return }
    var envelope = Envelope(kind: .register)
    let infos = routing.services.values.flatMap(\.values).sorted {
      ($0.contract, $0.service) < ($1.contract, $1.service)
    }
    .map { GatewayServiceInfo($0, events: configuration.events[$0.service] ?? []) }
    envelope.payload = GatewayWire.encode(GatewayRegisterBody(instance: instance, services: infos))
    _ = try await connection.request(envelope, timeout: .seconds(10))
    state.withLock { $0.registrations += 1 }
  }
}
