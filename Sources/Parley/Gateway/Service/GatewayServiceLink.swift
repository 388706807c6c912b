import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Serves ``ServiceRegistration``s through a gateway hub: connects to it as a client, registers
/// the services (again after every reconnect), runs the calls the hub forwards exactly as a
/// ``ParleyServer`` would (deadlines, cancellation, context, validation and error mapping), and
/// makes calls and publishes events over the same connection.
///
/// ```swift
/// let link = try await GatewayServiceLink.connect(
///   to: .unix(path: socket), services: [orders], configuration: .init(name: "orders"))
/// // handlers call other services through `link.connection` (their context extends the chain)
/// try await link.publish(contract: "shop.orders", service: "OrderService", event: "orderShipped",
///                        payload: notice)
/// await link.close()
/// ```
public final class GatewayServiceLink: Sendable {
  private struct State {
    var client: GatewayClient
    var closing = false
    var registrations = 0
    var reconnecting: Task<Void, Never>?
  }

  /// The hub's endpoint.
  public let endpoint: Endpoint
  /// The instance id registered with the hub.
  public let instance: String
  /// The configuration in use.
  public let configuration: GatewayServiceConfiguration
  private let services: [String: [String: ServiceRegistration]]  // contract → service → registration
  private let state: Mutex<State>

  private init(
    endpoint: Endpoint, instance: String, services: [ServiceRegistration],
    configuration: GatewayServiceConfiguration, client: GatewayClient
  ) {
    self.endpoint = endpoint
    self.instance = instance
    self.configuration = configuration
    var table: [String: [String: ServiceRegistration]] = [:]
    for service in services { table[service.contract, default: [:]][service.service] = service }
    self.services = table
    self.state = Mutex(State(client: client))
  }

  /// Connects to the hub at `endpoint` and registers `services`; returns once the hub has
  /// acknowledged the registration.
  /// - Throws: ``ParleyError``: connection errors, or the hub's refusal (`VALIDATION_FAILED`).
  public static func connect(
    to endpoint: Endpoint, services: [ServiceRegistration],
    configuration: GatewayServiceConfiguration = GatewayServiceConfiguration()
  ) async throws -> GatewayServiceLink {
    let instance =
      configuration.instance
      ?? "\(configuration.client.name)-\(getpid())-\(String(CallContext.makeRoot().prefix(6)))"
    let connection = try await ClientConnection.connect(to: endpoint, configuration: configuration.client)
    let link = GatewayServiceLink(
      endpoint: endpoint, instance: instance, services: services, configuration: configuration,
      client: GatewayClient(connection: connection))
    do {
      try await link.attach(connection)
    } catch {
      await connection.close()
      throw error
    }
    return link
  }

  /// The current connection to the hub: calls made through it reach any registered service.
  public var connection: ClientConnection { state.withLock { $0.client.connection } }

  /// The current gateway client (subscriptions made through it end when the connection is lost).
  public var client: GatewayClient { state.withLock { $0.client } }

  /// How many times the services were registered (1 + successful reconnects).
  public var registrationCount: Int { state.withLock { $0.registrations } }

  /// Publishes an event of `contract` through the hub (see ``GatewayClient/publish(contract:service:event:payload:)``).
  /// - Throws: ``ParleyError`` when it cannot be sent.
  public func publish(contract: String, service: String?, event: String, payload: [UInt8]) async throws {
    try await client.publish(contract: contract, service: service, event: event, payload: payload)
  }

  /// Stops reconnecting, closes the connection (calls running are cancelled) and returns once
  /// it is closed.
  public func close() async {
    let (client, task) = state.withLock { state -> (GatewayClient, Task<Void, Never>?) in
      state.closing = true
      return (state.client, state.reconnecting)
    }
    task?.cancel()
    await client.close()
  }

  // MARK: Serving

  private func route(contract: String, version: Int, service: String) -> Result<
    ServiceRegistration, ParleyError
  > {
    guard let registration = services[contract]?[service] else {
      return .failure(
        ParleyError(.serviceNotFound, "service \(service) of contract \(contract) is not served here"))
    }
    guard registration.served.accepts(version) else {
      return .failure(
        ParleyError(
          .versionMismatch,
          "contract \(contract) version \(version) is not served; this instance accepts versions \(registration.minimumVersion)...\(registration.version)"
        ))
    }
    return .success(registration)
  }

  /// Serves calls arriving on `connection` and registers with the hub.
  private func attach(_ connection: ClientConnection) async throws {
    let dispatcher = CallDispatcher(
      core: connection.core, maxDepth: configuration.maxDepth, maxInFlight: configuration.maxInFlight,
      observer: configuration.observer, source: instance
    ) { [services] contract, version, service in
      guard let registration = services[contract]?[service] else {
        return .failure(
          ParleyError(.serviceNotFound, "service \(service) of contract \(contract) is not served here"))
      }
      guard registration.served.accepts(version) else {
        return .failure(
          ParleyError(
            .versionMismatch,
            "contract \(contract) version \(version) is not served; this instance accepts versions \(registration.minimumVersion)...\(registration.version)"
          ))
      }
      return .success(registration)
    }
    let hub = PeerIdentity(credentials: nil, name: "gateway", address: connection.peerDescription)
    connection.setHandler(for: .call) { dispatcher.handleCall($0, peer: $0.from ?? hub) }
    connection.setHandler(for: .oneway) { dispatcher.handleOneway($0, peer: $0.from ?? hub) }
    connection.setHandler(for: .cancel) { dispatcher.handleCancel($0) }
    connection.attach(timer: { dispatcher.expire(now: $0) }) { [weak self] _ in
      dispatcher.connectionClosed()
      self?.connectionLost()
    }
    var envelope = Envelope(kind: .register)
    let infos = services.values.flatMap(\.values).sorted {
      ($0.contract, $0.service) < ($1.contract, $1.service)
    }
    .map { GatewayServiceInfo($0, events: configuration.events[$0.service] ?? []) }
    envelope.payload = GatewayWire.encode(GatewayRegisterBody(instance: instance, services: infos))
    _ = try await connection.request(envelope, timeout: .seconds(10))
    state.withLock { $0.registrations += 1 }
  }

  private func connectionLost() {
    guard configuration.reconnects else { return }
    state.withLock { state in
      guard !state.closing, state.reconnecting == nil else { return }
      state.reconnecting = Task { [weak self] in await self?.reconnect() }
    }
  }

  private func reconnect() async {
    var delay = configuration.reconnectDelay
    while !Task.isCancelled {
      try? await Task.sleep(for: delay)
      if Task.isCancelled || state.withLock({ $0.closing }) { break }
      do {
        let connection = try await ClientConnection.connect(to: endpoint, configuration: configuration.client)
        let client = GatewayClient(connection: connection)
        let stillWanted = state.withLock { state -> Bool in
          if state.closing { return false }
          state.client = client
          state.reconnecting = nil
          return true
        }
        guard stillWanted else {
          await connection.close()
          return
        }
        do {
          try await attach(connection)
          return
        } catch {
          await connection.close()  // its closed hook schedules the next attempt
          return
        }
      } catch {
        delay = min(delay * 2, configuration.maxReconnectDelay)
      }
    }
    state.withLock { $0.reconnecting = nil }
  }
}
