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
  /// Whether to reconnect (and register again) when the connection to the hub is lost.
  public var reconnects: Bool = true
  /// First wait before reconnecting; doubles up to ``maxReconnectDelay``.
  public var reconnectDelay: Duration = .milliseconds(100)
  /// Longest wait between reconnection attempts.
  public var maxReconnectDelay: Duration = .seconds(2)
  /// Receives the instance's lifecycle events (handler started, succeeded, failed).
  public var observer: ParleyObserver?

  /// Creates a configuration; `name` names the instance.
  public init(name: String = "service") {
    client = ClientConfiguration()
    client.name = name
  }
}
