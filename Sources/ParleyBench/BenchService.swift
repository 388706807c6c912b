import Parley

/// The service every benchmark and the child-process tests call: `bench.echo` v1 `Echo`.
enum BenchService {
  static let contract = "bench.echo"
  static let service = "Echo"

  static func registration() -> ServiceRegistration {
    var service = ServiceRegistration(contract: contract, version: 1, service: service)
    service.method("echo") { call in call.payload }
    service.method("sleep") { call in
      try await Task.sleep(for: .seconds(60))
      return call.payload
    }
    return service
  }

  /// A 64-byte JSON payload.
  static let payload: [UInt8] = {
    let text = #"{"id":"ord_42","note":"#
    let pad = String(repeating: "x", count: 64 - text.utf8.count - 3)
    return Array((text + "\"" + pad + "\"}").utf8)
  }()
}
