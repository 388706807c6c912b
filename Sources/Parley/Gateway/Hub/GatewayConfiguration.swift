/// Settings of a ``GatewayHub``.
public struct GatewayConfiguration: Sendable {
  /// The server settings of the hub's listening side (name, heartbeat interval and missed pings
  /// that decide when a silent instance is dropped, limits, peer policy, shared secret).
  /// The hub's name defaults to `"gateway"`.
  public var server: ServerConfiguration
  /// Deepest call chain routed; deeper calls fail with `MAX_DEPTH_EXCEEDED` (did not run).
  public var maxDepth: Int = ParleyDefaults.maxDepth
  /// Extra time past a call's own deadline after which the hub forgets a forwarded call that was
  /// never answered (it answers the caller `TIMEOUT` and sends `cancel` to the instance).
  public var abandonAfter: Duration = .seconds(1)
  /// Subscriptions one connection may hold; more are refused with `OVERLOADED`.
  public var maxSubscriptionsPerConnection: Int = 1024
  /// When an instance that keeps failing stops receiving calls, and for how long (default: 5
  /// failures in a row eject it for 1 s, doubling up to 30 s, then it is probed back).
  public var ejection: GatewayEjectionPolicy = GatewayEjectionPolicy()
  /// Receives the hub's lifecycle events (registered, disconnected, dispatched, delivered, …).
  public var observer: ParleyObserver?
  /// Which users may register which service names and call which services (default
  /// ``GatewayPolicy/sameUser``: the gateway's own user may do everything).
  public var policy: GatewayPolicy = .sameUser

  /// Creates a configuration with every default.
  public init(observer: ParleyObserver? = nil) {
    var server = ServerConfiguration()
    server.name = "gateway"
    self.server = server
    self.observer = observer
  }
}
