/// Per-call settings.
public struct CallOptions: Sendable {
  /// The call's time budget; `nil` uses ``ClientConfiguration/defaultTimeout``. A call made by
  /// a handler never gets more than its own caller's remaining budget.
  public var timeout: Duration?
  /// Whether the method is `@idempotent` (the retry policy may repeat it after a failure that
  /// may have run). Carried for the retry policy; the core does not retry.
  public var idempotent: Bool
  /// Whether to wait for the connection to become ready instead of failing with
  /// `NOT_CONNECTED` (reserved for reconnecting clients; the core fails at once).
  public var waitForReady: Bool
  /// For streams: the most items the server may send ahead of the consumer (the credit window);
  /// `nil` uses ``StreamDefaults/initialCredit``.
  public var streamCredit: Int?

  /// Creates options.
  public init(
    timeout: Duration? = nil, idempotent: Bool = false, waitForReady: Bool = false, streamCredit: Int? = nil
  ) {
    self.timeout = timeout
    self.idempotent = idempotent
    self.waitForReady = waitForReady
    self.streamCredit = streamCredit
  }
}
