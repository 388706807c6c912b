extension ParleyClient {
  /// Opens a server stream on the current connection with a payload encoded in `payloadCodec`
  /// (JSON unless stated); the items come in that codec (see
  /// ``ClientConnection/stream(contract:version:service:method:payload:payloadCodec:options:)``).
  ///
  /// Without a ready connection it fails at once with `NOT_CONNECTED` (did not run), or, with
  /// ``CallOptions/waitForReady`` (or ``ParleyClientConfiguration/waitsForReady``), waits for
  /// one within ``CallOptions/timeout`` (else the connection's default timeout). A stream is
  /// never repeated: one whose connection is lost ends with `CONNECTION_LOST`.
  /// - Throws: ``ParleyError`` when the stream cannot be opened; the server's errors arrive at
  ///   the end of the iteration.
  public nonisolated(nonsending) func stream(
    contract: String, version: Int, service: String, method: String, payload: [UInt8],
    payloadCodec: WireCodec = .json, options: CallOptions = CallOptions()
  ) async throws -> ParleyStream {
    let wait = options.timeout ?? configuration.connection.defaultTimeout
    var deadline = Sys.now() &+ wait.nanoseconds
    if let inherited = InheritedDeadline.current, inherited < deadline { deadline = inherited }
    let connection: ClientConnection
    do {
      connection = try await readyConnection(
        waitsForReady: options.waitForReady || configuration.waitsForReady, deadline: deadline)
    } catch let error as ParleyError {
      throw error.located(service: service, method: method, callID: nil)
    }
    return try await connection.stream(
      contract: contract, version: version, service: service, method: method, payload: payload,
      payloadCodec: payloadCodec, options: options)
  }
}
