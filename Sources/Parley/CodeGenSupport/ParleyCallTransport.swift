/// What a generated client sends its calls through: a direct ``ClientConnection`` to a service,
/// a reconnecting ``ParleyClient``, a ``GatewayClient`` or ``GatewayServiceLink`` (the hub
/// routes by service name), or a test double.
public protocol ParleyCallTransport: Sendable {
  /// The codec payloads must be encoded in.
  var codec: WireCodec { get }

  /// Sends a call and returns the encoded reply payload.
  ///
  /// - Throws: ``ParleyError``.
  func call(
    contract: String, version: Int, service: String, method: String, payload: [UInt8], options: CallOptions
  ) async throws -> [UInt8]

  /// Sends a oneway message.
  ///
  /// - Throws: ``ParleyError`` when it cannot be sent.
  func oneway(contract: String, version: Int, service: String, method: String, payload: [UInt8]) throws

  /// Opens a server stream (a `stream` method) and returns its encoded items (see
  /// ``ClientConnection/stream(contract:version:service:method:payload:options:)``).
  ///
  /// The default implementation, for transports without a stream path, throws `NOT_CONNECTED`
  /// (did not run).
  /// - Throws: ``ParleyError`` when the stream cannot be opened; the server's errors arrive at
  ///   the end of the iteration.
  func stream(
    contract: String, version: Int, service: String, method: String, payload: [UInt8], options: CallOptions
  ) async throws -> ParleyStream
}

extension ParleyCallTransport {
  /// Throws `NOT_CONNECTED` (did not run): this transport has no stream path.
  public func stream(
    contract: String, version: Int, service: String, method: String, payload: [UInt8], options: CallOptions
  ) async throws -> ParleyStream {
    throw ParleyError(
      .notConnected, "\(Self.self) cannot open streams: use a ClientConnection or a ParleyClient",
      mayHaveRun: false, service: service, method: method)
  }
}

extension ClientConnection: ParleyCallTransport {}
