import Foundation
import Synchronization
import Testing

@testable import Parley

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Records how a channel closed; reads are ignored (the tests read the peer's socket directly).
private final class ClosingDelegate: ByteChannelDelegate {
  private let closedWith = Mutex<ParleyError??>(nil)
  func channelRead(_ bytes: UnsafeRawBufferPointer) {}
  func channelReadComplete() {}
  func channelClosed(error: ParleyError?) { closedWith.withLock { $0 = .some(error) } }
  /// `nil` while open; `.some(error)` once closed.
  var closed: ParleyError?? { closedWith.withLock { $0 } }
}

/// One end of a socket pair driven by a ``SocketChannel``, the other read by the test.
private struct ChannelPair {
  let channel: SocketChannel
  let delegate = ClosingDelegate()
  let reader: Int32

  /// `sendBuffer` shrinks the channel's socket buffer so that sends go partial early.
  init(maxPendingBytes: Int, sendBuffer: Int32? = nil) throws {
    let sockets = try #require(nonBlockingUnixSocketPair())
    let pair = [sockets.0, sockets.1]
    if let sendBuffer {
      var size = sendBuffer
      _ = setsockopt(pair[0], SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
      _ = setsockopt(pair[1], SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }
    reader = pair[1]
    channel = SocketChannel(
      fd: pair[0], loop: EventLoop.group.next(), peerDescription: "batching test", isUnix: true,
      maxPendingBytes: maxPendingBytes)
    channel.start(delegate)
  }

  /// Reads until `count` bytes arrived, the peer closed, or 20 s passed.
  func receive(atLeast count: Int) async throws -> [UInt8] {
    var received: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    let deadline = ContinuousClock.now + .seconds(20)
    while received.count < count, ContinuousClock.now < deadline {
      let got = chunk.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
      if got > 0 {
        received.append(contentsOf: chunk[0..<got])
      } else if got == 0 {
        break
      } else {
        try await Task.sleep(for: .milliseconds(1))
      }
    }
    return received
  }
}

/// Seeded frames of mixed sizes: mostly small (oneway-sized), some larger than socket buffers.
private func mixedFrames(count: Int, seed: UInt64) -> [[UInt8]] {
  var random = RuntimeRandom(seed: seed)
  return (0..<count).map { index in
    let size = index % 97 == 13 ? 150_000 + Int(random.next() % 100_000) : 1 + Int(random.next() % 400)
    let fill = UInt8(truncatingIfNeeded: random.next())
    var frame = [UInt8](repeating: fill, count: size)
    frame[0] = UInt8(truncatingIfNeeded: index)
    return frame
  }
}

extension RuntimeSocketSuites {
  /// ``SocketChannel``'s batched writes: order and exactly-once delivery across partial sends,
  /// the bounded queue's refusals, and what a lost connection means for queued bytes.
  @Suite struct SocketChannelBatchingTests {
    /// The peer reads nothing at first, so gathered sends stop part-way through a batch (inside
    /// a frame); once it reads, everything accepted arrives once, in write order.
    @Test func aPartialSendInsideACoalescedBatchKeepsOrder() async throws {
      let pair = try ChannelPair(maxPendingBytes: 64 << 20, sendBuffer: 8_192)
      defer { close(pair.reader) }
      let frames = mixedFrames(count: 1_500, seed: 0x0BA7C4)
      var expected: [UInt8] = []
      var sawQueued = false
      for (index, frame) in frames.enumerated() {
        // Interleave immediate and deferred writes, as calls, oneways and replies do.
        #expect(pair.channel.write(frame, flushNow: index % 5 == 0))
        expected.append(contentsOf: frame)
        if pair.channel.pendingWriteBytes > 0 { sawQueued = true }
      }
      #expect(sawQueued, "the socket never filled: the test did not exercise partial sends")
      let stalled = await eventually(seconds: 10) { pair.channel.writeStalledSince != nil }
      #expect(stalled)
      let received = try await pair.receive(atLeast: expected.count)
      #expect(received.count == expected.count)
      #expect(received == expected)
      #expect(await eventually(seconds: 10) { pair.channel.pendingWriteBytes == 0 })
      #expect(pair.channel.writeStalledSince == nil)
      pair.channel.close()
    }

    /// A deferred write made on another loop's thread (a gateway forwarding between connections
    /// of two loops) is sent by that thread once its batch is done, not by waking the channel's
    /// own loop: here that loop is busy the whole time, and the bytes still arrive.
    @Test func aDeferredWriteFromAnotherLoopIsSentByThatLoop() async throws {
      let pair = try ChannelPair(maxPendingBytes: 64 << 20)
      defer { close(pair.reader) }
      let own = pair.channel.loop
      let loops: [EventLoop] = [EventLoop.group.next(), EventLoop.group.next()]
      let other: EventLoop = try #require(loops.first { $0 !== own })
      let release = DispatchSemaphore(value: 0)
      own.execute { _ = release.wait(timeout: .now() + 20) }
      let frame = [UInt8](repeating: 7, count: 100)
      other.execute { _ = pair.channel.write(frame, flushNow: false) }
      let received = try await pair.receive(atLeast: frame.count)
      release.signal()
      #expect(received == frame)
      pair.channel.close()
    }

    /// A fast writer meets the queue's bound: writes are refused (never silently dropped or
    /// reordered), and accepted again once the peer reads.
    @Test func aBoundedQueuePushesBackAndRecovers() async throws {
      let limit = 64 * 1024
      let pair = try ChannelPair(maxPendingBytes: limit, sendBuffer: 8_192)
      defer { close(pair.reader) }
      var accepted: [UInt8] = []
      var refused = 0
      var sequence: UInt8 = 0
      for _ in 0..<10_000 {
        let frame = [UInt8](repeating: sequence, count: 4_096)
        if pair.channel.write(frame, flushNow: false) {
          accepted.append(contentsOf: frame)
          sequence &+= 1
        } else {
          refused += 1
          if refused >= 3 { break }
        }
        #expect(pair.channel.pendingWriteBytes <= limit)
      }
      #expect(refused >= 1, "the queue never pushed back")
      var received = try await pair.receive(atLeast: accepted.count)
      #expect(received == accepted)
      #expect(await eventually(seconds: 10) { pair.channel.pendingWriteBytes == 0 })
      let after = [UInt8](repeating: sequence, count: 4_096)
      #expect(pair.channel.write(after, flushNow: true))
      received = try await pair.receive(atLeast: after.count)
      #expect(received == after)
      pair.channel.close()
    }

    /// The peer goes away while a batch is queued: the channel closes with an error, later
    /// writes are refused, and what the peer read is an in-order prefix of what was accepted.
    @Test func losingThePeerMidBatchClosesAndRefuses() async throws {
      let pair = try ChannelPair(maxPendingBytes: 64 << 20, sendBuffer: 8_192)
      var accepted: [UInt8] = []
      for frame in mixedFrames(count: 600, seed: 0xDEAD) {
        #expect(pair.channel.write(frame, flushNow: false))
        accepted.append(contentsOf: frame)
      }
      let prefix = try await pair.receive(atLeast: 20_000)
      close(pair.reader)
      #expect(prefix == Array(accepted[0..<prefix.count]))
      // Keep writing until the loss is seen: the channel must close, whatever was queued.
      let closed = await eventually(seconds: 10) {
        _ = pair.channel.write([1, 2, 3], flushNow: true)
        return pair.delegate.closed != nil
      }
      #expect(closed)
      #expect(pair.channel.write([4], flushNow: true) == false)
      #expect(pair.channel.write([5], flushNow: false) == false)
    }
  }
}
