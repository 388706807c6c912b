/// A service a server exposes: its contract, versions, name and per-method handlers.
///
/// ```swift
/// var orders = ServiceRegistration(contract: "shop.orders", version: 3, service: "OrderService")
/// orders.method("getOrder") { call in
///   guard call.payload == Array(#"{"id":"ord_42"}"#.utf8) else {
///     throw ParleyError.application(code: 404, name: "OrderNotFound", message: "no such order")
///   }
///   return Array(#"{"id":"ord_42","items":[]}"#.utf8)
/// }
/// server.register(orders)
/// ```
public struct ServiceRegistration: Sendable {
  /// The contract name, e.g. `shop.orders`.
  public var contract: String
  /// The server's version of the contract.
  public var version: Int
  /// The oldest client version accepted (default 1). Calls outside
  /// `minimumVersion...version` fail with `VERSION_MISMATCH`.
  public var minimumVersion: Int
  /// The service name, e.g. `OrderService`.
  public var service: String
  /// Request/response handlers by method name.
  public var methods: [String: MethodHandler] = [:]
  /// Oneway handlers by method name.
  public var onewayMethods: [String: OnewayHandler] = [:]
  /// Server-stream handlers by method name (see ``stream(_:_:)``).
  public var streamMethods: [String: StreamHandler] = [:]

  /// Creates an empty registration.
  public init(contract: String, version: Int, minimumVersion: Int = 1, service: String) {
    self.contract = contract
    self.version = version
    self.minimumVersion = minimumVersion
    self.service = service
  }

  /// Adds (or replaces) a request/response method.
  public mutating func method(_ name: String, _ handler: @escaping MethodHandler) {
    methods[name] = handler
  }

  /// Adds (or replaces) a oneway method.
  public mutating func oneway(_ name: String, _ handler: @escaping OnewayHandler) {
    onewayMethods[name] = handler
  }

  /// Adds (or replaces) a `stream` method: the handler writes items into its ``StreamWriter``.
  public mutating func stream(_ name: String, _ handler: @escaping StreamHandler) {
    streamMethods[name] = handler
  }

  var served: ServedContract {
    ServedContract(name: contract, version: version, minimumVersion: minimumVersion)
  }
}
