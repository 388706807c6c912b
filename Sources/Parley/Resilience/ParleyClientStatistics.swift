/// Counters of a ``ParleyClient``, for tests and monitoring.
public struct ParleyClientStatistics: Sendable, Equatable {
  /// Connections that became ready (1 + successful reconnects).
  public var connectionsMade: Int
  /// Failed connection attempts (including ready actions that failed).
  public var failedAttempts: Int
  /// Calls repeated by the ``RetryPolicy``.
  public var retries: Int
  /// Oneway messages waiting for a connection now.
  public var queuedOneways: Int
  /// Oneway messages dropped: refused by a full queue, not sendable on reconnect, or still
  /// queued when the client shut down.
  public var droppedOneways: Int
}
