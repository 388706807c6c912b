import ParleyDocGen
import ParleyFrontEnd
import Testing

/// `--against` / `--old`: the compatibility checker's changelog in the index.
@Suite struct ChangelogTests {
  static let old = DocGenFixtures.load([
    "a.ipc": "contract t.log version 1\nstruct A {\n  1 name: String @length(1...100)\n  2 gone: Int32\n}\n"
  ])
  static let new = DocGenFixtures.load([
    "a.ipc":
      "contract t.log version 2\nstruct A {\n  1 name: String @length(1...10)\n  3 added: Bool = false @since(2)\n}\n"
  ])

  @Test(arguments: [DocOptions.Format.html, .markdown])
  func indexCarriesTheChangelog(_ format: DocOptions.Format) throws {
    let output = DocGenerator.generate(Self.new, options: DocOptions(format: format), previous: Self.old)
    let index = try #require(output.site.file(format == .html ? "index.html" : "README.md")).contents
    #expect(index.contains(format == .html ? "id=\"section-changelog\"" : "## Changelog"))
    #expect(index.contains("t.log"))
    #expect(index.contains("Breaking changes"))
    #expect(index.contains("constraint-tightened"))
    #expect(index.contains("field-added"))
    let changelog = try #require(output.model.changelog)
    #expect(changelog.markdown == Changelog.render(old: Self.old, new: Self.new))
  }

  @Test func changelogRendererIsAStage() throws {
    let output = DocGenerator.generate(
      Self.new, options: DocOptions(format: .markdown), previous: Self.old,
      changelog: { _, _ in "- *custom*\n" })
    #expect(try #require(output.site.file("README.md")).contents.contains("## Changelog\n\n- *custom*\n"))
  }
}
