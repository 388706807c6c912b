import Synchronization

/// A connected pair of in-memory ``ByteChannel``s, for tests and for running a client and a
/// server in one process without sockets. Bytes written to one end are read by the other, in
/// order, on an event-loop thread.
///
/// ```swift
/// let (clientSide, serverSide) = InProcessTransport.makePair()
/// server.accept(serverSide)
/// let connection = try await ClientConnection.connect(over: clientSide)
/// ```
public enum InProcessTransport {
  /// Creates two connected channels. `peerCredentials` is what the server side reports
  /// (defaults to this process's credentials).
  public static func makePair(peerCredentials: PeerCredentials? = .current) -> (
    any ByteChannel, any ByteChannel
  ) {
    let loop = EventLoop.group.next()
    let first = InProcessChannel(loop: loop, name: "in-process (client end)", credentials: .current)
    let second = InProcessChannel(loop: loop, name: "in-process (server end)", credentials: peerCredentials)
    first.peer = second
    second.peer = first
    return (first, second)
  }
}

/// One end of an in-process pair.
final class InProcessChannel: ByteChannel, @unchecked Sendable {
  private struct State {
    var delegate: (any ByteChannelDelegate)?
    var closed = false
    var queued: [[UInt8]] = []  // bytes that arrived before start() or while paused
    var paused = false
  }

  let loop: EventLoop
  let peerDescription: String
  let peerCredentials: PeerCredentials?
  weak var peer: InProcessChannel?
  private let state = Mutex(State())

  init(loop: EventLoop, name: String, credentials: PeerCredentials?) {
    self.loop = loop
    self.peerDescription = name
    self.peerCredentials = credentials
  }

  var eventLoop: EventLoopHandle { EventLoopHandle(loop: loop) }
  var pendingWriteBytes: Int { 0 }

  func start(_ delegate: any ByteChannelDelegate) {
    loop.execute { [self] in
      let closed = state.withLock { state -> Bool in
        state.delegate = delegate
        return state.closed
      }
      deliverQueued()
      if closed { finish(error: nil) }
    }
  }

  func setReadingPaused(_ paused: Bool) {
    state.withLock { $0.paused = paused }
    if !paused { loop.execute { [self] in deliverQueued() } }
  }

  /// Delivers what waited (before start, or while paused) in order, until paused again.
  private func deliverQueued() {
    while true {
      let batch = state.withLock { state -> [[UInt8]] in
        guard state.delegate != nil, !state.paused else { return [] }
        defer { state.queued = [] }
        return state.queued
      }
      if batch.isEmpty { return }
      for (index, bytes) in batch.enumerated() {
        deliver(bytes)
        let pausedNow = state.withLock { state -> Bool in
          guard state.paused else { return false }
          // Paused by the delegate: the rest waits in front of whatever arrived meanwhile.
          state.queued = Array(batch[(index + 1)...]) + state.queued
          return true
        }
        if pausedNow { return }
      }
    }
  }

  @discardableResult
  func write(_ bytes: [UInt8], flushNow: Bool) -> Bool {
    guard let peer, !state.withLock({ $0.closed }) else { return false }
    loop.execute { peer.receive(bytes) }
    return true
  }

  private func receive(_ bytes: [UInt8]) {
    let open = state.withLock { state -> Bool in
      if state.closed { return false }
      state.queued.append(bytes)
      return true
    }
    if open { deliverQueued() }
  }

  private func deliver(_ bytes: [UInt8]) {
    guard let delegate = state.withLock({ $0.delegate }) else { return }
    bytes.withUnsafeBytes { delegate.channelRead($0) }
    delegate.channelReadComplete()
  }

  func close() {
    let first = state.withLock { state -> Bool in
      if state.closed { return false }
      state.closed = true
      return true
    }
    guard first else { return }
    loop.execute { [self] in
      finish(error: nil)
      peer?.peerClosed()
    }
  }

  private func peerClosed() {
    let first = state.withLock { state -> Bool in
      if state.closed { return false }
      state.closed = true
      return true
    }
    if first { finish(error: nil) }
  }

  private func finish(error: ParleyError?) {
    let delegate = state.withLock { state -> (any ByteChannelDelegate)? in
      defer { state.delegate = nil }
      return state.delegate
    }
    delegate?.channelClosed(error: error)
  }
}
