/// The state of a ``ParleyClient``'s connection, observable through ``ParleyClient/states``.
///
/// A client moves `idle → connecting → ready`; when a connection fails or is lost it goes to
/// `transientFailure` and, after a backoff delay, `connecting` again; it ends in `shutdown`
/// when closed or when its ``BackoffPolicy`` gives up.
public enum ConnectionState: Sendable, Equatable, CustomStringConvertible {
  /// Created, not connecting yet (connecting starts with the first call or ``ParleyClient/start()``).
  case idle
  /// Attempt `attempt` (1-based, counted since the last ready connection) is under way.
  case connecting(attempt: Int)
  /// A connection is up, its ready actions have run, and calls are sent.
  case ready
  /// The last attempt failed or the connection was lost; another attempt follows after
  /// ``ConnectionFailure/retryDelay``.
  case transientFailure(ConnectionFailure)
  /// Closed for good: `nil` when ``ParleyClient/close()`` was called, else why it gave up.
  case shutdown(ParleyError?)

  /// The state without its details.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// ``ConnectionState/idle``.
    case idle
    /// ``ConnectionState/connecting(attempt:)``.
    case connecting
    /// ``ConnectionState/ready``.
    case ready
    /// ``ConnectionState/transientFailure(_:)``.
    case transientFailure
    /// ``ConnectionState/shutdown(_:)``.
    case shutdown
  }

  /// The state without its details.
  public var kind: Kind {
    switch self {
    case .idle: .idle
    case .connecting: .connecting
    case .ready: .ready
    case .transientFailure: .transientFailure
    case .shutdown: .shutdown
    }
  }

  /// E.g. `transientFailure(attempt 2, retry in 0.031 s): NOT_CONNECTED: …`.
  public var description: String {
    switch self {
    case .idle: "idle"
    case .connecting(let attempt): "connecting(attempt \(attempt))"
    case .ready: "ready"
    case .transientFailure(let failure):
      "transientFailure(attempt \(failure.attempt), retry in \(failure.retryDelay)): \(failure.error)"
    case .shutdown(let error): "shutdown" + (error.map { ": \($0)" } ?? "")
    }
  }
}

/// Why a ``ParleyClient`` is between connections, and when it tries again.
public struct ConnectionFailure: Sendable, Equatable {
  /// The failed attempt's error, or the error that ended a ready connection.
  public var error: ParleyError
  /// Consecutive failed attempts so far (0 when a ready connection was lost).
  public var attempt: Int
  /// The backoff delay before the next attempt.
  public var retryDelay: Duration

  /// Creates a failure description.
  public init(error: ParleyError, attempt: Int, retryDelay: Duration) {
    self.error = error
    self.attempt = attempt
    self.retryDelay = retryDelay
  }
}
