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
/// Handlers added with ``method(_:_:)``, ``oneway(_:_:)`` and ``stream(_:_:)`` only ever see
/// payloads in one of ``payloadCodecs``: a call whose payload is in another codec is refused with
/// `DECODE_FAILED` (did not run) before the handler runs (a oneway is dropped). Generated
/// registrations read every codec.
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
  /// unless the registration was created with more. Fixed at creation, so that every handler
  /// added afterwards is guarded alike.
  public let payloadCodecs: Set<WireCodec>
  /// Request/response handlers by method name.
  public var methods: [String: MethodHandler] = [:]
  /// Oneway handlers by method name.
  public var onewayMethods: [String: OnewayHandler] = [:]
  /// Server-stream handlers by method name (see ``stream(_:_:)``).
  public var streamMethods: [String: StreamHandler] = [:]

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
  }

  /// Adds (or replaces) a request/response method.
  public mutating func method(_ name: String, _ handler: @escaping MethodHandler) {
    guard let guardRail = codecGuard else {
      methods[name] = handler
      return
    }
    methods[name] = { call in
      try guardRail.check(call)
      return try await handler(call)
    }
  }

  /// Adds (or replaces) a oneway method. The oneways of one connection are handled one at a
  /// time in the order they were sent (a slow handler delays the ones behind it, not calls).
  public mutating func oneway(_ name: String, _ handler: @escaping OnewayHandler) {
    guard let guardRail = codecGuard else {
      onewayMethods[name] = handler
      return
    }
    onewayMethods[name] = { call in
      try guardRail.check(call)
      try await handler(call)
    }
  }

  /// Adds (or replaces) a `stream` method: the handler writes items into its ``StreamWriter``.
  public mutating func stream(_ name: String, _ handler: @escaping StreamHandler) {
    guard let guardRail = codecGuard else {
      streamMethods[name] = handler
      return
    }
    streamMethods[name] = { call, writer in
      try guardRail.check(call)
      try await handler(call, writer)
    }
  }

  /// The check every handler runs first, or `nil` when every codec is read (no check at all).
  private var codecGuard: PayloadCodecGuard? {
    payloadCodecs.isSuperset(of: WireCodec.allCases) ? nil : PayloadCodecGuard(accepted: payloadCodecs)
  }

  var served: ServedContract {
    ServedContract(name: contract, version: version, minimumVersion: minimumVersion)
  }
}

/// Refuses calls whose payload codec a registration's handlers do not read.
struct PayloadCodecGuard: Sendable {
  /// The codecs the handlers read.
  var accepted: Set<WireCodec>

  /// Throws `DECODE_FAILED` (did not run) when `call.codec` is not accepted.
  /// - Throws: ``ParleyError``.
  func check(_ call: IncomingCall) throws(ParleyError) {
    guard !accepted.contains(call.codec) else { return }
    let names = WireCodec.allCases.filter(accepted.contains).map(\.rawValue)
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
}
