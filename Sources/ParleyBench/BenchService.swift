import Parley
import Synchronization

/// The service every benchmark and the child-process tests call: `bench.echo` v1 `Echo`.
///
/// - `echo`: returns its payload.
/// - `sleep`: waits 60 s (child-process tests kill the server under it).
/// - `note` (oneway): counts the message; `received` returns the count so far as a JSON number.
/// - `chunks` (stream): the payload is a JSON number N; sends N items of ``chunk`` (1 MiB each).
enum BenchService {
  static let contract = "bench.echo"
  static let service = "Echo"

  /// Oneway messages `note` received by this process.
  static let onewaysReceived = Atomic<Int>(0)

  static func registration() -> ServiceRegistration {
    var service = ServiceRegistration(contract: contract, version: 1, service: service)
    service.method("echo") { call in call.payload }
    service.method("sleep") { call in
      try await Task.sleep(for: .seconds(60))
      return call.payload
    }
    service.oneway("note") { _ in onewaysReceived.add(1, ordering: .relaxed) }
    service.method("received") { _ in Array(String(onewaysReceived.load(ordering: .relaxed)).utf8) }
    service.stream("chunks") { call, writer in
      guard let count = Int(String(decoding: call.payload, as: UTF8.self)), count >= 0 else {
        throw ParleyError(.decodeFailed, "chunks wants a JSON number ≥ 0")
      }
      for _ in 0..<count { try await writer.send(chunk) }
    }
    return service
  }

  /// A JSON payload of exactly `size` bytes (at least 32): `{"id":"ord_42","note":"xx…"}`.
  static func payload(size: Int) -> [UInt8] {
    let text = #"{"id":"ord_42","note":"#
    let pad = String(repeating: "x", count: max(0, size - text.utf8.count - 3))
    return Array((text + "\"" + pad + "\"}").utf8)
  }

  /// The 64-byte JSON payload.
  static let payload: [UInt8] = payload(size: 64)

  /// One stream item: a JSON string of exactly 1 MiB (1,048,576 bytes with its quotes).
  static let chunkSize = 1 << 20
  static let chunk: [UInt8] = [0x22] + [UInt8](repeating: 0x61, count: chunkSize - 2) + [0x22]
}
