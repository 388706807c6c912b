import Foundation
import ParleyDocGen
import Testing

/// Writing only what changed, and `--check`.
@Suite struct SiteWriterTests {
  let site = RenderedSite(files: [
    RenderedFile(path: "index.html", contents: "<p>index</p>\n"),
    RenderedFile(path: "a.html", contents: "a\n"),
  ])

  @Test func writesOnlyChangedFilesAndDetectsStaleness() throws {
    let directory = try DocGenFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    #expect(
      SiteWriter.staleFiles(site, in: directory).map(\.description) == [
        "missing: a.html", "missing: index.html",
      ])
    #expect(try SiteWriter.write(site, to: directory) == ["a.html", "index.html"])
    #expect(try SiteWriter.write(site, to: directory) == [])
    #expect(SiteWriter.staleFiles(site, in: directory) == [])

    try Data("changed".utf8).write(to: URL(fileURLWithPath: directory + "/a.html"))
    try Data("old".utf8).write(to: URL(fileURLWithPath: directory + "/gone.md"))
    try Data("keep".utf8).write(to: URL(fileURLWithPath: directory + "/notes.txt"))
    #expect(
      SiteWriter.staleFiles(site, in: directory).map(\.description) == [
        "differs: a.html", "unexpected: gone.md",
      ])
    #expect(try SiteWriter.write(site, to: directory) == ["a.html"])
  }

  @Test func unwritableOutputIsAnError() {
    #expect(throws: SiteWriter.WriteError.self) { try SiteWriter.write(site, to: "/proc/parley-docs-test") }
  }
}
