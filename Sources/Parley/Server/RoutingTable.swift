import Synchronization

/// A copy of what a ``ParleyServer`` routes inbound calls with: its services and the call router
/// a gateway installs. Each connection keeps one and replaces it only when the server's
/// registrations change, so routing a call takes no server-wide lock.
struct RoutingTable: Sendable {
  /// The server's routing generation this copy was taken at.
  var generation: UInt64
  /// contract → service → registration.
  var services: [String: [String: ServiceRegistration]]
  /// Sees `call`, `oneway` and `cancel` envelopes first (the gateway hub forwards them).
  var callRouter: (@Sendable (Envelope, ServerPeer) -> Bool)?

  /// The registration serving `service` of `contract` at `version`, or why there is none
  /// (`acceptor` names the side in the version error: "this server", "this instance").
  func route(contract: String, version: Int, service: String, acceptor: String = "this server")
    -> Result<ServiceRegistration, ParleyError>
  {
    guard let registration = services[contract]?[service] else {
      return .failure(
        ParleyError(.serviceNotFound, "service \(service) of contract \(contract) is not served here"))
    }
    guard registration.served.accepts(version) else {
      return .failure(
        ParleyError(
          .versionMismatch,
          "contract \(contract) version \(version) is not served; \(acceptor) accepts versions \(registration.minimumVersion)...\(registration.version)"
        ))
    }
    return .success(registration)
  }
}

/// One connection's copy of its server's ``RoutingTable``, taken again only when the server's
/// registrations or call router changed (one atomic load per call otherwise).
final class RoutingCache: Sendable {
  private let server: ParleyServer
  private let table = Mutex<RoutingTable?>(nil)

  init(server: ParleyServer) { self.server = server }

  /// Routes like ``RoutingTable/route(contract:version:service:)`` with the current table.
  func route(contract: String, version: Int, service: String) -> Result<ServiceRegistration, ParleyError> {
    table.withLock { refreshed(&$0).route(contract: contract, version: version, service: service) }
  }

  /// The current call router, if any.
  var callRouter: (@Sendable (Envelope, ServerPeer) -> Bool)? {
    table.withLock { refreshed(&$0).callRouter }
  }

  private func refreshed(_ cached: inout RoutingTable?) -> RoutingTable {
    if let fresh = server.routingTable(ifNewerThan: cached?.generation) { cached = fresh }
    return cached ?? RoutingTable(generation: 0, services: [:])
  }
}
