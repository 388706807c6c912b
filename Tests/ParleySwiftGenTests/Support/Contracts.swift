import Foundation
import ParleyFrontEnd
import Testing

/// Loading contracts for generator tests.
enum Contracts {
  /// `Contracts/` in the package.
  static let examples = GoldenFile.packageRoot.appendingPathComponent("Contracts")

  /// Every example contract, requested, relative to `Contracts/`.
  static func loadExamples() -> ContractSet {
    let base = examples.path
    var paths: [String] = []
    if let enumerator = FileManager.default.enumerator(atPath: base) {
      while let next = enumerator.nextObject() as? String {
        if next.hasSuffix(".ipc") { paths.append(base + "/" + next) }
      }
    }
    paths.sort { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
    let result = FrontEnd.load(paths: paths, options: FrontEnd.Options(root: base))
    #expect(!result.hasErrors, "\(result.diagnostics.map(DiagnosticRenderer.render))")
    return result.contracts
  }

  /// In-memory contracts; fails the test on contract errors.
  static func load(_ sources: [String: String], sourceLocation: Testing.SourceLocation = #_sourceLocation)
    -> ContractSet
  {
    let result = FrontEnd.load(sources: sources)
    #expect(
      !result.hasErrors, "\(result.diagnostics.map(DiagnosticRenderer.render))",
      sourceLocation: sourceLocation)
    return result.contracts
  }

  /// The golden file name for a generated source: `shop/orders.ipc` → `shop_orders.swift.golden`.
  static func goldenName(_ sourcePath: String, suffix: String = "") -> String {
    sourcePath.replacingOccurrences(of: ".ipc", with: "").replacingOccurrences(of: "/", with: "_") + suffix
      + ".swift.golden"
  }
}
