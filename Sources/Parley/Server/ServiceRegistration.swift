/// A service a server exposes: its contract, versions, name, the payload codecs its handlers
/// read, and per-method handlers.
///
/// ```swift
/// var orders = ServiceRegistration(contract: "shop.orders", version: 3, service: "OrderService")
/// orders.method("getOrder") { call in   // call.payload is JSON text: payloadCodecs is [.json]
///   guard call.payload == Array(#"{"id":"ord_42"}"#.utf8) else {
///     throw ParleyError.application(code: 404, name: "OrderNotFound", message: "no such order")
///   }
///   return Array(#"{"id":"ord_42","items":[]}"#.utf8)
/// }
/// server.register(orders)
/// ```
///
/// Handlers only ever see payloads in one of ``payloadCodecs``: the server refuses a call whose
/// payload is in another codec with `DECODE_FAILED` (did not run) before any handler task starts
/// (a oneway is dropped and counted). Generated registrations read every codec.
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
  /// The payload codecs the handlers read (and answer in, see ``IncomingCall/codec``): `[.json]`
  /// unless the registration was created with more; fixed at creation. The server refuses calls
  /// in any other codec before a handler runs.
  public let payloadCodecs: Set<WireCodec>
  /// ``payloadCodecs`` as bits (``bit(_:)``): checked on every call without hashing.
  private let payloadCodecBits: UInt8
  /// The handlers, kept wrapped (see ``StoredHandlers``).
  var stored = StoredHandlers()

  /// Request/response handlers by method name.
  public var methods: [String: MethodHandler] {
    get { stored.methods.mapValues(\.run) }
    set { stored.methods = newValue.mapValues(StoredHandlers.Method.init) }
  }
  /// Oneway handlers by method name.
  public var onewayMethods: [String: OnewayHandler] {
    get { stored.oneways.mapValues(\.run) }
    set { stored.oneways = newValue.mapValues(StoredHandlers.Oneway.init) }
  }
  /// Server-stream handlers by method name (see ``stream(_:_:)``).
  public var streamMethods: [String: StreamHandler] {
    get { stored.streams.mapValues(\.run) }
    set { stored.streams = newValue.mapValues(StoredHandlers.Stream.init) }
  }

  /// Creates an empty registration whose handlers read payloads in `payloadCodecs`.
  ///
  /// The default, `[.json]`, suits handlers written for JSON text: a caller that sends another
  /// codec (a generated client over a binary connection) gets `DECODE_FAILED` saying to send
  /// JSON. Pass `Set(WireCodec.allCases)` for handlers that decode `call.payload` in `call.codec`
  /// (as generated registrations do) or that never look into payloads.
  public init(
    contract: String, version: Int, minimumVersion: Int = 1, service: String,
    payloadCodecs: Set<WireCodec> = [.json]
  ) {
    self.contract = contract
    self.version = version
    self.minimumVersion = minimumVersion
    self.service = service
    self.payloadCodecs = payloadCodecs
    self.payloadCodecBits = payloadCodecs.reduce(0) { $0 | Self.bit($1) }
  }

  /// The bit of `codec` in ``payloadCodecBits``.
  private static func bit(_ codec: WireCodec) -> UInt8 {
    switch codec {
    case .json: 1
    case .binary: 2
    }
  }

  /// Adds (or replaces) a request/response method.
  public mutating func method(_ name: String, _ handler: @escaping MethodHandler) {
    stored.methods[name] = StoredHandlers.Method(run: handler)
  }

  /// Adds (or replaces) a oneway method. The oneways of one connection are handled one at a
  /// time in the order they were sent (a slow handler delays the ones behind it, not calls).
  public mutating func oneway(_ name: String, _ handler: @escaping OnewayHandler) {
    stored.oneways[name] = StoredHandlers.Oneway(run: handler)
  }

  /// Adds (or replaces) a `stream` method: the handler writes items into its ``StreamWriter``.
  public mutating func stream(_ name: String, _ handler: @escaping StreamHandler) {
    stored.streams[name] = StoredHandlers.Stream(run: handler)
  }

  /// Refuses a call whose payload codec the handlers do not read (checked by the server before
  /// any handler starts): `DECODE_FAILED`, did not run.
  /// - Throws: ``ParleyError``.
  func checkPayloadCodec(of call: IncomingCall) throws(ParleyError) {
    guard payloadCodecBits & Self.bit(call.codec) == 0 else { return }
    let names = WireCodec.allCases.filter(payloadCodecs.contains).map(\.rawValue)
    let reads =
      names.isEmpty ? "reads no payload codec" : "reads \(names.joined(separator: " and ")) payloads only"
    let advice =
      names.isEmpty
      ? ""
      : ": send \(names.joined(separator: " or ")) (the untyped API's payloadCodec, or a client offering only that codec)"
    throw ParleyError(
      .decodeFailed,
      "service \(call.service) of \(call.contract) \(reads); this call's payload is \(call.codec.rawValue)\(advice)",
      mayHaveRun: false, service: call.service, method: call.method, callID: call.callID)
  }

  var served: ServedContract {
    ServedContract(name: contract, version: version, minimumVersion: minimumVersion)
  }
}

/// A registration's handlers by kind and method name, each closure wrapped in a (non-generic)
/// struct: a closure stored directly as a dictionary value is kept in the dictionary's generic
/// form, and every read wraps it in a conversion thunk again (an allocation and one more async
/// frame per call).
struct StoredHandlers: Sendable {
  struct Method: Sendable { let run: MethodHandler }
  struct Oneway: Sendable { let run: OnewayHandler }
  struct Stream: Sendable { let run: StreamHandler }

  var methods: [String: Method] = [:]
  var oneways: [String: Oneway] = [:]
  var streams: [String: Stream] = [:]
}
