import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A ``ByteChannel`` over a connected non-blocking socket, driven by an ``EventLoop``.
///
/// Writes from any thread are queued in order (``OutboundQueue``: the writers' arrays, never
/// copied) and sent with gathered `sendmsg` calls, many frames per system call. A `flushNow`
/// write on an idle socket is sent at once by the writing thread; frames queued meanwhile
/// (deferred writes, writes while another thread is sending, replies produced while the loop
/// delivers reads) leave together with the next send. If the socket is full, the rest waits for
/// writability on the loop. Reads happen on the loop. See "Writes and batching" in
/// `docs/runtime.md`.
final class SocketChannel: ByteChannel, IOHandler, @unchecked Sendable {
  private struct Outbound {
    var queue = OutboundQueue()
    var flushing = false  // a thread owns the socket for writing
    var waitingWritable = false
    var corked = false  // the loop is delivering reads: coalesce until they are done
    var closed = false
    var closeRequested = false
    var flushScheduled = false  // a deferred flush is queued on the loop
    var stalledSince: UInt64?  // bytes wait and none were sent since (monotonic ns)

    /// Whether a write now has to wait for a send already under way or promised.
    var busy: Bool { flushing || waitingWritable || corked }
  }

  /// How many writes a read batch holds back at most: once that many wait, they are sent while
  /// the batch is still being handled, so the peer works on the first replies while this side
  /// handles the rest (a batch held back whole makes the two sides take turns).
  static let corkedWritesPerSend = 16

  let fd: Int32
  let loop: EventLoop
  let peerCredentials: PeerCredentials?
  let peerDescription: String
  private let maxPendingBytes: Int
  private let outbound = Mutex(Outbound())
  private let readingPaused = Atomic<Bool>(false)
  private var delegate: (any ByteChannelDelegate)?  // set on start, used on the loop thread
  private var fdClosed = false  // loop thread only
  private var lingering = false  // loop thread only
  private var registered = false  // loop thread only

  var eventLoop: EventLoopHandle { EventLoopHandle(loop: loop) }

  init(fd: Int32, loop: EventLoop, peerDescription: String, isUnix: Bool, maxPendingBytes: Int) {
    self.fd = fd
    self.loop = loop
    self.peerDescription = peerDescription
    self.peerCredentials = isUnix ? PeerCredentials.of(socket: fd) : nil
    self.maxPendingBytes = maxPendingBytes
    OpenSockets.opened(fd, peerDescription)
    if !isUnix { Sys.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1) }
  }

  func start(_ delegate: any ByteChannelDelegate) {
    loop.execute { [self] in
      self.delegate = delegate
      if fdClosed {
        self.delegate = nil
        delegate.channelClosed(error: nil)
        return
      }
      if outbound.withLock({ $0.closed }) || lingering { return }
      registered = true
      loop.register(fd, self)
    }
  }

  var pendingWriteBytes: Int { outbound.withLock { $0.queue.byteCount } }

  var writeStalledSince: UInt64? { outbound.withLock { $0.stalledSince } }

  // MARK: Writing

  @discardableResult
  func write(_ bytes: [UInt8], flushNow: Bool) -> Bool {
    enum Action { case refuse, queued, scheduleFlush, flush }
    let action = outbound.withLock { state -> Action in
      if state.closed { return .refuse }
      if state.busy || !flushNow {
        if state.queue.byteCount + bytes.count > maxPendingBytes { return .refuse }
        state.queue.append(bytes)
        if state.corked, !state.flushing, !state.waitingWritable,
          state.queue.writeCount >= Self.corkedWritesPerSend
        {
          state.flushing = true
          return .flush
        }
        if state.busy || state.flushScheduled { return .queued }
        state.flushScheduled = true
        return .scheduleFlush
      }
      // Idle: this thread sends, after whatever deferred writes queued (never overtaking them).
      state.queue.append(bytes)
      state.flushing = true
      return .flush
    }
    switch action {
    case .refuse: return false
    case .queued: return true
    case .scheduleFlush:
      // From another loop's thread (a gateway hub forwarding between connections of two loops),
      // that thread sends once its own batch of events is done: it is awake anyway, while this
      // socket's loop may sleep and would have to be woken (a thread switch per batch).
      (EventLoop.group.current ?? loop).execute { [self] in deferredFlush() }
    case .flush: flush()
    }
    return true
  }

  /// Sends what deferred writes queued (on the loop thread).
  private func deferredFlush() {
    let flushes = outbound.withLock { state -> Bool in
      state.flushScheduled = false
      guard !state.busy, !state.closed, !state.queue.isEmpty else { return false }
      state.flushing = true
      return true
    }
    if flushes { flush() }
  }

  /// Sends the queue, including what others append meanwhile, until it is empty or the socket
  /// is full. Called by the thread that set `flushing`.
  private func flush() {
    // The `iovec` list lives on the flushing thread's stack: no memory per idle connection.
    let next = withUnsafeTemporaryAllocation(of: iovec.self, capacity: VectorSend.maxVectors) { buffer in
      guard let vectors = buffer.baseAddress else {  // never: the capacity is not zero
        outbound.withLock { $0.flushing = false }
        return FlushEnd.done
      }
      return sendQueued(vectors)
    }
    switch next {
    case .failed(let code):
      closeWithError(
        ParleyError(.connectionLost, "write to \(peerDescription) failed: \(Sys.describe(code))"))
    case .full:
      loop.execute { [self] in
        if !fdClosed { loop.setInterest(fd, read: wantsReads, write: true) }
      }
    case .done:
      if outbound.withLock({ $0.closed }) {
        loop.execute { [self] in
          if outbound.withLock({ $0.closed && !$0.flushing }) { finalClose(error: nil, linger: false) }
        }
      }
    }
  }

  /// How a flush ended.
  private enum FlushEnd { case done, full, failed(Int32) }

  /// The send loop of ``flush()``, describing the queue's front in `vectors` each time.
  private func sendQueued(_ vectors: UnsafeMutablePointer<iovec>) -> FlushEnd {
    enum Next { case send(Int), end(FlushEnd) }
    var next = outbound.withLock { state -> Next in
      .send(state.queue.gather(into: vectors, capacity: VectorSend.maxVectors))
    }
    var progressed = false
    while case .send(let count) = next {
      let result = VectorSend.send(fd, vectors, count)
      let code = result < 0 ? Sys.errno : 0
      if result < 0 && code == EINTR { continue }
      next = outbound.withLock { state -> Next in
        if result < 0 && code != EAGAIN && code != EWOULDBLOCK {
          state.flushing = false
          _ = state.queue.removeAll()
          return .end(.failed(code))
        }
        if result > 0 {
          state.queue.consume(result)
          progressed = true
        }
        if state.queue.isEmpty || state.closed {
          state.stalledSince = nil
          state.flushing = false
          return .end(.done)
        }
        if result < 0 {
          // The socket is full: the loop finishes when it is writable. Sending something
          // restarts the stall clock; sending nothing keeps it running.
          if progressed || state.stalledSince == nil { state.stalledSince = Sys.now() }
          state.flushing = false
          state.waitingWritable = true
          return .end(.full)
        }
        return .send(state.queue.gather(into: vectors, capacity: VectorSend.maxVectors))
      }
    }
    guard case .end(let end) = next else { return .done }
    return end
  }

  func ioWritable() {
    let flushes = outbound.withLock { state -> Bool in
      guard state.waitingWritable, !state.flushing else { return false }
      state.waitingWritable = false
      state.flushing = true
      return true
    }
    loop.setInterest(fd, read: wantsReads, write: false)
    if flushes { flush() }
  }

  // MARK: Reading

  func setReadingPaused(_ paused: Bool) {
    guard readingPaused.exchange(paused, ordering: .relaxed) != paused else { return }
    loop.execute { [self] in
      guard !fdClosed, registered else { return }
      loop.setInterest(fd, read: wantsReads, write: outbound.withLock { $0.waitingWritable })
    }
  }

  /// Whether the loop should watch for readability (loop thread): unless paused, and always
  /// while lingering (the peer's last bytes are drained until it closes).
  private var wantsReads: Bool { lingering || !readingPaused.load(ordering: .relaxed) }

  func ioReadable() {
    if lingering {
      drainWhileLingering()
      return
    }
    guard !fdClosed, let delegate else { return }
    outbound.withLock { $0.corked = true }
    var endOfStream = false
    var readError: Int32 = 0
    let buffer = loop.readBuffer
    for _ in 0..<16 {
      guard let base = buffer.baseAddress else { break }
      let count = Sys.recv(fd, base, buffer.count)
      if count > 0 {
        delegate.channelRead(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        if fdClosed || readingPaused.load(ordering: .relaxed) { break }
        if count < buffer.count { break }
      } else if count == 0 {
        endOfStream = true
        break
      } else {
        let code = Sys.errno
        if code == EINTR { continue }
        if code != EAGAIN && code != EWOULDBLOCK { readError = code }
        break
      }
    }
    delegate.channelReadComplete()
    uncork()
    if readError != 0 {
      closeWithError(
        ParleyError(.connectionLost, "read from \(peerDescription) failed: \(Sys.describe(readError))"))
    } else if endOfStream {
      closeWithError(nil, linger: false)
    }
  }

  private func uncork() {
    let flushes = outbound.withLock { state -> Bool in
      state.corked = false
      guard !state.flushing, !state.waitingWritable, !state.queue.isEmpty else { return false }
      state.flushing = true
      return true
    }
    if flushes { flush() }
  }

  // MARK: Closing

  /// Closes after sending what is queued: the write side is shut down at once (the peer reads
  /// everything, e.g. a goaway, then end of stream) and the descriptor is released once the peer
  /// closes too or after a short linger, so unread input never turns into a reset that would
  /// destroy the last frames in flight.
  func close() { closeWithError(nil, linger: true) }

  private func closeWithError(_ error: ParleyError?, linger: Bool = false) {
    let first = outbound.withLock { state -> Bool in
      if state.closeRequested { return false }
      state.closeRequested = true
      return true
    }
    guard first else { return }
    loop.execute { [self] in finalClose(error: error, linger: linger) }
  }

  /// Reads and discards input while lingering; closes at end of stream.
  private func drainWhileLingering() {
    let buffer = loop.readBuffer
    guard let base = buffer.baseAddress else { return }
    while true {
      let count = Sys.recv(fd, base, buffer.count)
      if count > 0 { continue }
      if count < 0 && (Sys.errno == EAGAIN || Sys.errno == EWOULDBLOCK) { return }
      if count < 0 && Sys.errno == EINTR { continue }
      finalClose(error: nil, linger: false)
      return
    }
  }

  /// Closes the descriptor on the loop thread once no other thread is writing to it.
  private func finalClose(error: ParleyError?, linger: Bool) {
    guard !fdClosed else { return }
    let (busy, remaining) = outbound.withLock { state -> (Bool, [UInt8]) in
      state.closed = true
      state.closeRequested = true
      if state.flushing { return (true, []) }
      return (false, state.queue.removeAll())
    }
    if busy {
      // A writer is inside send(): retry shortly so the descriptor is never reused under it.
      loop.schedule(at: Sys.now() + 100_000) { [self] in finalClose(error: error, linger: linger) }
      return
    }
    if error == nil, !remaining.isEmpty {
      remaining.withUnsafeBytes { raw in
        if let base = raw.baseAddress { _ = Sys.send(fd, base, raw.count) }
      }
    }
    if linger, error == nil, !lingering {
      lingering = true
      _ = shutdown(fd, Int32(SHUT_WR))
      if !registered {
        registered = true
        loop.register(fd, self)
      } else {
        loop.setInterest(fd, read: true, write: false)
      }
      loop.schedule(at: Sys.now() + 300_000_000) { [self] in finalClose(error: nil, linger: false) }
      return
    }
    fdClosed = true
    loop.deregister(fd)
    OpenSockets.closed(fd)
    Sys.close(fd)
    let delegate = self.delegate
    self.delegate = nil
    delegate?.channelClosed(error: error)
  }
}
