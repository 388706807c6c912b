import Synchronization
import Testing

@testable import Parley

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Answers every read with `repliesPerRead` frames written from inside `channelRead` (as inline
/// handlers do), recording after each write whether bytes still wait in the channel's queue.
private final class AnsweringDelegate: ByteChannelDelegate {
  let repliesPerRead: Int
  let channel = Mutex<SocketChannel?>(nil)
  /// For each reply of the first read: whether bytes were queued right after writing it.
  let queuedAfterWrite = Mutex<[Bool]>([])

  init(repliesPerRead: Int) { self.repliesPerRead = repliesPerRead }

  func channelRead(_ bytes: UnsafeRawBufferPointer) {
    guard let channel = channel.withLock({ $0 }) else { return }
    var observed: [Bool] = []
    for index in 0..<repliesPerRead {
      _ = channel.write([UInt8(truncatingIfNeeded: index)], flushNow: true)
      observed.append(channel.pendingWriteBytes > 0)
    }
    queuedAfterWrite.withLock { if $0.isEmpty { $0 = observed } }
  }
  func channelReadComplete() {}
  func channelClosed(error: ParleyError?) {}
}

extension RuntimeSocketSuites {
  /// Writes made while the I/O thread delivers a read are held back and sent together, but at
  /// most ``SocketChannel/corkedWritesPerSend`` of them: the peer gets the first replies while
  /// the rest of the batch is still being handled.
  @Suite struct SocketChannelCorkTests {
    @Test func aReadBatchSendsEverySixteenWritesAndTheRestAtItsEnd() async throws {
      let sockets = try #require(nonBlockingUnixSocketPair())
      defer { close(sockets.1) }
      let limit = SocketChannel.corkedWritesPerSend
      let replies = limit * 2 + 5
      let delegate = AnsweringDelegate(repliesPerRead: replies)
      let channel = SocketChannel(
        fd: sockets.0, loop: EventLoop.group.next(), peerDescription: "cork test", isUnix: true,
        maxPendingBytes: 1 << 20)
      delegate.channel.withLock { $0 = channel }
      channel.start(delegate)
      var request: UInt8 = 7
      #expect(write(sockets.1, &request, 1) == 1)

      var received: [UInt8] = []
      var chunk = [UInt8](repeating: 0, count: 4_096)
      let deadline = ContinuousClock.now + .seconds(20)
      while received.count < replies, ContinuousClock.now < deadline {
        let got = chunk.withUnsafeMutableBytes { read(sockets.1, $0.baseAddress, $0.count) }
        if got > 0 {
          received.append(contentsOf: chunk[0..<got])
        } else {
          try await Task.sleep(for: .milliseconds(1))
        }
      }
      #expect(received == (0..<replies).map { UInt8($0) }, "every reply arrives once, in order")
      let queued = delegate.queuedAfterWrite.withLock { $0 }
      try #require(queued.count == replies)
      for (index, stillQueued) in queued.enumerated() {
        // The 16th and 32nd writes send everything held back; the others wait for the batch.
        #expect(stillQueued == ((index + 1) % limit != 0), "reply \(index)")
      }
      #expect(await eventually(seconds: 10) { channel.pendingWriteBytes == 0 })
      channel.close()
    }
  }
}
