#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes one channel still has to send, in write order.
///
/// Each write is kept as the array its writer handed over (no copy, however large), and a
/// partial send only moves an offset into the first one: a 1 MiB frame that leaves in pieces
/// is never shifted or re-copied. ``gather(into:capacity:)`` describes the front of the queue
/// as an `iovec` list, so one `sendmsg` sends many frames.
///
/// Not thread-safe: the owning channel keeps it behind its lock. Only the thread that flushes
/// (the one that set the channel's `flushing` flag) gathers and consumes; other threads only
/// append. Appending never moves the bytes of queued arrays, so the pointers a flusher gathered
/// stay valid while others append (only ``consume(_:)`` and ``removeAll()`` release arrays).
struct OutboundQueue {
  private var chunks: [[UInt8]] = []
  /// Index of the first array that is not fully sent.
  private var head = 0
  /// Bytes of `chunks[head]` already sent.
  private var headOffset = 0
  /// Bytes not sent yet.
  private(set) var byteCount = 0

  /// Whether nothing is waiting.
  var isEmpty: Bool { byteCount == 0 }

  /// Writes (frames) not fully sent yet.
  var writeCount: Int { chunks.count - head }

  /// Queues `bytes` after everything queued before.
  mutating func append(_ bytes: [UInt8]) {
    guard !bytes.isEmpty else { return }
    chunks.append(bytes)
    byteCount += bytes.count
  }

  /// Describes up to `capacity` arrays from the front (the first from its unsent offset) as
  /// `iovec`s; returns how many were filled (0 when empty).
  ///
  /// The pointers stay valid until the bytes are consumed or the queue is emptied, which only
  /// the flushing thread does.
  func gather(into vectors: UnsafeMutablePointer<iovec>, capacity: Int) -> Int {
    var filled = 0
    var index = head
    while filled < capacity, index < chunks.count {
      let offset = index == head ? headOffset : 0
      let (base, count) = chunks[index].withUnsafeBytes { ($0.baseAddress, $0.count) }
      if let base, count > offset {
        vectors[filled] = iovec(
          iov_base: UnsafeMutableRawPointer(mutating: base + offset), iov_len: count - offset)
        filled += 1
      }
      index += 1
    }
    return filled
  }

  /// Marks the first `count` queued bytes as sent, releasing arrays sent in full.
  mutating func consume(_ count: Int) {
    var remaining = min(count, byteCount)
    byteCount -= remaining
    while remaining > 0, head < chunks.count {
      let left = chunks[head].count - headOffset
      if remaining < left {
        headOffset += remaining
        return
      }
      remaining -= left
      chunks[head] = []
      head += 1
      headOffset = 0
    }
    if head == chunks.count {
      chunks.removeAll(keepingCapacity: chunks.capacity <= 1024)
      head = 0
    } else if head >= 64, head * 2 >= chunks.count {
      chunks.removeFirst(head)
      head = 0
    }
  }

  /// Empties the queue; returns the unsent bytes as one array (for a last best-effort send).
  mutating func removeAll() -> [UInt8] {
    var rest: [UInt8] = []
    if head < chunks.count {
      rest.reserveCapacity(byteCount)
      rest.append(contentsOf: chunks[head][headOffset...])
      for chunk in chunks[(head + 1)...] { rest.append(contentsOf: chunk) }
    }
    chunks = []
    head = 0
    headOffset = 0
    byteCount = 0
    return rest
  }
}
