import Foundation
import ParleyCompat
import ParleyFrontEnd
import Testing

/// Golden files of the JSON, GitHub and Markdown renderers and of the rule list.
@Suite("Renderers")
struct RendererTests {
  /// A pair with a removal, a rename, an addition and a notice.
  static func sampleReport() -> CompatReport {
    let old = """
      contract shop.orders version 2

      struct Order {
        1 id: String
        2 note: String?
        3 quantity: Int32 @range(1...1000)
      }

      enum Status {
        1 pending
        2 paid
      }

      service Orders {
        rpc place(Order) -> Status @idempotent
        @deprecated("use place") rpc put(Order) -> Status
      }
      """
    let new = """
      contract shop.orders version 3

      struct Order {
        1 id: String
        3 amount: Int64 @range(1...100)
        4 coupon: String? @since(3)
      }

      enum Status {
        1 pending
        2 settled
        3 shipped
      }

      service Orders {
        rpc place(Order) -> Status
      }
      """
    let acknowledgements = Acknowledgements(entries: [
      .init(
        fingerprint: Fingerprint.make(rule: "method-removed", contract: "shop.orders", element: "Orders.put"),
        reason: "retired with notice in 2.0")
    ])
    return CompatChecker.check(
      old: CompatTestSupport.load(old, path: "orders.ipc"),
      new: CompatTestSupport.load(new, path: "orders.ipc"),
      acknowledgements: acknowledgements)
  }

  @Test("text")
  func text() {
    CompatTestSupport.assertSnapshot(
      CompatTextRenderer.render(Self.sampleReport()), file: "_renderers/report.txt")
  }

  @Test("json")
  func json() throws {
    let rendered = CompatJSONRenderer.render(Self.sampleReport())
    CompatTestSupport.assertSnapshot(rendered, file: "_renderers/report.json")
    let object = try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any]
    #expect(object?["schemaVersion"] as? Int == 1)
    #expect((object?["findings"] as? [Any])?.count == Self.sampleReport().findings.count)
  }

  @Test("github")
  func github() {
    let rendered = CompatGitHubRenderer.render(Self.sampleReport())
    CompatTestSupport.assertSnapshot(rendered, file: "_renderers/report.github.txt")
    for line in rendered.split(separator: "\n") {
      #expect(line.hasPrefix("::error ") || line.hasPrefix("::warning ") || line.hasPrefix("::notice "))
    }
  }

  @Test("markdown changelog")
  func markdown() {
    CompatTestSupport.assertSnapshot(
      CompatMarkdownRenderer.render(Self.sampleReport()), file: "_renderers/report.md")
    let empty = CompatChecker.changelog(
      old: CompatTestSupport.load("contract a version 1\n", path: "a.ipc"),
      new: CompatTestSupport.load("contract a version 1\n", path: "a.ipc"))
    #expect(empty == "No contract changes.\n")
  }

  @Test("rule list")
  func ruleList() throws {
    CompatTestSupport.assertSnapshot(CompatRuleListRenderer.text(), file: "_renderers/rules.txt")
    let json = CompatRuleListRenderer.json()
    let rules = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
    #expect(rules?.count == CompatRuleID.allCases.count)
  }
}
