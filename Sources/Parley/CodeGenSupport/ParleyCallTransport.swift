/// What a generated client sends its calls through: a direct ``ClientConnection`` to a service,
/// or one to a gateway (which routes `call` envelopes by service name), or a test double.
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
}

extension ClientConnection: ParleyCallTransport {}
