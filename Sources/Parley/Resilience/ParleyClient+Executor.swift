extension ParleyClient {
  /// The executor of the I/O thread serving the current connection
  /// (``ClientConnection/executor``), or `nil` while there is none.
  ///
  /// A reconnection may land on another I/O thread: code that prefers this executor keeps
  /// working after one (it only pays a thread hop per call again), so take it anew when the
  /// client reconnects if the hops matter.
  public var executor: (any TaskExecutor)? { connection?.executor }
}
