import Foundation

/// A snapshot of a gateway hub: who is registered, what was routed, and how fast. Returned by
/// ``GatewayHub/status()`` and, as JSON, by the hub's built-in `parley.gateway` `status` method
/// (what `parley status` prints).
public struct GatewayStatus: Codable, Sendable {
  /// The hub's name.
  public var gateway: String
  /// The endpoints the hub listens on.
  public var endpoints: [String]
  /// When the hub started.
  public var startedAt: Date
  /// Open connections (services and callers).
  public var connections: Int
  /// Calls forwarded and not yet answered.
  public var callsInFlight: Int
  /// Active event subscriptions.
  public var subscriptions: Int
  /// Replies dropped because they answered no call the hub forwarded to that instance.
  public var forgedReplies: Int
  /// Oneway messages and events that had nowhere to go.
  public var undeliverable: Int
  /// Events not delivered to a subscriber whose outbound queue was full (it stopped reading);
  /// `nil` from hubs that do not count them.
  public var droppedEvents: Int?
  /// Registered services, sorted by name.
  public var services: [Service]

  /// One service name and everything known about it.
  public struct Service: Codable, Sendable {
    /// The service name, e.g. `OrderService`.
    public var service: String
    /// The live instances, oldest first.
    public var instances: [Instance]
    /// Counters and latencies per method (routed through this hub), sorted by name.
    public var methods: [Method]
  }

  /// One live instance of a service.
  public struct Instance: Codable, Sendable {
    /// The instance id it registered with.
    public var instance: String
    /// The contract and version it implements.
    public var contract: String
    /// Its contract version.
    public var version: Int
    /// The oldest client version it accepts.
    public var minVersion: Int
    /// Its request/response, stream and oneway methods.
    public var methods: [String]
    /// Its events.
    public var events: [String]
    /// The process id, from the kernel's peer credentials (Unix sockets).
    public var pid: Int?
    /// When it connected.
    public var connectedAt: Date
    /// Milliseconds since anything (a heartbeat or any other frame) last arrived from it.
    public var lastHeardMsAgo: Int
    /// Calls it is running for callers of this hub.
    public var inFlight: Int
    /// Calls routed to it.
    public var routed: Int
    /// Calls it answered with an error.
    public var errors: Int
    /// Times it was ejected for failing repeatedly (see ``GatewayEjectionPolicy``); `nil` from
    /// hubs that do not eject.
    public var ejections: Int?
    /// While it is ejected: milliseconds until it is probed again; otherwise `nil`.
    public var ejectedForMs: Int?
  }

  /// Counters of one method.
  public struct Method: Codable, Sendable {
    /// The method name.
    public var method: String
    /// Calls answered (successfully or not).
    public var calls: Int
    /// Calls answered with an error (any code, including `CONNECTION_LOST`).
    public var errors: Int
    /// Calls the caller cancelled (or abandoned by disconnecting).
    public var cancelled: Int
    /// Calls an instance refused without running them that the hub sent on to another
    /// instance (counted once per retry); `nil` from hubs that do not count them.
    public var retried: Int?
    /// Latency from forwarding the call to forwarding its reply.
    public var latency: LatencyHistogram
  }
}
