/// What a generated client sends its calls through: a direct ``ClientConnection`` to a service,
/// a reconnecting ``ParleyClient``, a ``GatewayClient`` or ``GatewayServiceLink`` (the hub
/// routes by service name), or a test double.
///
/// Every payload states its codec (`payloadCodec`); replies, stream items and contract-error
/// payloads come back in it. Generated clients encode in ``codec`` and pass it, so nothing is
/// marked on the wire; the conforming types' own untyped methods default `payloadCodec` to JSON.
///
/// ``call(contract:version:service:method:payload:payloadCodec:options:)`` and
/// ``stream(contract:version:service:method:payload:payloadCodec:options:)`` are
/// `nonisolated(nonsending)`: they run on the caller's executor, as the generated client methods
/// that call them do, so a call made from an actor does not leave it in the generated layer (see
/// `docs/generated-code.md`, "Executors"). Conformers declare their witnesses the same way.
public protocol ParleyCallTransport: Sendable {
  /// The codec generated clients encode payloads in: the negotiated codec (no marker needed).
  var codec: WireCodec { get }

  /// Sends a call with a payload encoded in `payloadCodec` and returns the reply payload, in
  /// that same codec. Runs on the caller's executor.
  ///
  /// - Throws: ``ParleyError``.
  nonisolated(nonsending) func call(
    contract: String, version: Int, service: String, method: String, payload: [UInt8],
    payloadCodec: WireCodec, options: CallOptions
  ) async throws -> [UInt8]

  /// Sends a oneway message with a payload encoded in `payloadCodec`.
  ///
  /// - Throws: ``ParleyError`` when it cannot be sent.
  func oneway(
    contract: String, version: Int, service: String, method: String, payload: [UInt8], payloadCodec: WireCodec
  ) throws

  /// Opens a server stream (a `stream` method) with a payload encoded in `payloadCodec` and
  /// returns its items, in that same codec (see
  /// ``ClientConnection/stream(contract:version:service:method:payload:payloadCodec:options:)``).
  /// Runs on the caller's executor.
  ///
  /// The default implementation, for transports without a stream path, throws `NOT_CONNECTED`
  /// (did not run).
  /// - Throws: ``ParleyError`` when the stream cannot be opened; the server's errors arrive at
  ///   the end of the iteration.
  nonisolated(nonsending) func stream(
    contract: String, version: Int, service: String, method: String, payload: [UInt8],
    payloadCodec: WireCodec, options: CallOptions
  ) async throws -> ParleyStream
}

extension ParleyCallTransport {
  /// Throws `NOT_CONNECTED` (did not run): this transport has no stream path.
  public nonisolated(nonsending) func stream(
    contract: String, version: Int, service: String, method: String, payload: [UInt8],
    payloadCodec: WireCodec, options: CallOptions
  ) async throws -> ParleyStream {
    throw ParleyError(
      .notConnected, "\(Self.self) cannot open streams: use a ClientConnection or a ParleyClient",
      mayHaveRun: false, service: service, method: method)
  }
}

extension ClientConnection: ParleyCallTransport {}
