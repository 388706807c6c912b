import Foundation
import Parley
import Synchronization
import Testing

/// The numbers the oneway `Burst.note` received, in the order its handlers ran.
private final class Notes: Sendable {
  private let numbers = Mutex<[Int]>([])
  func record(_ number: Int) { numbers.withLock { $0.append(number) } }
  var all: [Int] { numbers.withLock { $0 } }
}

/// The oneway `Burst.note` records the number in each payload; the stream `Burst.big` sends
/// `{"sizes":[…]}` items, each a JSON string of exactly that many bytes (a seeded letter pattern).
private func burstService(_ notes: Notes) -> ServiceRegistration {
  var service = ServiceRegistration(contract: "test.burst", version: 1, service: "Burst")
  service.oneway("note") { call in
    if let number = Int(utf8Text(call.payload)) { notes.record(number) }
  }
  service.stream("big") { call, writer in
    let sizes = utf8Text(call.payload).split { !$0.isNumber }.compactMap { Int($0) }
    for (index, size) in sizes.enumerated() {
      try await writer.send(bigItem(size: size, seed: UInt64(index)))
    }
  }
  return service
}

/// A JSON string of exactly `size` bytes (quotes included), its letters from a seeded PRNG.
private func bigItem(size: Int, seed: UInt64) -> [UInt8] {
  var random = RuntimeRandom(seed: seed)
  var item = [UInt8](repeating: 0x22, count: max(2, size))
  for index in 1..<(item.count - 1) { item[index] = 0x61 + UInt8(random.next() % 26) }
  return item
}

extension RuntimeSocketSuites {
  /// Batched writes end to end over a Unix socket: bursts of oneways and stream items larger
  /// than every socket and read buffer.
  @Suite struct WriteBatchingEndToEndTests {
    /// A burst of oneways sent back to back (they leave in shared system calls) is handled
    /// exactly once each, in the order sent, wherever handlers run. The server admits as many
    /// unfinished oneways as the burst holds, so none may be dropped.
    @Test(arguments: [HandlerExecution.pool, .startOnIOThread, .ioThread])
    func aBurstOfOnewaysIsHandledOnceEachInOrder(execution: HandlerExecution) async throws {
      let count = 5_000
      let notes = Notes()
      var server = ServerConfiguration()
      server.maxInFlightPerConnection = count
      server.handlerExecution = execution
      let harness = try await Harness.make(.unix, services: [burstService(notes)], server: server)
      try await sendNumberedOneways(
        count, on: harness.connection, contract: "test.burst", service: "Burst", method: "note")
      let all = await eventually(seconds: 30) { notes.all.count >= count }
      #expect(all)
      let received = notes.all
      #expect(received.count == count)
      #expect(received == Array(0..<count), "each oneway exactly once, in the order sent")
      await harness.tearDown()
    }

    /// Stream items of several MiB (and odd sizes around the read buffer's) round-trip byte-exact.
    @Test func bigStreamItemsRoundTripByteExact() async throws {
      let notes = Notes()
      let harness = try await Harness.make(.unix, services: [burstService(notes)])
      let sizes = [5 * 1024 * 1024 + 3, 256 * 1024 - 1, 256 * 1024 + 1, 2, 1 << 20]
      let request = #"{"sizes":[\#(sizes.map(String.init).joined(separator: ","))]}"#
      let items = try await harness.connection.stream(
        contract: "test.burst", version: 1, service: "Burst", method: "big", payload: utf8Bytes(request),
        options: CallOptions(streamCredit: 2))
      var index = 0
      for try await item in items {
        #expect(index < sizes.count)
        if index < sizes.count {
          #expect(item.count == sizes[index])
          #expect(item == bigItem(size: sizes[index], seed: UInt64(index)), "item \(index)")
        }
        index += 1
      }
      #expect(index == sizes.count)
      await harness.tearDown()
    }
  }
}
