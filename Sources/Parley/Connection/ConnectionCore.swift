import Synchronization

/// What a ``ConnectionCore`` hands to the client or server logic above it.
protocol ConnectionCoreHandler: AnyObject, Sendable {
  /// An envelope other than `ping`/`pong` arrived (called serially, on the read path).
  func core(_ core: ConnectionCore, received envelope: Envelope)
  /// The core's timer fired at `now`: expire what is due; return the next time to be woken.
  func coreTimer(_ core: ConnectionCore, now: UInt64) -> UInt64?
  /// The connection is closed (called once); fail everything pending with `error`.
  func coreClosed(_ core: ConnectionCore, error: ParleyError)
}

/// The connection layer's shared machinery: framing, the envelope codec, liveness, timers and
/// closing. It answers pings itself (on the I/O thread, never behind application handlers) and
/// hands every other envelope to its ``ConnectionCoreHandler``.
final class ConnectionCore: ByteChannelDelegate, @unchecked Sendable {
  struct Settings {
    var maxFrameSize: Int
    var heartbeatInterval: UInt64  // ns; 0 disables
    var missedPingsAllowed: Int
    var writeProgressTimeout: UInt64 = ParleyDefaults.writeProgressTimeout.nanoseconds  // 0 disables
  }

  private struct State {
    var codec: any EnvelopeCodec = JSONEnvelopeCodec()
    var peerMaxFrame = WireProtocol.defaultMaxFrameSize
    var closed = false
    var closeError: ParleyError?
    var notified = false
    var timerAt = UInt64.max
    var nextHeartbeat = UInt64.max
    var pingOutstanding = false
    var missedPings = 0
    var nextPingID: UInt64 = 1
    /// Set with the negotiated codec: before it, `hello`/`welcome` must be the first frames on
    /// the wire, so no ping is sent (the handshake timeout watches that phase).
    var handshakeDone = false
    /// This side stopped reading (its handlers are behind): the peer's silence is not held
    /// against it meanwhile.
    var readingPaused = false
    /// Reading was paused at some point since the last heartbeat check: bytes that waited may
    /// not have been read yet even if reading has just resumed.
    var pausedSinceHeartbeat = false
    var channelClosed = false
    var channelWaiters: [UnsafeContinuation<Void, Never>] = []
  }

  let channel: any ByteChannel
  let settings: Settings
  private var decoder: FrameDecoder  // read path only
  private let state = Mutex(State())
  private let sawInbound = Atomic<Bool>(false)
  /// When a frame last arrived (monotonic ns; 0 before the first), for status reports.
  let lastInboundAt = Atomic<UInt64>(0)
  /// The client or server logic above, held weakly: the readiness loop keeps the channel and
  /// this core alive while the socket is open, and a strong reference back up would keep a
  /// connection its owner dropped alive forever (its socket never closed). A dropped
  /// ``ClientConnection`` closes itself in `deinit`; a server connection is owned by its server.
  private let handlerBox = Mutex(WeakHandler())

  private struct WeakHandler {
    weak var value: (any ConnectionCoreHandler)?
    /// Sees each frame body before it is decoded (``setFrameInterceptor(_:)``).
    var interceptor: FrameInterceptor?
  }

  /// Sees a frame body before it is decoded; returns `true` when it took the frame whole (it is
  /// then not decoded), `false` to leave it, untouched, to the codec. Runs on the read path.
  typealias FrameInterceptor = @Sendable (_ body: inout [UInt8]) -> Bool

  /// Frames that failed to decode as envelopes, replies nobody waited for, unknown kinds, …
  let protocolViolations = Atomic<Int>(0)

  init(channel: any ByteChannel, settings: Settings) {
    self.channel = channel
    self.settings = settings
    self.decoder = FrameDecoder(maxFrameSize: settings.maxFrameSize)
  }

  /// Starts reading and the liveness timer.
  func start(handler: any ConnectionCoreHandler) {
    handlerBox.withLock { $0.value = handler }
    if settings.heartbeatInterval > 0 {
      let first = Sys.now() + settings.heartbeatInterval
      state.withLock { $0.nextHeartbeat = first }
      scheduleTimer(at: first)
    }
    channel.start(self)
  }

  private var handler: (any ConnectionCoreHandler)? { handlerBox.withLock { $0.value } }

  /// Installs `interceptor` for the frames of later reads (a gateway hub forwards plain answers
  /// from binary instances as bytes). Ignored once the connection is closed; dropped when it closes.
  func setFrameInterceptor(_ interceptor: @escaping FrameInterceptor) {
    handlerBox.withLock { box in
      if box.value != nil { box.interceptor = interceptor }
    }
  }

  /// Switches the codec used for every later envelope (after the handshake) and starts pinging.
  func setCodec(_ codec: any EnvelopeCodec, peerMaxFrame: Int) {
    state.withLock {
      $0.codec = codec
      $0.peerMaxFrame = peerMaxFrame
      $0.handshakeDone = true
    }
  }

  /// The codec in use.
  var codec: any EnvelopeCodec { state.withLock { $0.codec } }

  var isClosed: Bool { state.withLock { $0.closed } }

  // MARK: Sending

  /// Encodes and sends `envelope`. Returns the error when it could not be queued.
  @discardableResult
  func send(_ envelope: Envelope, flushNow: Bool = true) -> ParleyError? {
    let (codec, peerMax, closed) = state.withLock { ($0.codec, $0.peerMaxFrame, $0.closed) }
    if closed { return notConnected }
    // Room for the envelope's fields plus its payload: one allocation, no regrowth.
    var bytes = FrameEncoder.begin(capacity: 320 + (envelope.payload?.count ?? 0))
    codec.encode(envelope, into: &bytes)
    FrameEncoder.finish(&bytes)
    return write(bytes, peerMax: peerMax, flushNow: flushNow)
  }

  /// Sends `frame`, a complete frame (length prefix included) already in this connection's codec,
  /// as ``send(_:flushNow:)`` sends an envelope (same checks and errors).
  func send(frame: [UInt8], flushNow: Bool = true) -> ParleyError? {
    let (peerMax, closed) = state.withLock { ($0.peerMaxFrame, $0.closed) }
    if closed { return notConnected }
    return write(frame, peerMax: peerMax, flushNow: flushNow)
  }

  private var notConnected: ParleyError {
    ParleyError(.notConnected, "the connection to \(channel.peerDescription) is closed")
  }

  /// Queues `frame` (length prefix included) unless its envelope is above the peer's `peerMax`.
  private func write(_ frame: [UInt8], peerMax: Int, flushNow: Bool) -> ParleyError? {
    let length = frame.count - 4
    if length > peerMax {
      return ParleyError(
        .frameTooLarge, "the envelope is \(length) bytes, above the peer's maximum frame size of \(peerMax)")
    }
    if channel.write(frame, flushNow: flushNow) { return nil }
    if isClosed { return notConnected }
    return ParleyError(.overloaded, "too many bytes are queued for sending to \(channel.peerDescription)")
  }

  /// Sends a handshake envelope (always JSON, whatever codec is negotiated later).
  func sendHandshake(_ envelope: Envelope) {
    _ = channel.write(JSONEnvelopeCodec().frame(envelope))
  }

  /// Stops or resumes reading the peer (``ByteChannel/setReadingPaused(_:)``), so that handlers
  /// that fall behind push back on the sender. While paused, unanswered pings do not count.
  func setReadingPaused(_ paused: Bool) {
    state.withLock { state in
      state.readingPaused = paused
      if paused { state.pausedSinceHeartbeat = true }
    }
    channel.setReadingPaused(paused)
  }

  // MARK: Closing

  /// Closes the connection: optionally sends `goaway`/`reject` first, then tells the handler
  /// at once (pending calls fail immediately) and closes the channel.
  func close(sending farewell: Envelope? = nil, reason: ParleyError) {
    let first = state.withLock { state -> Bool in
      if state.closed { return false }
      state.closed = true
      state.closeError = reason
      return true
    }
    guard first else { return }
    if let farewell {
      if farewell.kind == .reject {
        sendHandshake(farewell)
      } else {
        var bytes = FrameEncoder.begin()
        codec.encode(farewell, into: &bytes)
        FrameEncoder.finish(&bytes)
        _ = channel.write(bytes)
      }
    }
    notifyClosed()
    channel.close()
  }

  private func notifyClosed() {
    let (shouldNotify, error) = state.withLock { state -> (Bool, ParleyError) in
      let error =
        state.closeError
        ?? ParleyError(
          .connectionLost, "the connection to \(channel.peerDescription) was closed", mayHaveRun: true)
      if state.notified { return (false, error) }
      state.notified = true
      state.closed = true
      return (true, error)
    }
    guard shouldNotify else { return }
    let handler = handlerBox.withLock { box -> (any ConnectionCoreHandler)? in
      defer {
        box.value = nil
        box.interceptor = nil  // it may hold the connection above: no cycle outlives it
      }
      return box.value
    }
    handler?.coreClosed(self, error: error)
  }

  // MARK: ByteChannelDelegate

  func channelRead(_ bytes: UnsafeRawBufferPointer) {
    if state.withLock({ $0.closed }) { return }
    sawInbound.store(true, ordering: .relaxed)
    lastInboundAt.store(Sys.now(), ordering: .relaxed)
    let (handler, interceptor) = handlerBox.withLock { ($0.value, $0.interceptor) }  // once per read
    do {
      try decoder.feed(bytes) { (frame: consuming [UInt8]) in
        // One lock per frame: a frame may switch the codec (handshake) or close the connection.
        let (codec, closed) = state.withLock { ($0.codec, $0.closed) }
        if closed { throw Stop() }
        var body = consume frame
        if let interceptor, interceptor(&body) { return }
        let envelope = try codec.decode(frameBody: consume body)
        try dispatch(envelope, to: handler)
      }
    } catch let error as FramingError {
      let code: ParleyError.Code
      if case .frameTooLarge = error { code = .frameTooLarge } else { code = .protocolError }
      let failure = ParleyError(code, error.description)
      protocolViolations.add(1, ordering: .relaxed)
      close(sending: .closing(.goaway, failure), reason: lost(failure))
    } catch let error as ParleyError {
      protocolViolations.add(1, ordering: .relaxed)
      close(sending: .closing(.goaway, error), reason: lost(error))
    } catch {
      close(reason: ParleyError(.connectionLost, "connection failed", mayHaveRun: true))
    }
  }

  /// A stop signal thrown out of the frame loop once the connection is closed.
  private struct Stop: Error {}

  private func dispatch(_ envelope: Envelope, to handler: (any ConnectionCoreHandler)?) throws {
    switch envelope.kind {
    case .ping:
      var pong = Envelope(kind: .pong, id: envelope.id)
      pong.version = WireProtocol.version
      send(pong)
    case .pong:
      break  // any inbound frame counts as life
    case .goaway:
      let reason = envelope.error ?? ParleyError(.protocolError, "")
      close(
        reason: ParleyError(
          .connectionLost,
          "the peer closed the connection: \(reason.code.rawValue): \(reason.message)", mayHaveRun: true))
      throw Stop()
    default:
      handler?.core(self, received: envelope)
    }
  }

  func channelReadComplete() {}

  /// Returns once the transport is fully closed (its descriptor released).
  func waitUntilChannelClosed() async {
    await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
      let done = state.withLock { state -> Bool in
        if state.channelClosed { return true }
        state.channelWaiters.append(continuation)
        return false
      }
      if done { continuation.resume() }
    }
  }

  func channelClosed(error: ParleyError?) {
    if error == nil, decoder.bufferedByteCount > 0 {
      protocolViolations.add(1, ordering: .relaxed)
    }
    defer {
      let waiters = state.withLock { state -> [UnsafeContinuation<Void, Never>] in
        state.channelClosed = true
        defer { state.channelWaiters = [] }
        return state.channelWaiters
      }
      for waiter in waiters { waiter.resume() }
    }
    state.withLock { state in
      if state.closeError == nil {
        state.closeError =
          error.map { lost($0) }
          ?? ParleyError(
            .connectionLost, "the connection to \(channel.peerDescription) was closed by the peer",
            mayHaveRun: true)
      }
    }
    notifyClosed()
  }

  private func lost(_ cause: ParleyError) -> ParleyError {
    ParleyError(
      .connectionLost, "connection to \(channel.peerDescription) failed: \(cause.message)", mayHaveRun: true)
  }

  // MARK: Timers and liveness

  /// Makes sure the timer fires no later than `deadline` (monotonic ns).
  func scheduleTimer(at deadline: UInt64) {
    let schedule = state.withLock { state -> Bool in
      if state.closed || deadline >= state.timerAt { return false }
      state.timerAt = deadline
      return true
    }
    guard schedule else { return }
    channel.eventLoop.schedule(at: deadline) { [weak self] in self?.timerFired(deadline) }
  }

  /// Whether a timer at `deadline` or earlier is already set.
  func timerIsSet(before deadline: UInt64) -> Bool {
    state.withLock { $0.timerAt <= deadline }
  }

  private func timerFired(_ deadline: UInt64) {
    let live = state.withLock { state -> Bool in
      guard !state.closed, state.timerAt == deadline else { return false }
      state.timerAt = UInt64.max
      return true
    }
    guard live else { return }
    let now = Sys.now()
    var next = heartbeat(now: now)
    if settings.writeProgressTimeout > 0, let since = channel.writeStalledSince {
      if now &- since >= settings.writeProgressTimeout {
        let error = ParleyError(
          .connectionLost,
          "\(channel.peerDescription) made no write progress for \(Duration.nanoseconds(Int64(clamping: now &- since))) (\(channel.pendingWriteBytes) bytes waiting): the peer is not reading; the connection is closed",
          mayHaveRun: true)
        close(reason: error)
        return
      }
      next = min(next, since &+ settings.writeProgressTimeout)
    }
    if let wanted = handler?.coreTimer(self, now: now) { next = min(next, wanted) }
    if next != UInt64.max { scheduleTimer(at: next) }
  }

  /// Runs the liveness check if due; returns the next heartbeat time.
  private func heartbeat(now: UInt64) -> UInt64 {
    guard settings.heartbeatInterval > 0 else { return UInt64.max }
    enum Action { case none, ping(UInt64), dead(Int) }
    let due = state.withLock { now >= $0.nextHeartbeat }
    let heard = due && sawInbound.exchange(false, ordering: .relaxed)
    let (action, next) = state.withLock { state -> (Action, UInt64) in
      guard now >= state.nextHeartbeat else { return (.none, state.nextHeartbeat) }
      state.nextHeartbeat = now + settings.heartbeatInterval
      let paused = state.readingPaused || state.pausedSinceHeartbeat
      state.pausedSinceHeartbeat = state.readingPaused
      if heard || !state.handshakeDone || paused {
        state.missedPings = 0
        state.pingOutstanding = false
        return (.none, state.nextHeartbeat)
      }
      if state.pingOutstanding { state.missedPings += 1 }
      if state.missedPings >= settings.missedPingsAllowed { return (.dead(state.missedPings), UInt64.max) }
      state.pingOutstanding = true
      state.nextPingID += 1
      return (.ping(state.nextPingID), state.nextHeartbeat)
    }
    switch action {
    case .none: break
    case .ping(let id): send(Envelope(kind: .ping, id: id))
    case .dead(let missed):
      let error = ParleyError(
        .connectionLost, "\(channel.peerDescription) did not answer \(missed) pings; the connection is dead",
        mayHaveRun: true)
      close(reason: error)
    }
    return next
  }
}
