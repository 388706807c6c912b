extension CallDispatcher {
  /// Runs a stream handler as a call handler whose (empty) result ends the stream: the
  /// dispatcher then answers with `streamEnd` instead of `reply`.
  static func streamMethod(_ handler: @escaping StreamHandler, _ writer: StreamWriter?) -> MethodHandler {
    { call in
      guard let writer else { throw ParleyError(.internal, "a stream without a writer") }
      try await handler(call, writer)
      return []
    }
  }
}
