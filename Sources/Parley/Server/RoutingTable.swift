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
    throws(ParleyError) -> ServiceRegistration
  {
    guard let registration = services[contract]?[service] else {
      throw ParleyError(.serviceNotFound, "service \(service) of contract \(contract) is not served here")
    }
    return try Self.admit(registration, version: version, acceptor: acceptor)
  }

  /// `registration` if it serves contract version `version`, else the version error.
  static func admit(_ registration: ServiceRegistration, version: Int, acceptor: String = "this server")
    throws(ParleyError) -> ServiceRegistration
  {
    guard registration.served.accepts(version) else {
      throw ParleyError(
        .versionMismatch,
        "contract \(registration.contract) version \(version) is not served; \(acceptor) accepts versions \(registration.minimumVersion)...\(registration.version)"
      )
    }
    return registration
  }
}

/// One connection's copy of its server's ``RoutingTable``, taken again only when the server's
/// registrations or call router changed (one atomic load per call otherwise). It remembers the
/// service its last call went to: a connection's calls mostly go to one service, found again by
/// comparing two strings instead of hashing them.
final class RoutingCache: Sendable {
  private struct Cached {
    var table: RoutingTable?
    /// The contract, service and registration of the last call routed, from `table` (kept
    /// apart so that comparing the names borrows them instead of copying all three).
    var lastContract: String?
    var lastService: String?
    var lastRegistration: ServiceRegistration?

    /// Forgets the last call's service (the table changed).
    mutating func forgetLast() {
      lastContract = nil
      lastService = nil
      lastRegistration = nil
    }
  }

  private let server: ParleyServer
  private let cached = Mutex(Cached())

  init(server: ParleyServer) { self.server = server }

  /// Routes like ``RoutingTable/route(contract:version:service:acceptor:)`` with the current table.
  func route(contract: String, version: Int, service: String) throws(ParleyError) -> ServiceRegistration {
    try cached.withLock { cached throws(ParleyError) -> ServiceRegistration in
      refresh(&cached)
      if cached.lastContract == contract, cached.lastService == service, let last = cached.lastRegistration {
        return try RoutingTable.admit(last, version: version)
      }
      let table = cached.table ?? RoutingTable(generation: 0, services: [:])
      let registration = try table.route(contract: contract, version: version, service: service)
      cached.lastContract = contract
      cached.lastService = service
      cached.lastRegistration = registration
      return registration
    }
  }

  /// Takes the server's table again if it changed since ours (one atomic load otherwise).
  private func refresh(_ cached: inout Cached) {
    if let fresh = server.routingTable(ifNewerThan: cached.table?.generation) {
      cached.table = fresh
      cached.forgetLast()
    }
  }
}
