import Foundation
import ParleyFrontEnd
import Testing

/// Paths and helpers shared by the front-end tests.
enum TestSupport {
  /// The package root (three levels above this file).
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// `Contracts/` in the package.
  static var contractsDirectory: URL {
    packageRoot.appendingPathComponent("Contracts").resolvingSymlinksInPath()
  }

  /// Every `.ipc` file under `Contracts/`, as absolute paths sorted by bytes.
  static func exampleContractPaths() -> [String] {
    let base = contractsDirectory.path
    guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
    var paths: [String] = []
    while let next = enumerator.nextObject() as? String {
      if next.hasSuffix(".ipc") { paths.append(base + "/" + next) }
    }
    return paths.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
  }

  /// Loads every example contract from disk.
  static func loadExamples() -> FrontEnd.Result {
    FrontEnd.load(paths: exampleContractPaths(), options: FrontEnd.Options(root: contractsDirectory.path))
  }

  /// Loads one in-memory contract called `test.ipc`.
  static func load(_ text: String, path: String = "test.ipc") -> FrontEnd.Result {
    FrontEnd.load(sources: [path: text])
  }

  /// The rendered diagnostics of loading `sources`.
  static func rendered(_ sources: [String: String]) -> [String] {
    DiagnosticRenderer.sorted(FrontEnd.load(sources: sources).diagnostics).map(DiagnosticRenderer.render)
  }

  /// The rendered diagnostics of one in-memory contract `test.ipc`.
  static func rendered(_ text: String) -> [String] { rendered(["test.ipc": text]) }
}
