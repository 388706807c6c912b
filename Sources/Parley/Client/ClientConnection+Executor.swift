extension ClientConnection {
  /// The executor of the I/O thread that serves this connection: run calling code on it to make
  /// calls without thread hops.
  ///
  /// By default a caller runs on Swift's cooperative pool: its call is written from a pool
  /// thread, the reply is read on the connection's I/O thread, and resuming the caller wakes a
  /// pool thread (a futex wake and a context switch per call). A task that prefers this executor
  /// instead runs on the I/O thread itself: the reply resumes it on the same thread, after the
  /// current batch of reads, with no wake-up at all.
  ///
  /// ```swift
  /// try await withTaskExecutorPreference(connection.executor) {
  ///   for id in orderIDs { _ = try await orders.getOrder(id: id) }
  /// }
  /// // or: Task(executorPreference: connection.executor) { … }
  /// ```
  ///
  /// Only nonisolated code runs there (an actor's methods still run on the actor's executor).
  /// Code on this executor must never block the thread (no blocking system calls, semaphores or
  /// long computations between `await`s): it would stall every connection served by that I/O
  /// thread, their pings and deadlines included. Awaiting anything, including calls on other
  /// connections of the same thread, is fine. Deadlines and cancellation behave as on the pool.
  public var executor: any TaskExecutor { core.channel.eventLoop.loop }
}
