import Foundation
import ParleyFrontEnd
import Testing

@Suite("Diagnostics")
struct DiagnosticTests {
  static let languageReference: String =
    (try? String(
      contentsOf: TestSupport.packageRoot.appendingPathComponent("docs/language.md")
        .resolvingSymlinksInPath(),
      encoding: .utf8)) ?? ""

  @Test("renders as path:line:column: severity: message (related); fix")
  func rendering() {
    let location = SourceLocation(path: "orders.ipc", line: 14, column: 3)
    let first = SourceLocation(path: "orders.ipc", line: 12, column: 3)
    let diagnostic = Diagnostic(
      .duplicateNumber, at: location, "field number 3 is already used by 'note'", related: [first])
    #expect(
      diagnostic.description
        == "orders.ipc:14:3: error: field number 3 is already used by 'note' (orders.ipc:12:3)")
    let warning = Diagnostic(.duplicateThrows, at: location, "'A' is already listed", fix: "remove it")
    #expect(warning.description == "orders.ipc:14:3: warning: 'A' is already listed; remove it")
  }

  @Test("sorted by path bytes, then line, then column")
  func sorting() {
    let make = { (path: String, line: Int, column: Int) in
      Diagnostic(.syntax, at: SourceLocation(path: path, line: line, column: column), "x")
    }
    let sorted = DiagnosticRenderer.sorted([
      make("b", 1, 1), make("a", 2, 1), make("a", 1, 9), make("B", 5, 5),
    ])
    #expect(sorted.map(\.location.description) == ["B:5:5", "a:1:9", "a:2:1", "b:1:1"])
  }

  @Test("docs/language.md lists every kind of diagnostic")
  func documented() {
    let missing = DiagnosticKind.allCases.filter { !Self.languageReference.contains("`\($0.rawValue)`") }
    #expect(missing == [])
  }

  @Test("every contract example in docs/language.md parses")
  func documentationExamples() {
    let blocks = Self.languageReference.components(separatedBy: "```")
    var checked = 0
    // Odd components are code blocks; untagged ones hold contract text.
    for (index, block) in blocks.enumerated() where index % 2 == 1 && block.hasPrefix("\n") {
      let text = block.contains("contract ") ? block : "contract docs.example version 3\n" + block
      let parsed = FrontEnd.parse(SourceFile(path: "example-\(index).ipc", text: text))
      #expect(parsed.diagnostics.map(\.description) == [], "example \(index)")
      checked += 1
    }
    #expect(checked >= 8)
  }
}
