import Parley
import Synchronization

/// Envelopes received by a hand-made instance.
final class Recorder: Sendable {
  private let envelopes = Mutex<[Envelope]>([])
  func append(_ envelope: Envelope) { envelopes.withLock { $0.append(envelope) } }
  var count: Int { envelopes.withLock { $0.count } }
  var first: Envelope? { envelopes.withLock { $0.first } }
}
