/// Where a server runs its call handlers (``ServerConfiguration/handlerExecution``).
///
/// Every handler runs in its own task either way (cancellation, deadlines, the call-chain
/// context and draining are the same); what differs is the thread it runs on. See
/// "Threads and executors" in `docs/runtime.md`.
public enum HandlerExecution: Sendable, Hashable {
  /// On Swift's cooperative pool (the default): a slow, CPU-heavy or blocking handler never
  /// delays I/O, pings or timers, and the handlers of one connection use every core. A
  /// connection's calls wait in arrival order for a pool thread, which starts their handler
  /// tasks one after another (each runs there until its first suspension): calls that arrive
  /// together cost one hop from the I/O thread, not one each, and up to one such thread per core
  /// starts them while others are busy. A call cancelled or timed out before its handler started
  /// never starts.
  case pool
  /// Starts on the I/O thread that read the call (`Task.immediate`) and runs there until its
  /// first suspension; after an `await` it continues on the pool. A handler that never suspends
  /// costs no hop and its reply leaves with that read batch's other replies.
  case startOnIOThread
  /// Prefers the connection's I/O thread as its task executor: it starts there at once, like
  /// ``startOnIOThread``, and also continues there after every `await` (e.g. a call it makes to
  /// another service resumes on the I/O thread without waking any other thread). The fastest
  /// placement for quick handlers; a handler that blocks or computes for long between `await`s
  /// stalls every connection of that I/O thread, their pings and deadlines included, and the
  /// handlers of one connection never run on two cores at once.
  case ioThread
}
