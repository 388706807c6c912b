import ParleyDocGen
import ParleyFrontEnd
import Testing

/// Names and comments with characters that HTML and Markdown would interpret.
@Suite struct EscapingTests {
  static let contracts = DocGenFixtures.load([
    "t.ipc": """
    contract t.escape version 1

    /// Compares a < b & c > d | pipes | and *stars* and `x|y` and <script>alert(1)</script>.
    /// A [link](javascript:alert(1)) and _under_score_ and a back\\`tick.
    struct Weird {
      /// Pipe | inside a table & an <b>tag</b>.
      1 default: String @pattern("^a|b*$")
      2 class: [String: String] = [:]
    }
    """
  ])

  @Test func htmlEscapesEverything() throws {
    let site = DocGenerator.generate(Self.contracts, options: DocOptions(format: .html)).site
    let page = try #require(site.file("t.escape.html")).contents
    #expect(
      page.contains("Compares a &lt; b &amp; c &gt; d | pipes | and <em>stars</em> and <code>x|y</code>"))
    #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(!page.contains("<script>alert"))
    #expect(!page.contains("javascript:"))
    #expect(page.contains("A link and <em>under_score</em> and a back`tick."))
    #expect(page.contains("Pipe | inside a table &amp; an &lt;b&gt;tag&lt;/b&gt;."))
    #expect(page.contains("matches <code>^a|b*$</code>"))
  }

  @Test func markdownEscapesEverything() throws {
    let site = DocGenerator.generate(Self.contracts, options: DocOptions(format: .markdown)).site
    let page = try #require(site.file("t.escape.md")).contents
    #expect(
      page.contains(
        "Compares a &lt; b &amp; c &gt; d \\| pipes \\| and *stars* and `x|y` and &lt;script&gt;alert(1)&lt;/script&gt;."
      ))
    #expect(page.contains("A link and *under\\_score* and a back\\`tick."))
    // In a table cell, pipes are escaped even inside code spans.
    #expect(page.contains("| Pipe \\| inside a table &amp; an &lt;b&gt;tag&lt;/b&gt;. |"))
    #expect(page.contains("matches `^a\\|b*$`"))
    #expect(page.contains("<a id=\"Weird.default\"></a>`default`"))
    #expect(!page.contains("<script>"))
  }

  @Test func codeSpansSurviveBackticks() {
    #expect(MarkdownWriter_code("a`b") == "``a`b``")
  }

  /// The code-span rule, restated through the public output (the writer itself is internal).
  func MarkdownWriter_code(_ text: String) -> String {
    let contracts = DocGenFixtures.load([
      "t.ipc": "contract t.tick version 1\n/// Use `` \(text) `` here.\nstruct T {\n  1 a: String\n}\n"
    ])
    let page = DocGenerator.generate(contracts, options: DocOptions(format: .markdown)).site.file("t.tick.md")
    let line = page?.contents.split(separator: "\n").first { $0.hasPrefix("Use ") }
    return line.map { String($0.dropFirst(4).dropLast(6)) } ?? ""
  }
}
