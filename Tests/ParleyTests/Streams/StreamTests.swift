import Foundation
import Parley
import Synchronization
import Testing

extension RuntimeSocketSuites {
  /// `stream` methods end to end over a Unix socket: order, flow control, ends, cancellation,
  /// limits and large payloads.
  @Suite struct StreamTests {
    /// Items in the long stream: 10⁵ by default, `PARLEY_STREAM_ITEMS` (e.g. 1000000 in release).
    static let manyItems =
      ProcessInfo.processInfo.environment["PARLEY_STREAM_ITEMS"].flatMap(Int.init) ?? 100_000
    /// MiB in the large Bytes stream: 32 by default (a debug build moves about 2 MiB/s through
    /// base64, JSON and SHA-256), `PARLEY_STREAM_MIB=256` for the full-size run.
    static let largeMiB = ProcessInfo.processInfo.environment["PARLEY_STREAM_MIB"].flatMap(Int.init) ?? 32

    @Test func manySmallItemsArriveCompleteAndInOrder() async throws {
      let harness = try await Harness.make(.unix, services: [streamService()])
      let n = Self.manyItems
      let started = ContinuousClock.now
      let items = try await harness.connection.openStream("count", #"{"n":\#(n)}"#)
      var expected = 0
      var outOfOrder = 0
      for try await item in items {
        if Int(utf8Text(item)) != expected { outOfOrder += 1 }
        expected += 1
      }
      let elapsed = ContinuousClock.now - started
      print("stream of \(n) items: \(elapsed)")
      #expect(expected == n)
      #expect(outOfOrder == 0)
      #expect(items.maxBufferedItems <= StreamDefaults.initialCredit)
      await harness.tearDown()
    }

    @Test func fastProducerSlowConsumerStaysBounded() async throws {
      let produced = Counter()
      let harness = try await Harness.make(.unix, services: [streamService(produced: produced)])
      let window = 8
      let items = try await harness.connection.openStream(
        "count", #"{"n":400}"#, options: CallOptions(streamCredit: window))
      var consumed = 0
      var maxAhead = 0
      for try await item in items {
        #expect(Int(utf8Text(item)) == consumed)
        consumed += 1
        // The consumer is slow (the producer only sends): give the producer every chance to run ahead.
        try await Task.sleep(for: .microseconds(500))
        maxAhead = max(maxAhead, produced.value - consumed)
      }
      #expect(consumed == 400)
      #expect(items.maxBufferedItems <= window)
      #expect(maxAhead <= window)
      print("slow consumer: max buffered \(items.maxBufferedItems), producer at most \(maxAhead) ahead")
      await harness.tearDown()
    }

    @Test func emptyStream() async throws {
      let harness = try await Harness.make(.unix, services: [streamService()])
      var count = 0
      for try await _ in try await harness.connection.openStream("empty") { count += 1 }
      #expect(count == 0)
      await harness.tearDown()
    }

    @Test func streamEndingWithAnError() async throws {
      let harness = try await Harness.make(.unix, services: [streamService()])
      var received: [String] = []
      let error = await expectParleyError(.application) {
        for try await item in try await harness.connection.openStream("failAfterTwo") {
          received.append(utf8Text(item))
        }
      }
      #expect(received == ["1", "2"])
      #expect(error?.application?.name == "Exhausted")
      #expect(error?.application?.code == 409)
      #expect(error?.mayHaveRun == true)
      await expectParleyError(.methodNotFound) {
        for try await _ in try await harness.connection.openStream("nope") {}
      }
      await harness.tearDown()
    }

    @Test func breakingOutOfTheLoopCancelsTheHandler() async throws {
      let cancelled = Counter()
      let harness = try await Harness.make(.unix, services: [streamService(cancelled: cancelled)])
      var count = 0
      for try await _ in try await harness.connection.openStream("forever") {
        count += 1
        if count == 5 { break }
      }
      #expect(await eventually { cancelled.value == 1 })
      #expect(await eventually { harness.server.inFlightCalls == 0 })
      await harness.tearDown()
    }

    @Test func cancellingTheConsumingTaskCancelsTheHandler() async throws {
      let cancelled = Counter()
      let harness = try await Harness.make(.unix, services: [streamService(cancelled: cancelled)])
      let connection = harness.connection
      let consumer = Task {
        var count = 0
        for try await _ in try await connection.openStream("idle") { count += 1 }
        return count
      }
      try await Task.sleep(for: .milliseconds(50))
      consumer.cancel()
      await expectParleyError(.cancelled) { _ = try await consumer.value }
      #expect(await eventually { cancelled.value == 1 })
      await harness.tearDown()
    }

    @Test func streamDeadline() async throws {
      let harness = try await Harness.make(.unix, services: [streamService()])
      await expectParleyError(.timeout) {
        for try await _ in try await harness.connection.openStream(
          "idle", options: CallOptions(timeout: .milliseconds(100)))
        {}
      }
      await harness.tearDown()
    }

    @Test func concurrentStreamLimit() async throws {
      var configuration = ServerConfiguration()
      configuration.maxConcurrentStreamsPerConnection = 2
      let cancelled = Counter()
      let harness = try await Harness.make(
        .unix, services: [streamService(cancelled: cancelled)], server: configuration)
      let first = try await harness.connection.openStream("idle")
      let second = try await harness.connection.openStream("idle")
      #expect(await eventually { harness.server.inFlightCalls == 2 })
      let error = await expectParleyError(.overloaded) {
        for try await _ in try await harness.connection.openStream("idle") {}
      }
      #expect(error?.mayHaveRun == false)
      first.cancel()
      second.cancel()
      #expect(await eventually { cancelled.value == 2 })
      // With a slot free again, a new stream runs.
      var count = 0
      for try await _ in try await harness.connection.openStream("count", #"{"n":3}"#) { count += 1 }
      #expect(count == 3)
      await harness.tearDown()
    }

    @Test func largeBytesStreamKeepsMemoryFlat() async throws {
      let harness = try await Harness.make(.unix, services: [streamService()])
      let mib = Self.largeMiB
      var hash = SHA256()
      var chunks = 0
      var serverDigest = ""
      let before = residentKiB()
      var peak = before ?? 0
      let started = ContinuousClock.now
      for try await item in try await harness.connection.openStream(
        "bytes", #"{"mib":\#(mib)}"#, options: CallOptions(streamCredit: 4))
      {
        let text = String(decoding: item.dropFirst().dropLast(), as: UTF8.self)
        if chunks == mib {
          serverDigest = text
        } else {
          guard let data = Data(base64Encoded: text) else {
            Issue.record("chunk \(chunks) is not base64")
            break
          }
          data.withUnsafeBytes { hash.update($0) }
        }
        chunks += 1
        if chunks % 16 == 0, let now = residentKiB() { peak = max(peak, now) }
      }
      let elapsed = ContinuousClock.now - started
      #expect(chunks == mib + 1)
      #expect(hex(hash.finalize()) == serverDigest)
      if let before {
        let growthMiB = (peak - before) / 1024
        print("\(mib) MiB streamed in \(elapsed); resident memory grew by at most \(growthMiB) MiB")
        #expect(growthMiB < 64)
      }
      await harness.tearDown()
    }
  }
}

extension RuntimeSocketSuites.StreamTests {
  @Test func typedStreamDecodesItemsAndMapsTheEnd() async throws {
    struct Exhausted: Error { var name: String }
    var service = ServiceRegistration(contract: "test.typed", version: 1, service: "Typed")
    service.stream("numbers") { _, writer in
      let typed = ParleyTypedStreamWriter<Int>(writer) { Array(String($0).utf8) }
      for n in [3, 1, 2] { try await typed.send(n) }
      throw ParleyError.application(code: 1, name: "Exhausted", message: "done")
    }
    let harness = try await Harness.make(.unix, services: [service])
    let raw = try await harness.connection.stream(
      contract: "test.typed", version: 1, service: "Typed", method: "numbers", payload: [])
    let numbers = ParleyTypedStream<Int>(raw, decode: { Int(utf8Text($0)) ?? -1 }) { error in
      error.application.map { Exhausted(name: $0.name) as any Error } ?? error
    }
    var received: [Int] = []
    do {
      for try await n in numbers { received.append(n) }
      Issue.record("expected the stream to end with Exhausted")
    } catch let error as Exhausted {
      #expect(error.name == "Exhausted")
    }
    #expect(received == [3, 1, 2])
    await harness.tearDown()
  }
}
