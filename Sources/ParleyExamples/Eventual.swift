import Synchronization

/// A value that is stored once, a moment after readers may already need it: a reader that comes
/// early waits for it (polling every millisecond, until the value is set or its task is
/// cancelled).
final class Eventual<Value: Sendable>: Sendable {
  private let stored = Mutex<Value?>(nil)

  /// Stores the value (a later call replaces it).
  func set(_ value: Value) { stored.withLock { $0 = value } }

  /// The value, once it is set.
  /// - Throws: `CancellationError` when the reader's task is cancelled before then.
  func value() async throws -> Value {
    while true {
      if let current = stored.withLock({ $0 }) { return current }
      try await Task.sleep(for: .milliseconds(1))
    }
  }
}
