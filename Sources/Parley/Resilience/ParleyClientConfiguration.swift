/// Settings of a ``ParleyClient``: the connection's own settings plus reconnection, retries,
/// waiting for ready and the oneway queue.
public struct ParleyClientConfiguration: Sendable {
  /// Settings of each underlying ``ClientConnection`` (timeouts, limits, codecs, …).
  public var connection: ClientConfiguration = ClientConfiguration()
  /// Delays between connection attempts and when to give up (see ``BackoffPolicy``; default
  /// 20 ms doubling to 2 s, full jitter, never gives up).
  public var reconnect: BackoffPolicy = BackoffPolicy()
  /// When failed calls are repeated (see ``RetryPolicy``; default up to 3 attempts).
  public var retry: RetryPolicy = RetryPolicy()
  /// Whether calls wait for a ready connection (within their deadline) instead of failing at
  /// once with `NOT_CONNECTED` (default `false`; ``CallOptions/waitForReady`` asks per call).
  public var waitsForReady: Bool = false
  /// Oneway messages held while disconnected, sent in order once ready (default 1,024); beyond
  /// it ``ParleyClient/oneway(contract:version:service:method:payload:)`` throws `OVERLOADED`.
  public var maxQueuedOneways: Int = 1024
  /// Payload bytes held in the oneway queue (default 4 MiB); beyond it `OVERLOADED` too.
  public var maxQueuedOnewayBytes: Int = 4 * 1024 * 1024
  /// Time each ready action may take before the attempt counts as failed (default 10 s).
  public var readyActionTimeout: Duration = .seconds(10)
  /// Seed of the jitter generator, for reproducible tests (default `nil`: random).
  public var jitterSeed: UInt64? = nil

  /// Creates a configuration with every default.
  public init() {}
}
