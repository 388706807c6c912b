import Foundation
import Synchronization

/// The gateway hub: services register with it by name, callers send it calls, and it routes each
/// call to a live instance and the reply back to that caller only. Embed it in any process, or run
/// it with `parley gateway`.
///
/// ```swift
/// let hub = GatewayHub()
/// let endpoint = try await hub.start(on: .unix(path: directory + "/gateway.sock"))
/// // services: GatewayServiceLink.connect(to: endpoint, services: […])
/// // callers:  GatewayClient.connect(to: endpoint)
/// await hub.stop()
/// ```
///
/// Routing rules (see `docs/gateway.md`): an unknown service is answered `SERVICE_NOT_FOUND` at
/// once; a client version outside every instance's `minVersion...version` gets
/// `VERSION_MISMATCH`; several instances share the load (fewest calls in flight, then
/// round-robin); an instance whose heartbeats lapse is dropped and calls in flight to it fail with
/// `CONNECTION_LOST` at once; a caller that disconnects leaves nothing behind and its calls in
/// flight are cancelled at the callee; the caller's identity is stamped on what is forwarded.
public final class GatewayHub: Sendable {
  /// The configuration in use.
  public let configuration: GatewayConfiguration
  private let server: ParleyServer
  private let router: GatewayRouter
  private let startedAt = Date()
  private let sweeper = Mutex<Task<Void, Never>?>(nil)

  /// Creates a hub; call ``start(on:)`` to listen.
  public init(configuration: GatewayConfiguration = GatewayConfiguration()) {
    self.configuration = configuration
    let server = ParleyServer(configuration: configuration.server)
    let router = GatewayRouter(configuration: configuration)
    self.server = server
    self.router = router
    server.setCallRouter { envelope, peer in
      if envelope.contract == GatewayWire.contract, envelope.kind != .cancel { return false }
      switch envelope.kind {
      case .call: router.call(envelope, from: peer)
      case .oneway: router.oneway(envelope, from: peer)
      default: return router.cancel(envelope, from: peer)
      }
      return true
    }
    server.setEnvelopeHandler(for: .reply) { router.reply($0, from: $1) }
    server.setEnvelopeHandler(for: .streamEnd) { router.reply($0, from: $1) }
    server.setEnvelopeHandler(for: .streamItem) { router.streamItem($0, from: $1) }
    server.setEnvelopeHandler(for: .register) { router.register($0, from: $1) }
    server.setEnvelopeHandler(for: .subscribe) { router.subscribe($0, from: $1) }
    server.setEnvelopeHandler(for: .unsubscribe) { router.unsubscribe($0, from: $1) }
    server.setEnvelopeHandler(for: .event) { router.publish($0, from: $1) }
    server.setConnectionClosedHandler { router.closed($0) }
    var builtin = ServiceRegistration(
      contract: GatewayWire.contract, version: GatewayWire.version, service: GatewayWire.service)
    builtin.method(GatewayWire.statusMethod) { [weak self] _ in
      guard let self else { throw ParleyError(.shuttingDown, "the gateway is stopping") }
      return GatewayWire.encode(self.status())
    }
    server.register(builtin)
  }

  /// Starts listening on `endpoint` (a Unix socket in a private directory, or TCP) and returns
  /// the bound endpoint. May be called several times.
  /// - Throws: ``ParleyError`` as ``ParleyServer/start(on:)``.
  @discardableResult
  public func start(on endpoint: Endpoint) async throws -> Endpoint {
    let bound = try await server.start(on: endpoint)
    sweeper.withLock { task in
      guard task == nil else { return }
      task = Task { [router] in
        while !Task.isCancelled {
          try? await Task.sleep(for: .milliseconds(250))
          router.sweep(now: Sys.now())
        }
      }
    }
    return bound
  }

  /// The endpoints the hub listens on.
  public var boundEndpoints: [Endpoint] { server.boundEndpoints }

  /// Open connections (services and callers).
  public var connectionCount: Int { server.connectionCount }

  /// A snapshot of registrations, routing counters and latencies.
  public func status() -> GatewayStatus {
    let snapshot = router.snapshot()
    return GatewayStatus(
      gateway: configuration.server.name, endpoints: server.boundEndpoints.map(\.description),
      startedAt: startedAt, connections: server.connectionCount, callsInFlight: snapshot.inFlight,
      subscriptions: snapshot.subscriptions, forgedReplies: snapshot.forged,
      undeliverable: snapshot.undeliverable, droppedEvents: snapshot.droppedEvents,
      services: snapshot.services)
  }

  /// Answers forwarded between binary hops as their own bytes, without decoding them (for tests).
  var answersForwardedAsBytes: Int { router.answersForwardedAsBytes.load(ordering: .relaxed) }

  /// Parties (callers and services) the hub currently holds state for; returns to zero once
  /// everyone has disconnected.
  public var trackedParties: Int { router.snapshot().parties }

  /// Stops the hub: stops listening, removes its socket files, fails what is in flight with
  /// `SHUTTING_DOWN` after `grace`, and closes every connection.
  public func stop(grace: Duration = .seconds(1)) async {
    sweeper.withLock { task in
      task?.cancel()
      task = nil
    }
    await server.stop(grace: grace)
  }
}
