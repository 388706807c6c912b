/// Settings of a service connected to a gateway (``GatewayServiceLink``).
public struct GatewayServiceConfiguration: Sendable {
  /// The connection settings (its `name` is the instance's name in `hello` and in status).
  public var client: ClientConfiguration
  /// The instance id sent in `register`; default: `"<name>-<pid>-<random>"`.
  public var instance: String?
  /// Event names each service may publish (service name → event names), shown in status.
  public var events: [String: [String]] = [:]
  /// Deepest call chain served; deeper calls fail with `MAX_DEPTH_EXCEEDED` (did not run).
  public var maxDepth: Int = ParleyDefaults.maxDepth
  /// Calls run at once; more are refused with `OVERLOADED` (did not run).
  public var maxInFlight: Int = ParleyDefaults.maxInFlightPerConnection
  /// Where the handlers of routed calls and oneways run (default ``HandlerExecution/pool``; see
  /// ``ServerConfiguration/handlerExecution`` for what the I/O-thread placements trade). A linked
  /// service has one connection, so `ioThread` keeps every handler on that one I/O thread.
  public var handlerExecution: HandlerExecution = .pool
  /// Whether to reconnect (and register and subscribe again) when the connection to the hub is
  /// lost (default `true`).
  public var reconnects: Bool = true
  /// Delays between reconnection attempts (default ``BackoffPolicy``: 20 ms doubling to 2 s,
  /// full jitter, never gives up), so services that lost a restarted hub come back spread out.
  public var reconnect: BackoffPolicy = BackoffPolicy()
  /// When calls made through the link (``GatewayServiceLink/call(contract:version:service:method:payload:options:)``)
  /// are repeated (see ``RetryPolicy``).
  public var retry: RetryPolicy = RetryPolicy()
  /// Seed of the reconnection jitter, for reproducible tests (default `nil`: random).
  public var jitterSeed: UInt64?
  /// Receives the instance's lifecycle events (handler started, succeeded, failed).
  public var observer: ParleyObserver?

  /// Creates a configuration; `name` names the instance.
  public init(name: String = "service") {
    client = ClientConfiguration()
    client.name = name
  }

  /// The settings of the link's reconnecting client.
  var parleyClient: ParleyClientConfiguration {
    var configuration = ParleyClientConfiguration()
    configuration.connection = client
    configuration.reconnect = reconnect
    if !reconnects { configuration.reconnect.maxAttempts = 0 }
    configuration.retry = retry
    configuration.jitterSeed = jitterSeed
    return configuration
  }
}
