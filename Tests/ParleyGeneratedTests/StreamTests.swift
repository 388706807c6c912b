import Foundation
import Parley
import Testing

/// Generated `stream` methods (client `AsyncSequence`, handler writer) over a real Unix socket.
@Suite("Generated streams over a socket", .timeLimit(.minutes(2)))
struct StreamTests {
  /// Starts a server with `TickerHandler`, runs `body` with a connected client, cleans up.
  static func withTicker(
    _ body: (GenStreams.TickerClient, TickerProbe) async throws -> Void
  ) async throws {
    let probe = TickerProbe()
    try await withServedConnection([TickerHandler(probe: probe).parleyRegistration()]) { connection in
      try await body(GenStreams.TickerClient(connection), probe)
    }
  }

  @Test func manyItemsArriveCompleteAndInOrder() async throws {
    let total: Int32 = 20_000
    try await Self.withTicker { client, _ in
      try await withTimeLimit {
        var expected: Int32 = 0
        for try await tick in try await client.count(count: total) {
          #expect(tick.index == expected)
          expected += 1
        }
        #expect(expected == total)
      }
    }
  }

  @Test func itemsThatAreNotMessages() async throws {
    try await Self.withTicker { client, _ in
      try await withTimeLimit {
        var squares: [Int64] = []
        for try await square in try await client.squares(count: 5) { squares.append(square) }
        #expect(squares == [0, 1, 4, 9, 16])
      }
    }
  }

  @Test func anEmptyStreamEndsAtOnce() async throws {
    try await Self.withTicker { client, _ in
      try await withTimeLimit {
        var received = 0
        for try await _ in try await client.count(count: 0) { received += 1 }
        #expect(received == 0)
      }
    }
  }

  /// The consumer takes one item per millisecond while the producer could send thousands: the
  /// writer waits for credit, so neither side ever holds more than one window.
  @Test func aFastProducerStaysBoundedBehindASlowConsumer() async throws {
    let window = 8
    try await Self.withTicker { client, probe in
      try await withTimeLimit {
        let items = try await client.count(count: 300, options: CallOptions(streamCredit: window))
        var consumed = 0
        var mostAhead = 0
        for try await tick in items {
          #expect(tick.index == Int32(consumed))
          consumed += 1
          let sent = probe.writer?.itemsSent ?? 0
          mostAhead = max(mostAhead, sent - consumed)
          #expect(sent <= consumed + window, "the producer ran \(sent - consumed) items ahead")
          try await Task.sleep(for: .milliseconds(1))
        }
        #expect(consumed == 300)
        #expect(items.raw.maxBufferedItems <= window)
        #expect(items.raw.receivedItems == 300)
        #expect(mostAhead > 0, "the producer was never ahead: the test did not exercise flow control")
      }
    }
  }

  @Test func aDeclaredErrorEndsTheStreamAsItsSwiftType() async throws {
    try await Self.withTicker { client, _ in
      try await withTimeLimit {
        var received: [Int32] = []
        await #expect(throws: GenStreams.TickLimit(after: 3)) {
          for try await tick in try await client.count(count: 10, failAfter: 3) {
            received.append(tick.index)
          }
        }
        #expect(received == [0, 1, 2])
      }
    }
  }

  @Test func anUndeclaredErrorEndsTheStreamAsInternal() async throws {
    try await Self.withTicker { client, _ in
      try await withTimeLimit {
        do {
          for try await _ in try await client.count(count: 10, failAfter: -1) {}
          Issue.record("expected INTERNAL")
        } catch let error as ParleyError {
          #expect(error.code == .internal)
          #expect(!error.message.contains("TickerSecret"))
        }
      }
    }
  }

  @Test func anInvalidRequestIsRefusedBeforeTheHandler() async throws {
    try await Self.withTicker { client, probe in
      try await withTimeLimit {
        do {
          for try await _ in try await client.count(count: -1) {}
          Issue.record("expected VALIDATION_FAILED")
        } catch let error as ParleyError {
          #expect(error.code == .validationFailed)
          #expect(error.violations.map(\.path) == ["count"])
          #expect(!error.mayHaveRun)
        }
        #expect(probe.writer == nil)
      }
    }
  }

  @Test func leavingTheLoopCancelsTheHandler() async throws {
    try await Self.withTicker { client, probe in
      try await withTimeLimit {
        var received = 0
        for try await _ in try await client.forever(options: CallOptions(streamCredit: 4)) {
          received += 1
          if received == 10 { break }
        }
        #expect(received == 10)
      }
      #expect(await waitUntil { probe.foreverCancelled }, "the handler was not cancelled")
    }
  }

  @Test func cancellingTheIteratingTaskCancelsTheHandler() async throws {
    try await Self.withTicker { client, probe in
      let items = try await client.forever(options: CallOptions(streamCredit: 4))
      let consumer = Task {
        var received = 0
        do {
          for try await _ in items { received += 1 }
          return ParleyError.Code.internal  // ended without an error: wrong
        } catch {
          return (error as? ParleyError)?.code ?? .internal
        }
      }
      #expect(await waitUntil { probe.foreverStarted && (probe.writer?.itemsSent ?? 0) >= 4 })
      consumer.cancel()
      let code = try await withTimeLimit { await consumer.value }
      #expect(code == .cancelled)
      #expect(await waitUntil { probe.foreverCancelled }, "the handler was not cancelled")
    }
  }

  /// A file moved as `Bytes` chunks: every byte arrives (checksum), and memory stays flat: the
  /// consumer checksums and drops each chunk, the caller buffers at most one window.
  @Test func aLargeFileMovesAsChunksWithFlatMemory() async throws {
    let size =
      Int64(
        ProcessInfo.processInfo.environment["PARLEY_GENERATED_STREAM_MIB"].flatMap { Int64($0) } ?? 64) << 20
    let chunkSize = 256 << 10
    let window = 4
    let seed: UInt64 = 0x5EED_F11E
    try await Self.withTicker { client, _ in
      try await withTimeLimit(.seconds(90)) {
        var expected = Checksum()
        for index in 0..<FileSource.chunkCount(size: size, chunkSize: chunkSize) {
          expected.add(FileSource.chunk(seed: seed, size: size, chunkSize: chunkSize, index: index))
        }
        let chunkCount = FileSource.chunkCount(size: size, chunkSize: chunkSize)
        let before = residentBytes()
        var atQuarter: Int?
        var peak = before ?? 0
        var received = Checksum()
        var chunks = 0
        let file = try await client.download(
          size: size, chunkSize: Int32(chunkSize), seed: seed, options: CallOptions(streamCredit: window))
        for try await chunk in file {
          received.add(chunk.data)
          chunks += 1
          if chunks % 16 == 0, let now = residentBytes() { peak = max(peak, now) }
          if chunks == chunkCount / 4 { atQuarter = residentBytes() }
        }
        #expect(chunks == chunkCount)
        #expect(received.bytes == size)
        #expect(received.value == expected.value)
        #expect(file.raw.maxBufferedItems <= window)
        // Measured: about 10 MiB of growth for 64 MiB and for 256 MiB files, all of it while the
        // first chunks flow (buffers and allocator arenas); keeping the chunks would add the file.
        if let before, let atQuarter {
          #expect(peak - before < Int(size / 2), "resident memory grew by \((peak - before) >> 20) MiB")
          #expect(
            peak - atQuarter < Int(size / 3),
            "resident memory grew by \((peak - atQuarter) >> 20) MiB after the first quarter of the file")
        }
      }
    }
  }

  /// A generated client on a reconnecting `ParleyClient` opens its streams on the client's
  /// current connection; without one (after `close()`) it fails with `NOT_CONNECTED`.
  @Test func aGeneratedClientOnAParleyClientStreams() async throws {
    let fixture = try await TestServer.start([TickerHandler(probe: TickerProbe()).parleyRegistration()])
    let parley = try await ParleyClient.connect(to: fixture.endpoint)
    let client = GenStreams.TickerClient(parley)
    do {
      try await withTimeLimit {
        var indices: [Int32] = []
        for try await tick in try await client.count(count: 5) { indices.append(tick.index) }
        #expect(indices == [0, 1, 2, 3, 4])
      }
      await parley.close()
      do {
        _ = try await client.count(count: 1)
        Issue.record("expected NOT_CONNECTED")
      } catch let error as ParleyError {
        #expect(error.code == .notConnected)
        #expect(!error.mayHaveRun)
      }
    } catch {
      await parley.close()
      await fixture.stop()
      throw error
    }
    await fixture.stop()
  }

  /// The same generated client through a gateway: items in order under flow control, a
  /// declared error as its Swift type, and an early exit cancels the handler at the instance.
  @Test func throughAGateway() async throws {
    let probe = TickerProbe()
    try await withTickerGateway(probe: probe) { _, caller in
      let client = GenStreams.TickerClient(caller)
      try await withTimeLimit {
        var indices: [Int32] = []
        for try await tick in try await client.count(count: 500, options: CallOptions(streamCredit: 8)) {
          indices.append(tick.index)
        }
        #expect(indices == Array(0..<500))
        await #expect(throws: GenStreams.TickLimit(after: 2)) {
          for try await _ in try await client.count(count: 10, failAfter: 2) {}
        }
        var received = 0
        for try await _ in try await client.forever(options: CallOptions(streamCredit: 4)) {
          received += 1
          if received == 10 { break }
        }
      }
      #expect(await waitUntil { probe.foreverCancelled }, "the handler was not cancelled")
    }
  }

  @Test func aStreamOnATransportWithoutStreamsFailsClearly() async throws {
    struct CallsOnly: ParleyCallTransport {
      var codec: WireCodec { .json }
      nonisolated(nonsending) func call(
        contract: String, version: Int, service: String, method: String, payload: [UInt8],
        payloadCodec: WireCodec, options: CallOptions
      ) async throws -> [UInt8] { [] }
      func oneway(
        contract: String, version: Int, service: String, method: String, payload: [UInt8],
        payloadCodec: WireCodec
      ) throws {}
    }
    let client = GenStreams.TickerClient(CallsOnly())
    do {
      _ = try await client.count(count: 1)
      Issue.record("expected NOT_CONNECTED")
    } catch let error as ParleyError {
      #expect(error.code == .notConnected)
      #expect(!error.mayHaveRun)
    }
  }
}
