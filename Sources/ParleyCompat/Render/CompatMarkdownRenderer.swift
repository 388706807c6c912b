/// Renders a report as a Markdown changelog, grouped by contract: breaking changes first, then
/// the other changes. The docs generator embeds it (see ``CompatChecker/changelog(old:new:options:)``).
///
/// ```markdown
/// ## shop.orders
///
/// ### Breaking changes
///
/// - **error** `field-removed-unreserved`: field 4 'note' of Order removed without reserving it — breaks backward (json, binary, source)
/// ```
public enum CompatMarkdownRenderer {
  /// The changelog; `headingLevel` is the level of the per-contract headings (2 gives `##`).
  public static func render(_ report: CompatReport, headingLevel: Int = 2) -> String {
    let level = max(1, min(headingLevel, 5))
    let h = String(repeating: "#", count: level)
    guard !report.findings.isEmpty else { return "No contract changes.\n" }
    var contracts: [String] = []
    for finding in report.findings where !contracts.contains(finding.contract) {
      contracts.append(finding.contract)
    }
    var text = ""
    for contract in contracts {
      let findings = report.findings.filter { $0.contract == contract }
      if !text.isEmpty { text += "\n" }
      text += "\(h) \(contract)\n"
      let breaking = findings.filter { $0.severity >= .danger }
      let other = findings.filter { $0.severity < .danger }
      if !breaking.isEmpty {
        text += "\n\(h)# Breaking changes\n\n" + breaking.map(line).joined()
      }
      if !other.isEmpty {
        text += "\n\(h)# Other changes\n\n" + other.map(line).joined()
      }
    }
    return text
  }

  private static func line(_ finding: CompatFinding) -> String {
    var text = "- **\(finding.severity.rawValue)** `\(finding.rule.rawValue)`: \(escape(finding.message))"
    if !finding.impacts.isEmpty { text += " — breaks \(CompatTextRenderer.breaks(finding))" }
    if let reason = finding.acknowledgement { text += " (acknowledged: \(escape(reason)))" }
    return text + "\n"
  }

  private static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "<", with: "&lt;")
  }
}
