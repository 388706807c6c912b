import Foundation
import Testing

/// Golden-file comparison with a readable line diff; set `RECORD_SNAPSHOTS=1` to re-record.
enum GoldenFile {
  /// The package root (four levels above this file).
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// `Tests/ParleySwiftGenTests/Golden/`.
  static let directory = packageRoot.appendingPathComponent("Tests/ParleySwiftGenTests/Golden")

  /// Whether goldens are being re-recorded.
  static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil }

  /// Compares `actual` with the golden file `name` (or records it).
  static func assertMatches(
    _ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    assertMatches(actual, at: directory.appendingPathComponent(name), sourceLocation: sourceLocation)
  }

  /// Compares `actual` with the file at `url` (or records it).
  static func assertMatches(_ actual: String, at url: URL, sourceLocation: SourceLocation = #_sourceLocation)
  {
    let name = url.lastPathComponent
    if isRecording {
      try? FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try? actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "missing golden file \(name); run with RECORD_SNAPSHOTS=1 to record it",
        sourceLocation: sourceLocation)
      return
    }
    if expected != actual {
      Issue.record(
        Comment(
          rawValue: "generated code differs from \(name) (re-record with RECORD_SNAPSHOTS=1):\n"
            + diff(expected, actual)),
        sourceLocation: sourceLocation)
    }
  }

  /// The first differing lines with a little context, `-` expected, `+` actual.
  static func diff(_ expected: String, _ actual: String) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var first = 0
    while first < old.count, first < new.count, old[first] == new[first] { first += 1 }
    var oldEnd = old.count
    var newEnd = new.count
    while oldEnd > first, newEnd > first, old[oldEnd - 1] == new[newEnd - 1] {
      oldEnd -= 1
      newEnd -= 1
    }
    var lines: [String] = []
    for index in max(0, first - 3)..<first { lines.append("  \(index + 1): \(old[index])") }
    for index in first..<min(oldEnd, first + 40) { lines.append("- \(index + 1): \(old[index])") }
    for index in first..<min(newEnd, first + 40) { lines.append("+ \(index + 1): \(new[index])") }
    return lines.joined(separator: "\n")
  }
}
