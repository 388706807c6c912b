import ParleyDocGen
import Testing

/// The safe Markdown subset of doc comments.
@Suite struct DocMarkdownParserTests {
  func parse(_ text: String) -> DocMarkdownParser.Result {
    DocMarkdownParser.parse(text) { name in
      name == "Order" || name == "Order.id" ? DocLink(page: "shop.orders", anchor: name) : nil
    }
  }

  @Test func inlineMarkup() {
    let result = parse("Use `a < b`, *soft*, **loud** and [docs](https://example.com/x).")
    #expect(
      result.text.blocks == [
        .paragraph([
          .text("Use "), .code("a < b"), .text(", "), .emphasis([.text("soft")]), .text(", "),
          .strong([.text("loud")]), .text(" and "), .link([.text("docs")], url: "https://example.com/x"),
          .text("."),
        ])
      ])
  }

  @Test func referencesResolveOrAreReportedWithTheirPosition() {
    let result = parse("Returns an [Order].\nSee [Order.id] and [Ordr].")
    #expect(
      result.text.blocks == [
        .paragraph([
          .text("Returns an "), .reference("Order", target: DocLink(page: "shop.orders", anchor: "Order")),
          .text(". See "), .reference("Order.id", target: DocLink(page: "shop.orders", anchor: "Order.id")),
          .text(" and "), .reference("Ordr", target: nil), .text("."),
        ])
      ])
    #expect(result.unresolved == [.init(name: "Ordr", line: 1, column: 19)])
  }

  @Test func listsCodeBlocksAndHeadings() {
    let result = parse("# Usage\n- one\n- two\n  continued\n\n1. first\n2. second\n\n```\nlet x = 1 < 2\n```")
    #expect(
      result.text.blocks == [
        .heading(level: 1, [.text("Usage")]),
        .list(ordered: false, items: [[.text("one")], [.text("two continued")]]),
        .list(ordered: true, items: [[.text("first")], [.text("second")]]),
        .code("let x = 1 < 2"),
      ])
  }

  @Test(arguments: [
    ("<script>alert(1)</script>", [DocInline.text("<script>alert(1)</script>")]),
    ("[x](javascript:alert(1))", [DocInline.text("x")]),
    ("a \\*literal\\* star", [DocInline.text("a *literal* star")]),
    ("snake_case_name stays", [DocInline.text("snake_case_name stays")]),
    ("2 * 3 * 4", [DocInline.text("2 * 3 * 4")]),
    ("unclosed `tick", [DocInline.text("unclosed `tick")]),
    ("x &lt; y &amp; z", [DocInline.text("x < y & z")]),
    ("[1] is not a link", [DocInline.text("[1] is not a link")]),
  ])
  func unsafeOrUnknownMarkupStaysText(_ source: String, _ expected: [DocInline]) {
    #expect(parse(source).text.blocks == [.paragraph(expected)])
  }

  @Test func summaryIsTheFirstSentence() {
    #expect(parse("Fetch one order. Then more.").text.summary == "Fetch one order.")
    #expect(parse("The code, e.g. \"EUR\". Then more.").text.summary == "The code, e.g. \"EUR\".")
  }
}
