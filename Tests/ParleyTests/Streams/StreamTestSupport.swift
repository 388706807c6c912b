import Foundation
import Parley
import Synchronization

/// A `test.streams` v1 `Streams` service whose stream methods exercise the runtime.
func streamService(produced: Counter? = nil, cancelled: Counter? = nil) -> ServiceRegistration {
  var service = ServiceRegistration(contract: "test.streams", version: 1, service: "Streams")
  // Sends the numbers 0..<n (`{"n":…}` in the request) as JSON numbers.
  service.stream("count") { call, writer in
    let n = Int(utf8Text(call.payload).filter(\.isNumber)) ?? 0
    for index in 0..<n {
      try await writer.send(Array(String(index).utf8))
      produced?.increment()
    }
  }
  service.stream("empty") { _, _ in }
  service.stream("failAfterTwo") { _, writer in
    try await writer.send(utf8Bytes("1"))
    try await writer.send(utf8Bytes("2"))
    throw ParleyError.application(
      code: 409, name: "Exhausted", message: "no more items", payload: utf8Bytes(#"{"after":2}"#))
  }
  // Sends until cancelled; counts the cancellation.
  service.stream("forever") { _, writer in
    do {
      while true { try await writer.send(utf8Bytes("0")) }
    } catch {
      cancelled?.increment()
      throw error
    }
  }
  // Waits until cancelled without sending anything.
  service.stream("idle") { _, _ in
    do { try await Task.sleep(for: .seconds(60)) } catch {
      cancelled?.increment()
      throw error
    }
  }
  // Sends `{"mib":N}` MiB of seeded pseudo-random bytes in 1 MiB chunks, each a JSON string of
  // base64, then a last item: the SHA-256 of all the raw bytes, in hex.
  service.stream("bytes") { call, writer in
    let mib = Int(utf8Text(call.payload).filter(\.isNumber)) ?? 0
    var random = RuntimeRandom(seed: 0x5EED)
    var hash = SHA256()
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    for _ in 0..<mib {
      fillRandom(&chunk, &random)
      chunk.withUnsafeBytes { hash.update($0) }
      try await writer.send(Array("\"\(Data(chunk).base64EncodedString())\"".utf8))
    }
    try await writer.send(Array("\"\(hex(hash.finalize()))\"".utf8))
  }
  return service
}

/// Fills `bytes` from `random`, 8 bytes at a time.
func fillRandom(_ bytes: inout [UInt8], _ random: inout RuntimeRandom) {
  bytes.withUnsafeMutableBytes { raw in
    let words = raw.bindMemory(to: UInt64.self)
    for index in words.indices { words[index] = random.next() }
  }
}

/// Lowercase hexadecimal.
func hex(_ bytes: [UInt8]) -> String {
  let digits = Array("0123456789abcdef".utf8)
  var text: [UInt8] = []
  for byte in bytes {
    text.append(digits[Int(byte >> 4)])
    text.append(digits[Int(byte & 15)])
  }
  return String(decoding: text, as: UTF8.self)
}

/// The resident set size of this process in KiB (`VmRSS` of `/proc/self/status`), if known.
func residentKiB() -> Int? {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
  for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
    return Int(line.filter(\.isNumber))
  }
  return nil
}

extension ClientConnection {
  /// Opens `test.streams` v1 `Streams.<method>`.
  func openStream(_ method: String, _ payload: String = "{}", options: CallOptions = CallOptions())
    async throws -> ParleyStream
  {
    try await stream(
      contract: "test.streams", version: 1, service: "Streams", method: method, payload: utf8Bytes(payload),
      options: options)
  }
}

/// A shared counter for tests.
final class Counter: Sendable {
  private let atomic = Atomic<Int>(0)
  /// Adds one.
  func increment() { atomic.add(1, ordering: .relaxed) }
  /// The current count.
  var value: Int { atomic.load(ordering: .relaxed) }
}
