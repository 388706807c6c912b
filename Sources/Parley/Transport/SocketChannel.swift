import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A ``ByteChannel`` over a connected non-blocking socket, driven by an ``EventLoop``.
///
/// Writes from any thread go straight to the socket when nothing else is being written; bytes
/// queued meanwhile are sent together by whichever thread is writing (one `send` for many frames).
/// If the socket is full, the rest waits for writability on the loop. Reads happen on the loop.
final class SocketChannel: ByteChannel, IOHandler, @unchecked Sendable {
  private struct Outbound {
    var buffer: [UInt8] = []
    var flushing = false  // a thread owns the socket for writing
    var waitingWritable = false
    var corked = false  // the loop is delivering reads: coalesce until they are done
    var closed = false
    var closeRequested = false
    var flushScheduled = false  // a deferred flush is queued on the loop
    var stalledSince: UInt64?  // bytes wait and none were sent since (monotonic ns)
  }

  let fd: Int32
  let loop: EventLoop
  let peerCredentials: PeerCredentials?
  let peerDescription: String
  private let maxPendingBytes: Int
  private let outbound = Mutex(Outbound())
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

  var pendingWriteBytes: Int { outbound.withLock { $0.buffer.count } }

  var writeStalledSince: UInt64? { outbound.withLock { $0.stalledSince } }

  // MARK: Writing

  @discardableResult
  func write(_ bytes: [UInt8], flushNow: Bool) -> Bool {
    enum Action { case refuse, queued, scheduleFlush, writeNow([UInt8]) }
    let action = outbound.withLock { state -> Action in
      if state.closed { return .refuse }
      if state.flushing || state.waitingWritable || state.corked || !flushNow {
        if state.buffer.count + bytes.count > maxPendingBytes { return .refuse }
        // The first frame of a batch becomes the buffer (no copy); later ones are appended.
        if state.buffer.isEmpty { state.buffer = bytes } else { state.buffer.append(contentsOf: bytes) }
        if flushNow || state.flushing || state.waitingWritable || state.corked || state.flushScheduled {
          return .queued
        }
        state.flushScheduled = true
        return .scheduleFlush
      }
      state.flushing = true
      // Bytes that deferred writes queued go first: a flushed write never overtakes them.
      if state.buffer.isEmpty { return .writeNow(bytes) }
      var queued: [UInt8] = []
      swap(&queued, &state.buffer)
      queued.append(contentsOf: bytes)
      return .writeNow(queued)
    }
    switch action {
    case .refuse: return false
    case .queued: return true
    case .scheduleFlush: loop.execute { [self] in deferredFlush() }
    case .writeNow(let data): flush(startingWith: data)
    }
    return true
  }

  /// Sends what deferred writes queued (on the loop thread).
  private func deferredFlush() {
    let data = outbound.withLock { state -> [UInt8]? in
      state.flushScheduled = false
      guard !state.flushing, !state.waitingWritable, !state.closed, !state.buffer.isEmpty else { return nil }
      state.flushing = true
      var taken: [UInt8] = []
      swap(&taken, &state.buffer)
      return taken
    }
    if let data { flush(startingWith: data) }
  }

  /// Writes `first`, then whatever others queued meanwhile, until done or the socket is full.
  /// Called by the thread that set `flushing`.
  private func flush(startingWith first: [UInt8]) {
    var data = first
    var failure: Int32 = 0
    while true {
      var sent = 0
      data.withUnsafeBytes { raw in
        guard let base = raw.baseAddress else { return }
        while sent < raw.count {
          let result = Sys.send(fd, base + sent, raw.count - sent)
          if result > 0 {
            sent += result
          } else {
            let code = Sys.errno
            if code == EINTR { continue }
            failure = code
            return
          }
        }
      }
      let next = outbound.withLock { state -> [UInt8]? in
        if failure != 0 && failure != EAGAIN && failure != EWOULDBLOCK {
          state.flushing = false
          state.buffer = []
          return nil
        }
        if sent < data.count {
          // The socket is full: keep the rest first in line and let the loop finish. Sending
          // something restarts the stall clock; sending nothing keeps it running.
          if sent > 0 || state.stalledSince == nil { state.stalledSince = Sys.now() }
          state.buffer.insert(contentsOf: data[sent...], at: 0)
          state.flushing = false
          state.waitingWritable = true
          return nil
        }
        state.stalledSince = nil
        if state.buffer.isEmpty || state.closed {
          state.flushing = false
          return nil
        }
        var taken: [UInt8] = []
        swap(&taken, &state.buffer)
        return taken
      }
      guard let next else { break }
      data = next
    }
    let (failed, wantsWritable, closeNow) = outbound.withLock { state in
      (failure != 0 && failure != EAGAIN && failure != EWOULDBLOCK, state.waitingWritable, state.closed)
    }
    if failed {
      let message = "write to \(peerDescription) failed: \(Sys.describe(failure))"
      closeWithError(ParleyError(.connectionLost, message))
    } else if wantsWritable || closeNow {
      loop.execute { [self] in
        if outbound.withLock({ $0.closed && !$0.flushing }) {
          finalClose(error: nil, linger: false)
        } else if !fdClosed {
          loop.setInterest(fd, read: true, write: true)
        }
      }
    }
  }

  func ioWritable() {
    let data = outbound.withLock { state -> [UInt8]? in
      guard state.waitingWritable, !state.flushing else { return nil }
      state.waitingWritable = false
      state.flushing = true
      var taken: [UInt8] = []
      swap(&taken, &state.buffer)
      return taken
    }
    loop.setInterest(fd, read: true, write: false)
    if let data { flush(startingWith: data) }
  }

  // MARK: Reading

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
        if fdClosed { break }
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
    let data = outbound.withLock { state -> [UInt8]? in
      state.corked = false
      guard !state.flushing, !state.waitingWritable, !state.buffer.isEmpty else { return nil }
      state.flushing = true
      var taken: [UInt8] = []
      swap(&taken, &state.buffer)
      return taken
    }
    if let data { flush(startingWith: data) }
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
      var taken: [UInt8] = []
      swap(&taken, &state.buffer)
      return (false, taken)
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
