import Foundation
import Parley
import Synchronization

/// A ``ByteChannel`` that forwards to another and records every byte written through it: what a
/// client sent, as a network capture would see it.
final class CapturingChannel: ByteChannel {
  private let inner: any ByteChannel
  private let captured = Mutex<[UInt8]>([])

  init(_ inner: any ByteChannel) { self.inner = inner }

  /// Everything written so far.
  var bytes: [UInt8] { captured.withLock { $0 } }

  func start(_ delegate: any ByteChannelDelegate) { inner.start(delegate) }
  func write(_ bytes: [UInt8], flushNow: Bool) -> Bool {
    captured.withLock { $0 += bytes }
    return inner.write(bytes, flushNow: flushNow)
  }
  func close() { inner.close() }
  var pendingWriteBytes: Int { inner.pendingWriteBytes }
  var peerCredentials: PeerCredentials? { inner.peerCredentials }
  var peerDescription: String { inner.peerDescription }
  var eventLoop: EventLoopHandle { inner.eventLoop }
}

/// A hand-driven peer on one end of a channel: sends frames as given and collects the envelopes
/// that arrive, for exchanges a real client would never make (replays, silence).
final class RawPeer: ByteChannelDelegate {
  private struct State {
    var decoder = FrameDecoder(maxFrameSize: 1 << 20)
    var received: [Envelope] = []
    var closed = false
  }
  private let state = Mutex(State())
  let channel: any ByteChannel

  init(_ channel: any ByteChannel) {
    self.channel = channel
    channel.start(self)
  }

  var received: [Envelope] { state.withLock { $0.received } }
  var isClosed: Bool { state.withLock { $0.closed } }

  func send(_ envelope: Envelope) { channel.write(JSONEnvelopeCodec().frame(envelope)) }
  func send(frame: [UInt8]) { channel.write(frame) }
  func sendHello() {
    var hello = Envelope(kind: .hello)
    hello.hello = Hello(codecs: ["json"], name: "raw")
    send(hello)
  }

  func channelRead(_ bytes: UnsafeRawBufferPointer) {
    state.withLock { state in
      var frames: [[UInt8]] = []
      try? state.decoder.feed(bytes) { frames.append($0) }
      for frame in frames {
        if let envelope = try? JSONEnvelopeCodec().decode(frame) { state.received.append(envelope) }
      }
    }
  }
  func channelReadComplete() {}
  func channelClosed(error: ParleyError?) { state.withLock { $0.closed = true } }
}

/// Splits a byte stream into frame bodies (the stream must hold whole frames).
func frames(of bytes: [UInt8]) -> [[UInt8]] {
  var decoder = FrameDecoder(maxFrameSize: 1 << 20)
  var result: [[UInt8]] = []
  try? decoder.feed(bytes) { result.append($0) }
  return result
}

/// Whether `needle` occurs in `haystack`.
func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
  guard !needle.isEmpty, haystack.count >= needle.count else { return false }
  for start in 0...(haystack.count - needle.count)
  where haystack[start..<start + needle.count].elementsEqual(needle) {
    return true
  }
  return false
}

/// A 32-byte secret for tests.
func testSecret(_ fill: UInt8 = 0x5a) throws -> SharedSecret {
  try SharedSecret(bytes: (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 7) ^ fill })
}
