import Testing

@testable import Parley

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The channel's write queue on its own: what `gather` describes, what `consume` releases, and
/// that partial sends in any place keep every byte exactly once and in order.
@Suite struct OutboundQueueTests {
  /// Reads what `count` gathered vectors describe, in order.
  private func described(_ vectors: UnsafeMutablePointer<iovec>, _ count: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    for index in 0..<count {
      guard let base = vectors[index].iov_base else { continue }
      bytes.append(contentsOf: UnsafeRawBufferPointer(start: base, count: Int(vectors[index].iov_len)))
    }
    return bytes
  }

  @Test func gathersWritesInOrderAndResumesInsideOne() {
    var queue = OutboundQueue()
    queue.append([1, 2, 3])
    queue.append([])
    queue.append([4, 5])
    queue.append([6, 7, 8, 9])
    #expect(queue.byteCount == 9)
    let vectors = UnsafeMutablePointer<iovec>.allocate(capacity: 8)
    defer { vectors.deallocate() }
    #expect(described(vectors, queue.gather(into: vectors, capacity: 8)) == [1, 2, 3, 4, 5, 6, 7, 8, 9])
    queue.consume(4)  // inside the second write
    #expect(queue.byteCount == 5)
    #expect(described(vectors, queue.gather(into: vectors, capacity: 8)) == [5, 6, 7, 8, 9])
    #expect(described(vectors, queue.gather(into: vectors, capacity: 1)) == [5])
    queue.consume(5)
    #expect(queue.isEmpty)
    #expect(queue.gather(into: vectors, capacity: 8) == 0)
  }

  @Test func removeAllReturnsTheUnsentRest() {
    var queue = OutboundQueue()
    queue.append([1, 2, 3])
    queue.append([4, 5])
    queue.consume(2)
    #expect(queue.removeAll() == [3, 4, 5])
    #expect(queue.isEmpty)
  }

  /// Many writes of random sizes, consumed in random steps (as partial sends would): the bytes
  /// described, concatenated over all steps, are exactly the bytes written.
  @Test func randomPartialSendsKeepEveryByteOnceInOrder() {
    var random = RuntimeRandom(seed: 0xB47C)
    var queue = OutboundQueue()
    var written: [UInt8] = []
    var sent: [UInt8] = []
    let vectors = UnsafeMutablePointer<iovec>.allocate(capacity: 16)
    defer { vectors.deallocate() }
    for round in 0..<2_000 {
      for _ in 0..<Int(random.next() % 4) {
        let size = Int(random.next() % (round % 50 == 0 ? 70_000 : 300))
        let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        written.append(contentsOf: bytes)
        queue.append(bytes)
      }
      let front = described(vectors, queue.gather(into: vectors, capacity: 16))
      let step = front.isEmpty ? 0 : Int(random.next() % UInt64(front.count + 1))
      sent.append(contentsOf: front[0..<step])
      queue.consume(step)
      #expect(queue.byteCount == written.count - sent.count)
    }
    while !queue.isEmpty {
      let front = described(vectors, queue.gather(into: vectors, capacity: 16))
      sent.append(contentsOf: front)
      queue.consume(front.count)
    }
    #expect(sent == written)
  }
}
