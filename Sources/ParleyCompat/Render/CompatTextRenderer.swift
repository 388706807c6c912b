/// Renders a report for people: one block per finding, then a summary line.
///
/// ```text
/// old.ipc:14:3: error [field-removed-unreserved] field 4 'note' of Order removed without reserving it: add `reserved 4, "note"` to Order
///   in Order at new.ipc:12:8
///   breaks: backward (json, binary, source); forward (json, binary)
///   fingerprint: 9b2f0c4e1d7a3b55
/// ```
public enum CompatTextRenderer {
  /// The whole report, ending with a newline.
  public static func render(_ report: CompatReport) -> String {
    var text = ""
    for finding in report.findings { text += render(finding) }
    for entry in report.staleAcknowledgements {
      text += "stale acknowledgement \(entry.fingerprint) (\(entry.reason)) matches no finding: remove it\n"
    }
    text += summary(report) + "\n"
    return text
  }

  /// One finding as a block of lines.
  public static func render(_ finding: CompatFinding) -> String {
    var text =
      "\(finding.location): \(finding.severity.rawValue) [\(finding.rule.rawValue)] \(finding.message): \(finding.fix)\n"
    if let enclosing = finding.enclosing { text += "  in \(enclosing.name) at \(enclosing.location)\n" }
    text += "  breaks: \(breaks(finding))\n"
    if let reason = finding.acknowledgement { text += "  acknowledged: \(reason)\n" }
    text += "  fingerprint: \(finding.fingerprint)\n"
    return text
  }

  /// `backward (json, source); forward (json)` or `nothing`.
  public static func breaks(_ finding: CompatFinding) -> String {
    guard !finding.impacts.isEmpty else { return "nothing" }
    return finding.directions.map { direction in
      let wires = finding.impacts.filter { $0.direction == direction }.map { impact in
        impact.severity == finding.severity
          ? impact.wire.rawValue : "\(impact.wire.rawValue): \(impact.severity.rawValue)"
      }
      return "\(direction.rawValue) (\(wires.joined(separator: ", ")))"
    }.joined(separator: "; ")
  }

  /// `compat: 3 findings (1 error, 2 info), 1 acknowledged; failing at danger or above` or
  /// `compat: no findings`.
  public static func summary(_ report: CompatReport) -> String {
    let options = report.options
    let scope =
      "mode \(options.mode.rawValue), wires \(CompatWire.allCases.filter(options.wires.contains).map(\.rawValue).joined(separator: "+"))"
    guard !report.findings.isEmpty else { return "compat: no findings (\(scope))" }
    let counts = CompatSeverity.allCases.reversed().compactMap { severity -> String? in
      let count = report.count(severity)
      return count == 0 ? nil : "\(count) \(severity.rawValue)"
    }
    var text =
      "compat: \(report.findings.count) finding\(report.findings.count == 1 ? "" : "s") (\(counts.joined(separator: ", ")))"
    if report.acknowledgedCount > 0 { text += ", \(report.acknowledgedCount) acknowledged" }
    text += " (\(scope)); "
    text +=
      report.failed
      ? "\(report.failingFindings.count) at or above \(options.failOn.rawValue): failed"
      : "nothing at or above \(options.failOn.rawValue): passed"
    return text
  }
}
