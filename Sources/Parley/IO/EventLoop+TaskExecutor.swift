/// An ``EventLoop`` runs Swift tasks too: a task that prefers it as its executor
/// (`Task(executorPreference:)`, `withTaskExecutorPreference(_:operation:)`) runs its
/// nonisolated code on the loop's thread, between batches of I/O.
///
/// That removes the thread hops of a call: a reply read on the loop resumes a caller that waits
/// on the same loop by queueing its job here (no futex wake of a pool thread, no wake of the
/// loop, which is already running), and a server handler that prefers the loop starts and
/// continues on the thread that read its call, so its reply joins that read batch's write.
///
/// Jobs share the loop's one queue with ``EventLoop/execute(_:)``, in FIFO order; each runs until
/// its task suspends. Code running here must never block the thread: it would stall every
/// connection of the loop, pings and timers included (suspending with `await` is fine).
extension EventLoop: TaskExecutor {
  /// Queues `job` on the loop; wakes the loop only if it is asleep.
  func enqueue(_ job: consuming ExecutorJob) {
    enqueue(work: .job(UnownedJob(job)))
  }
}
