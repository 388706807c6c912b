import Foundation
import ParleyCompat
import Testing

/// The catalogue is complete, consistent and documented.
@Suite("Rule catalogue")
struct RuleCatalogueTests {
  @Test("ids are unique, kebab-case, and every entry is filled in")
  func entries() {
    let ids = CompatRule.all.map(\.id.rawValue)
    #expect(Set(ids).count == ids.count)
    for rule in CompatRule.all {
      #expect(rule.id.rawValue.allSatisfy { $0.isLowercase || $0 == "-" }, "\(rule.id.rawValue)")
      #expect(!rule.summary.isEmpty && !rule.why.isEmpty && !rule.safely.isEmpty)
      #expect(rule.wires.isEmpty == rule.directions.isEmpty, "\(rule.id.rawValue)")
    }
  }

  @Test("docs/compat.md documents every rule (its rule section is re-recorded from the catalogue)")
  func documented() throws {
    let url = CompatTestSupport.packageRoot.appendingPathComponent("docs/compat.md")
    var text = try String(contentsOf: url, encoding: .utf8)
    let begin = try #require(text.range(of: "<!-- rules:begin"))
    let beginLine = try #require(text[begin.upperBound...].range(of: "-->\n"))
    let end = try #require(text.range(of: "<!-- rules:end -->"))
    let generated = "\n" + CompatRuleListRenderer.markdown() + "\n"
    if CompatTestSupport.isRecording {
      text.replaceSubrange(beginLine.upperBound..<end.lowerBound, with: generated)
      try Data(text.utf8).write(to: url)
      return
    }
    #expect(
      String(text[beginLine.upperBound..<end.lowerBound]) == generated,
      "the rule section of docs/compat.md is stale; re-record with RECORD_SNAPSHOTS=1")
    for rule in CompatRule.all {
      #expect(text.contains("### `\(rule.id.rawValue)`"), "docs/compat.md lacks \(rule.id.rawValue)")
    }
  }
}
