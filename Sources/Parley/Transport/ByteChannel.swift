/// Receives what a ``ByteChannel`` reads. Calls for one channel never overlap.
public protocol ByteChannelDelegate: AnyObject, Sendable {
  /// Bytes arrived. The buffer is only valid during the call.
  func channelRead(_ bytes: UnsafeRawBufferPointer)
  /// A batch of reads is complete (a good moment to flush coalesced writes).
  func channelReadComplete()
  /// The channel closed: `error` is `nil` for an orderly end of stream or a local close.
  func channelClosed(error: ParleyError?)
}

/// The transport layer: a bidirectional byte stream (Unix socket, TCP, or in-process pair).
///
/// It only moves bytes: framing, codecs and routing know nothing about which transport is used.
/// Writes may be called from any thread; bytes queued while another write is in progress are sent
/// together in one system call.
public protocol ByteChannel: AnyObject, Sendable {
  /// Starts delivering reads to `delegate`. Call once.
  func start(_ delegate: any ByteChannelDelegate)
  /// Queues bytes for sending. Returns `false` if the channel is closed or its outbound buffer
  /// is above its limit (the bytes are then dropped).
  ///
  /// With `flushNow` the calling thread sends at once when the socket is idle (lowest latency);
  /// without it the bytes wait for the event loop's next flush, so that many frames produced
  /// around the same time leave in one system call.
  @discardableResult func write(_ bytes: [UInt8], flushNow: Bool) -> Bool
  /// Closes the channel after trying to send what is queued; the delegate then gets
  /// `channelClosed(error: nil)`.
  func close()
  /// The number of bytes queued but not yet sent.
  var pendingWriteBytes: Int { get }
  /// Since when (monotonic nanoseconds) bytes have been waiting to be sent with none being sent,
  /// or `nil` while the channel keeps up. Connections close peers that stop reading.
  var writeStalledSince: UInt64? { get }
  /// Kernel credentials of the peer (Unix sockets only).
  var peerCredentials: PeerCredentials? { get }
  /// A description of the peer for logs and errors (path, address, or `in-process`).
  var peerDescription: String { get }
  /// The event loop that runs this channel's timers.
  var eventLoop: EventLoopHandle { get }
  /// Stops (`true`) or resumes (`false`) reading from the peer; callable from any thread.
  ///
  /// While paused, the peer's bytes wait in the kernel and then in the peer's send queue, so a
  /// receiver that cannot keep up pushes back on its sender instead of dropping messages. Bytes
  /// already read may still be delivered after the call returns.
  func setReadingPaused(_ paused: Bool)
}

extension ByteChannel {
  /// Queues bytes and sends them at once when the socket is idle.
  @discardableResult public func write(_ bytes: [UInt8]) -> Bool { write(bytes, flushNow: true) }

  /// Channels that never stall (e.g. in memory) report `nil`.
  public var writeStalledSince: UInt64? { nil }

  /// Channels that cannot pause keep delivering: receivers then fall back to their own limits
  /// (a server drops oneways beyond `maxInFlightPerConnection` + 16,384, see `docs/runtime.md`).
  public func setReadingPaused(_ paused: Bool) {}
}

/// An opaque reference to the readiness loop that serves a channel; used to run timers.
public struct EventLoopHandle: Sendable {
  let loop: EventLoop

  /// Runs `work` on the loop thread at the monotonic time `deadline` (nanoseconds).
  func schedule(at deadline: UInt64, _ work: @escaping @Sendable () -> Void) {
    loop.schedule(at: deadline, work)
  }

  /// A loop of the runtime's shared group (round-robin), for custom ``ByteChannel``s.
  public static func next() -> EventLoopHandle { EventLoopHandle(loop: EventLoop.group.next()) }
}
