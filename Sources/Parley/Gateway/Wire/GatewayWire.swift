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
  /// Stream method names (answered with `streamItem`s and a `streamEnd`); `[]` when absent.
  public var streams: [String]
  /// Oneway method names.
  public var oneways: [String]
  /// Event names the service may publish.
  public var events: [String]

  /// Creates a description.
  public init(
    contract: String, version: Int, minVersion: Int = 1, service: String, methods: [String],
    streams: [String] = [], oneways: [String] = [], events: [String] = []
  ) {
    self.contract = contract
    self.version = version
    self.minVersion = minVersion
    self.service = service
    self.methods = methods
    self.streams = streams
    self.oneways = oneways
    self.events = events
  }

  private enum CodingKeys: String, CodingKey {
    case contract, version, minVersion, service, methods, streams, oneways, events
  }

  /// Decodes a description; `streams`, `oneways` and `events` may be absent (older instances).
  /// - Throws: `DecodingError` for a missing or mistyped required member.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    contract = try container.decode(String.self, forKey: .contract)
    version = try container.decode(Int.self, forKey: .version)
    minVersion = try container.decodeIfPresent(Int.self, forKey: .minVersion) ?? 1
    service = try container.decode(String.self, forKey: .service)
    methods = try container.decode([String].self, forKey: .methods)
    streams = try container.decodeIfPresent([String].self, forKey: .streams) ?? []
    oneways = try container.decodeIfPresent([String].self, forKey: .oneways) ?? []
    events = try container.decodeIfPresent([String].self, forKey: .events) ?? []
  }

  /// Whether the instance serves `method` as a call or a stream.
  public func serves(_ method: String) -> Bool { methods.contains(method) || streams.contains(method) }

  /// The description of a registration (its events are added by the caller).
  public init(_ registration: ServiceRegistration, events: [String] = []) {
    self.init(
      contract: registration.contract, version: registration.version, minVersion: registration.minimumVersion,
      service: registration.service, methods: registration.stored.methods.keys.sorted(),
      streams: registration.stored.streams.keys.sorted(), oneways: registration.stored.oneways.keys.sorted(),
      events: events)
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
