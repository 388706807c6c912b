import Foundation
import ParleyFrontEnd
import Testing

/// Invalid contracts under `Fixtures/invalid/` with their expected diagnostics next to them
/// (`NAME.ipc` or a folder `NAME/` → `NAME.expected`). Re-record with `RECORD_SNAPSHOTS=1 swift test`.
@Suite("Golden diagnostics")
struct GoldenDiagnosticsTests {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures").appendingPathComponent("invalid")

  static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil }

  /// The fixture names (file or folder names without `.ipc`), sorted.
  static let names: [String] = {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return entries.compactMap { entry -> String? in
      if entry.hasSuffix(".ipc") { return String(entry.dropLast(4)) }
      var isDirectory: ObjCBool = false
      let path = directory.appendingPathComponent(entry).path
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
        return entry
      }
      return nil
    }.sorted()
  }()

  /// Loads one fixture into memory (paths relative to `Fixtures/invalid/`) and checks it.
  static func diagnostics(of name: String) -> [Diagnostic] {
    var files: [String: [UInt8]] = [:]
    var paths: [String] = []
    let single = directory.appendingPathComponent(name + ".ipc")
    if let data = FileManager.default.contents(atPath: single.path) {
      files[name + ".ipc"] = [UInt8](data)
      paths = [name + ".ipc"]
    } else {
      let folder = directory.appendingPathComponent(name)
      let entries = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
      for entry in entries where entry.hasSuffix(".ipc") {
        let data = FileManager.default.contents(atPath: folder.appendingPathComponent(entry).path) ?? Data()
        files[name + "/" + entry] = [UInt8](data)
        paths.append(name + "/" + entry)
      }
    }
    return FrontEnd.load(paths: paths.sorted(), fileSystem: InMemoryFileSystem(bytes: files)).diagnostics
  }

  @Test("at least 50 invalid contracts")
  func enoughFixtures() {
    #expect(Self.names.count >= 50)
  }

  @Test("expected diagnostics", arguments: names)
  func golden(_ name: String) throws {
    let diagnostics = Self.diagnostics(of: name)
    let actual = DiagnosticRenderer.render(diagnostics)
    let expectedURL = Self.directory.appendingPathComponent(name + ".expected")
    if Self.isRecording {
      try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
      return
    }
    #expect(!diagnostics.isEmpty, "fixture \(name) should produce diagnostics")
    let expected = (try? String(contentsOf: expectedURL, encoding: .utf8)) ?? "<missing \(name).expected>\n"
    if actual != expected {
      let expectedLines = expected.split(separator: "\n").map(String.init)
      let actualLines = actual.split(separator: "\n").map(String.init)
      let missing = expectedLines.filter { !actualLines.contains($0) }.map { "- " + $0 }
      let extra = actualLines.filter { !expectedLines.contains($0) }.map { "+ " + $0 }
      let difference = (missing + extra).joined(separator: "\n")
      Issue.record("diagnostics of \(name) changed (re-record with RECORD_SNAPSHOTS=1):\n\(difference)")
    }
  }

  @Test("the fixtures cover every kind of diagnostic the checker can report from files")
  func coverage() {
    var seen: Set<DiagnosticKind> = []
    for name in Self.names { seen.formUnion(Self.diagnostics(of: name).map(\.kind)) }
    // `file-not-found` needs a missing command-line path and `too-many-errors` a huge file:
    // both are covered in FrontEndTests.
    let expected = Set(DiagnosticKind.allCases).subtracting([.fileNotFound, .tooManyErrors])
    let missing = expected.subtracting(seen).map(\.rawValue).sorted()
    #expect(missing == [])
  }
}
