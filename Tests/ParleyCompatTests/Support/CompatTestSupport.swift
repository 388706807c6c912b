import Foundation
import ParleyCompat
import ParleyFrontEnd
import Testing

/// Fixtures, loading and golden-file helpers shared by the compat tests.
enum CompatTestSupport {
  /// The package root (three levels above this file).
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// `Fixtures/` in the test bundle.
  static var fixturesDirectory: URL {
    Bundle.module.resourceURL?.appendingPathComponent("Fixtures")
      ?? packageRoot.appendingPathComponent("Tests/ParleyCompatTests/Fixtures")
  }

  /// `Fixtures/` in the source tree, where snapshots are re-recorded.
  static var sourceFixturesDirectory: URL {
    packageRoot.appendingPathComponent("Tests/ParleyCompatTests/Fixtures")
  }

  /// The fixture case names, sorted by bytes.
  static func fixtureNames() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: fixturesDirectory.path)) ?? []
    return names.filter { !$0.hasPrefix(".") && !$0.hasPrefix("_") }.sorted {
      Array($0.utf8).lexicographicallyPrecedes($1.utf8)
    }
  }

  /// The text of `file` in fixture `name`, or `nil` when it does not exist.
  static func fixtureText(_ name: String, _ file: String) -> String? {
    let url = fixturesDirectory.appendingPathComponent(name).appendingPathComponent(file)
    return (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Loads one in-memory contract file, failing the test on errors.
  static func load(_ text: String, path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
    -> ContractSet
  {
    let result = FrontEnd.load(sources: [path: text])
    let hasErrors = result.hasErrors
    #expect(
      !hasErrors, "\(path): \(DiagnosticRenderer.render(result.diagnostics))", sourceLocation: sourceLocation)
    return result.contracts
  }

  /// The unfiltered findings of a fixture (with `older.ipc` as history when present).
  static func findings(ofFixture name: String) -> [CompatFinding] {
    let old = load(fixtureText(name, "old.ipc") ?? "", path: "old.ipc")
    let new = load(fixtureText(name, "new.ipc") ?? "", path: "new.ipc")
    let history = fixtureText(name, "older.ipc").map { [load($0, path: "older.ipc")] } ?? []
    return CompatDiffer.diff(old: old, new: new, history: history)
  }

  /// The findings of comparing two in-memory contracts.
  static func diff(_ old: String, _ new: String) -> [CompatFinding] {
    CompatDiffer.diff(old: load(old, path: "old.ipc"), new: load(new, path: "new.ipc"))
  }

  /// Whether golden files should be rewritten instead of compared.
  static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil }

  /// Compares `actual` with the golden file at `url` (relative to the source fixtures), or writes it
  /// when recording; a mismatch shows a line diff.
  static func assertSnapshot(
    _ actual: String, file relativePath: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let sourceURL = sourceFixturesDirectory.appendingPathComponent(relativePath)
    if isRecording {
      try? FileManager.default.createDirectory(
        at: sourceURL.deletingLastPathComponent(), withIntermediateDirectories: true)
      try? Data(actual.utf8).write(to: sourceURL)
      return
    }
    let bundled = fixturesDirectory.appendingPathComponent(relativePath)
    guard let data = try? Data(contentsOf: bundled) else {
      Issue.record(
        Comment(rawValue: "missing snapshot \(relativePath); run with RECORD_SNAPSHOTS=1"),
        sourceLocation: sourceLocation)
      return
    }
    let expected = String(decoding: data, as: UTF8.self)
    if expected != actual {
      Issue.record(
        Comment(
          rawValue:
            "snapshot \(relativePath) differs (RECORD_SNAPSHOTS=1 re-records):\n\(lineDiff(expected, actual))"
        ),
        sourceLocation: sourceLocation)
    }
  }

  /// A readable line diff: `-` expected, `+` actual.
  static func lineDiff(_ expected: String, _ actual: String) -> String {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var lines: [String] = []
    for index in 0..<max(a.count, b.count) {
      let x = index < a.count ? String(a[index]) : nil
      let y = index < b.count ? String(b[index]) : nil
      if x != y {
        if let x { lines.append("-\(index + 1): \(x)") }
        if let y { lines.append("+\(index + 1): \(y)") }
      }
    }
    return lines.joined(separator: "\n")
  }
}
