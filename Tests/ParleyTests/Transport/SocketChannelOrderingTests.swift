import Foundation
import Testing

@testable import Parley

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ignores everything a channel reports: the test reads the peer's socket itself.
private final class SilentDelegate: ByteChannelDelegate {
  func channelRead(_ bytes: UnsafeRawBufferPointer) {}
  func channelReadComplete() {}
  func channelClosed(error: ParleyError?) {}
}

@Suite struct SocketChannelOrderingTests {
  /// Deferred writes (coalesced, flushed later on the loop thread) and immediate writes
  /// (`flushNow`) interleave; the peer must see every frame in the order it was written.
  @Test func aFlushedWriteNeverOvertakesQueuedDeferredWrites() async throws {
    let pair = try #require(nonBlockingUnixSocketPair())
    let reader = pair.1
    defer { close(reader) }
    let channel = SocketChannel(
      fd: pair.0, loop: EventLoop.group.next(), peerDescription: "ordering test", isUnix: true,
      maxPendingBytes: 1 << 20)
    let delegate = SilentDelegate()
    channel.start(delegate)

    let count = 3_000
    for index in 0..<count {
      let value = UInt32(index)
      let frame = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
      #expect(channel.write(frame, flushNow: index % 3 == 0))
    }

    var received: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    let deadline = ContinuousClock.now + .seconds(20)
    while received.count < count * 4, ContinuousClock.now < deadline {
      let got = chunk.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
      if got > 0 {
        received.append(contentsOf: chunk[0..<got])
      } else {
        try await Task.sleep(for: .milliseconds(2))
      }
    }
    channel.close()
    try #require(received.count == count * 4)
    let values = stride(from: 0, to: received.count, by: 4).map { offset in
      received[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }
    let firstOutOfOrder = values.indices.first { values[$0] != UInt32($0) }
    #expect(firstOutOfOrder == nil, "frame \(firstOutOfOrder ?? 0) arrived out of order")
  }
}
