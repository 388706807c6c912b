import Foundation

/// The gateway's names and message bodies on the wire (see `docs/gateway.md`).
///
/// Bodies of `register`, `subscribe` and `unsubscribe` envelopes, and of the hub's own
/// `parley.gateway` service, are JSON objects carried as the envelope's `payload`.
public enum GatewayWire {
  /// The contract of the hub's built-in service.
  public static let contract = "parley.gateway"
  /// The version of the hub's built-in contract.
  public static let version = 1
  /// The hub's built-in service: `status` returns a ``GatewayStatus``.
  public static let service = "Gateway"
  /// The built-in method returning the hub's ``GatewayStatus``.
  public static let statusMethod = "status"

  /// The topic of event `event` of `contract`: `"<contract>.<event>"`, e.g. `shop.orders.orderShipped`.
  public static func topic(contract: String, event: String) -> String {
    contract + "." + event
  }

  static func encode<T: Encodable>(_ value: T) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.dateEncodingStrategy = .iso8601
    return (try? Array(encoder.encode(value))) ?? Array("{}".utf8)
  }

  static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]?) throws(ParleyError) -> T {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    do {
      return try decoder.decode(type, from: Data(bytes ?? Array("{}".utf8)))
    } catch {
      throw ParleyError(
        .decodeFailed, "malformed \(T.self) body: \(error.localizedDescription)", mayHaveRun: false)
    }
  }
}

/// One service an instance offers, as announced in `register`.
public struct GatewayServiceInfo: Codable, Sendable, Equatable {
  /// The contract name, e.g. `shop.orders`.
  public var contract: String
  /// The contract version the instance implements.
  public var version: Int
  /// The oldest client version the instance accepts.
  public var minVersion: Int
  /// The service name, e.g. `OrderService`.
  public var service: String
  /// Request/response method names.
  public var methods: [String]
  /// Oneway method names.
  public var oneways: [String]
  /// Event names the service may publish.
  public var events: [String]

  /// Creates a description.
  public init(
    contract: String, version: Int, minVersion: Int = 1, service: String, methods: [String],
    oneways: [String] = [], events: [String] = []
  ) {
    self.contract = contract
    self.version = version
    self.minVersion = minVersion
    self.service = service
    self.methods = methods
    self.oneways = oneways
    self.events = events
  }

  /// The description of a registration (its events are added by the caller).
  public init(_ registration: ServiceRegistration, events: [String] = []) {
    self.init(
      contract: registration.contract, version: registration.version, minVersion: registration.minimumVersion,
      service: registration.service, methods: registration.methods.keys.sorted(),
      oneways: registration.onewayMethods.keys.sorted(), events: events)
  }

  /// Whether a client speaking `clientVersion` of the contract can call this service: the
  /// version must lie in `minVersion...version`.
  public func accepts(_ clientVersion: Int) -> Bool {
    clientVersion >= minVersion && clientVersion <= version
  }
}

/// The body of a `register` envelope.
struct GatewayRegisterBody: Codable, Sendable {
  var instance: String
  var services: [GatewayServiceInfo]
}

/// The body of the hub's answer to `register`.
struct GatewayRegisteredBody: Codable, Sendable {
  var instance: String
  var gateway: String
}

/// The body of a `subscribe` envelope (and of its answer, with the subscription id).
struct GatewaySubscribeBody: Codable, Sendable {
  var topic: String
  var subscription: UInt64?
}

/// The body of an `unsubscribe` envelope: the id of the `subscribe` envelope that created it.
struct GatewayUnsubscribeBody: Codable, Sendable {
  var subscription: UInt64
}
