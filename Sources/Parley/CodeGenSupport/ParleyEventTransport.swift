/// A transport that also carries events: a connection to a gateway hub.
///
/// Events travel only through a gateway: the hub keeps the subscriptions and hands every
/// published event to each matching subscriber. A direct ``ClientConnection`` to a service has
/// no event path (a ``ParleyServer`` does not serve `subscribe`), so it is not an event
/// transport, and the typed event API of generated clients throws `NOT_CONNECTED` on it.
///
/// ``GatewayClient`` (callers and subscribers) and ``GatewayServiceLink`` (services, which
/// publish their events through the link they are served on) conform.
public protocol ParleyEventTransport: ParleyCallTransport {
  /// Publishes event `event` of `contract` (declared by `service`) with an encoded payload;
  /// returns once the hub has handed it to every matching subscriber. Runs on the caller's
  /// executor.
  /// - Throws: ``ParleyError`` when it cannot be sent or the hub refuses it.
  nonisolated(nonsending) func publish(contract: String, service: String?, event: String, payload: [UInt8])
    async throws

  /// Subscribes to events whose topic matches `pattern`; returns once the hub has acknowledged.
  /// Runs on the caller's executor.
  /// - Throws: ``ParleyError``.
  nonisolated(nonsending) func subscribe(_ pattern: String) async throws -> GatewaySubscription
}

extension GatewayClient: ParleyEventTransport {
  /// The codec of the connection to the hub.
  public var codec: WireCodec { connection.codec }

  /// Calls a service through the hub with a payload in `payloadCodec` (JSON unless stated; see
  /// ``ClientConnection/call(contract:version:service:method:payload:payloadCodec:options:)``).
  /// - Throws: ``ParleyError``.
  public nonisolated(nonsending) func call(
    contract: String, version: Int, service: String, method: String, payload: [UInt8],
    payloadCodec: WireCodec = .json, options: CallOptions = CallOptions()
  ) async throws -> [UInt8] {
    try await connection.call(
      contract: contract, version: version, service: service, method: method, payload: payload,
      payloadCodec: payloadCodec, options: options)
  }

  /// Sends a oneway message through the hub with a payload in `payloadCodec` (JSON unless stated).
  /// - Throws: ``ParleyError`` when it cannot be sent.
  public func oneway(
    contract: String, version: Int, service: String, method: String, payload: [UInt8],
    payloadCodec: WireCodec = .json
  ) throws {
    try connection.oneway(
      contract: contract, version: version, service: service, method: method, payload: payload,
      payloadCodec: payloadCodec)
  }

  /// Opens a server stream through the hub with a payload in `payloadCodec` (JSON unless stated).
  /// - Throws: ``ParleyError``.
  public nonisolated(nonsending) func stream(
    contract: String, version: Int, service: String, method: String, payload: [UInt8],
    payloadCodec: WireCodec = .json, options: CallOptions = CallOptions()
  ) async throws -> ParleyStream {
    try await connection.stream(
      contract: contract, version: version, service: service, method: method, payload: payload,
      payloadCodec: payloadCodec, options: options)
  }
}

/// A service's link publishes the events of the services it serves, and its subscriptions
/// survive reconnects (``GatewayServiceLink/subscribe(_:)``).
extension GatewayServiceLink: ParleyEventTransport {}
