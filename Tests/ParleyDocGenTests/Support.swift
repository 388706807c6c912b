import Foundation
import ParleyDocGen
import ParleyFrontEnd
import Testing

/// Shared helpers for the docs generator tests.
enum DocGenFixtures {
  /// The repository root (three levels above this file).
  static let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// The example contracts in `Contracts/`, resolved.
  static let exampleContracts: ContractSet = {
    let root = repositoryRoot + "/Contracts"
    let names = [
      "common/common.ipc", "inventory/inventory.ipc", "orders/orders.ipc", "roles/roles.ipc",
      "showcase/showcase.ipc", "users/users.ipc",
    ]
    let result = FrontEnd.load(paths: names.map { root + "/" + $0 }, options: FrontEnd.Options(root: root))
    return result.contracts
  }()

  /// Loads in-memory contracts and expects no front-end errors.
  static func load(_ sources: [String: String]) -> ContractSet {
    let result = FrontEnd.load(sources: sources)
    #expect(!result.hasErrors, "\(result.diagnostics)")
    return result.contracts
  }

  /// A fresh temporary folder.
  static func temporaryDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parley-docgen-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }
}
