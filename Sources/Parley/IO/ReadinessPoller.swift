/// The operating system's readiness notification behind an ``EventLoop``: `epoll` with an
/// `eventfd` on Linux (``EpollPoller``), `poll(2)` with a pipe elsewhere (``PollPoller``).
///
/// Level-triggered everywhere: a descriptor stays reported while it is readable (or writable and
/// watched for it), so a handler may stop after a bounded amount of work (16 reads, 64 accepts)
/// and is called again on the next iteration. All methods except ``wakeUp()`` are called on the
/// loop's thread only.
protocol ReadinessPoller: AnyObject {
  /// Starts watching `fd` for readability (hang-ups and errors are always reported).
  func add(_ fd: Int32)
  /// Changes what `fd` is watched for.
  func setInterest(_ fd: Int32, read: Bool, write: Bool)
  /// Stops watching `fd`; call before closing it.
  func remove(_ fd: Int32)
  /// Makes a current or the next ``wait(timeoutMs:woke:_:)`` return at once. Any thread.
  func wakeUp()
  /// Waits up to `timeoutMs` milliseconds (-1: no limit), calls `woke` as soon as the wait
  /// returns, then `ready` for every descriptor with events: `readable` includes hang-up and
  /// error (the read tells which).
  func wait(
    timeoutMs: Int32, woke: () -> Void, _ ready: (_ fd: Int32, _ readable: Bool, _ writable: Bool) -> Void)
}

/// The best poller of this platform: epoll on Linux (poll(2) if epoll cannot be created).
func makeReadinessPoller() -> any ReadinessPoller {
  #if os(Linux)
    if let epoll = EpollPoller() { return epoll }
  #endif
  return PollPoller()
}
