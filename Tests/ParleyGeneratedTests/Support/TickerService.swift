import Foundation
import Parley
import Synchronization

/// What the `Ticker` handler reports to the tests: the writer of the stream it is serving (for
/// the flow-control observables) and whether `forever` was cancelled.
final class TickerProbe: Sendable {
  private struct State {
    var writer: StreamWriter?
    var foreverStarted = false
    var foreverCancelled = false
  }

  private let state = Mutex(State())

  /// The writer of the most recent stream the handler served.
  var writer: StreamWriter? { state.withLock { $0.writer } }
  /// Whether a `forever` handler has started.
  var foreverStarted: Bool { state.withLock { $0.foreverStarted } }
  /// Whether a `forever` handler ended by cancellation.
  var foreverCancelled: Bool { state.withLock { $0.foreverCancelled } }

  func serving(_ writer: StreamWriter) { state.withLock { $0.writer = writer } }
  func startedForever() { state.withLock { $0.foreverStarted = true } }
  func cancelledForever() { state.withLock { $0.foreverCancelled = true } }
}

/// The bytes of a generated file: SplitMix64 words from a seed, cut into chunks, so the sender
/// and the receiver can both produce them without holding the file.
enum FileSource {
  /// Chunk `index` (of `chunkSize` bytes, the last one shorter) of a `size`-byte file.
  static func chunk(seed: UInt64, size: Int64, chunkSize: Int, index: Int) -> Data {
    let start = Int64(index) * Int64(chunkSize)
    let count = Int(max(0, min(Int64(chunkSize), size - start)))
    var random = GeneratedRandom(seed: seed &+ UInt64(index))
    var words = [UInt64](repeating: 0, count: (count + 7) / 8)
    for word in words.indices { words[word] = random.next() }
    return words.withUnsafeBytes { Data($0.prefix(count)) }
  }

  /// The number of chunks of a `size`-byte file.
  static func chunkCount(size: Int64, chunkSize: Int) -> Int {
    Int((size + Int64(chunkSize) - 1) / Int64(chunkSize))
  }
}

/// A running checksum (FNV-1a over 64-bit words, the tail byte by byte).
struct Checksum {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
  private(set) var bytes: Int64 = 0

  mutating func add(_ data: Data) {
    bytes += Int64(data.count)
    data.withUnsafeBytes { buffer in
      let words = buffer.count / 8
      for index in 0..<words {
        value = (value ^ buffer.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) &* 0x100_0000_01b3
      }
      for index in (words * 8)..<buffer.count {
        value = (value ^ UInt64(buffer[index])) &* 0x100_0000_01b3
      }
    }
  }
}

/// Fails a stream with an error that is not the contract's (must reach callers as `INTERNAL`).
struct TickerSecret: Error {}

/// The `Ticker` implementation the stream tests run against.
struct TickerHandler: GenStreams.TickerHandler {
  let probe: TickerProbe

  func count(
    _ request: GenStreams.CountRequest, writer: ParleyTypedStreamWriter<GenStreams.Tick>, call: IncomingCall
  ) async throws {
    probe.serving(writer.raw)
    if request.failAfter == -1 { throw TickerSecret() }
    for index in 0..<request.count {
      if let failAfter = request.failAfter, index == failAfter {
        throw GenStreams.TickLimit(after: failAfter)
      }
      try await writer.send(GenStreams.Tick(index: index))
    }
  }

  func legacyCount(
    _ request: GenStreams.CountRequest, writer: ParleyTypedStreamWriter<GenStreams.Tick>, call: IncomingCall
  ) async throws {
    try await count(request, writer: writer, call: call)
  }

  func squares(
    _ request: GenStreams.CountRequest, writer: ParleyTypedStreamWriter<Int64>, call: IncomingCall
  ) async throws {
    for index in 0..<Int64(request.count) { try await writer.send(index * index) }
  }

  func forever(writer: ParleyTypedStreamWriter<GenStreams.Tick>, call: IncomingCall) async throws {
    probe.serving(writer.raw)
    probe.startedForever()
    var index: Int32 = 0
    do {
      while true {
        try await writer.send(GenStreams.Tick(index: index))
        index &+= 1
      }
    } catch {
      if Task.isCancelled || error is CancellationError { probe.cancelledForever() }
      throw error
    }
  }

  func download(
    _ request: GenStreams.FileRequest, writer: ParleyTypedStreamWriter<GenStreams.Chunk>, call: IncomingCall
  ) async throws {
    probe.serving(writer.raw)
    let chunkSize = Int(request.chunkSize)
    for index in 0..<FileSource.chunkCount(size: request.size, chunkSize: chunkSize) {
      let data = FileSource.chunk(seed: request.seed, size: request.size, chunkSize: chunkSize, index: index)
      try await writer.send(GenStreams.Chunk(data: data))
    }
  }
}

/// Waits until `condition` holds, polling every 5 ms, for at most `timeout`; returns whether it
/// held.
func waitUntil(timeout: Duration = .seconds(20), _ condition: () -> Bool) async -> Bool {
  let deadline = ContinuousClock.now + timeout
  while ContinuousClock.now < deadline {
    if condition() { return true }
    try? await Task.sleep(for: .milliseconds(5))
  }
  return condition()
}

/// Runs `body` with a time limit; throws `TIMEOUT` when it is exceeded (and cancels `body`).
func withTimeLimit<T: Sendable>(
  _ limit: Duration = .seconds(30), _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
  try await withThrowingTaskGroup(of: T?.self) { group in
    group.addTask { try await body() }
    group.addTask {
      try await Task.sleep(for: limit)
      return nil
    }
    guard let first = try await group.next(), let value = first else {
      group.cancelAll()
      throw ParleyError(.timeout, "the test step took longer than \(limit)")
    }
    group.cancelAll()
    return value
  }
}

/// The resident set size of this process in bytes (Linux; `nil` elsewhere).
func residentBytes() -> Int? {
  #if os(Linux)
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  #else
    return nil
  #endif
}
