/// Renders a report as GitHub Actions workflow annotations, one line per finding:
/// `::error file=Contracts/orders.ipc,line=14,col=3,title=field-removed::field 4 'note' …`.
///
/// error and danger become `::error`, warning `::warning`, info and acknowledged findings
/// `::notice`. Removals point at the enclosing declaration in the new file, which exists in the
/// pull request.
public enum CompatGitHubRenderer {
  /// The annotations, then the summary as a `::notice`, each ending with a newline.
  public static func render(_ report: CompatReport) -> String {
    var text = ""
    for finding in report.findings {
      let command: String
      if finding.isAcknowledged {
        command = "notice"
      } else {
        switch finding.severity {
        case .error, .danger: command = "error"
        case .warning: command = "warning"
        case .info: command = "notice"
        }
      }
      let location = finding.enclosing?.location ?? finding.location
      var message =
        "\(finding.severity.rawValue): \(finding.message): \(finding.fix) [breaks: \(CompatTextRenderer.breaks(finding))]"
      if let reason = finding.acknowledgement { message += " (acknowledged: \(reason))" }
      text += "::\(command) file=\(property(location.path)),line=\(location.line),col=\(location.column),"
      text += "title=\(property("parley compat " + finding.rule.rawValue))::\(data(message))\n"
    }
    for entry in report.staleAcknowledgements {
      text +=
        "::warning title=parley compat::\(data("stale acknowledgement \(entry.fingerprint) (\(entry.reason)) matches no finding"))\n"
    }
    text += "::notice title=parley compat::\(data(CompatTextRenderer.summary(report)))\n"
    return text
  }

  /// Escapes a message (`%`, CR, LF).
  static func data(_ text: String) -> String {
    text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
      .replacingOccurrences(of: "\n", with: "%0A")
  }

  /// Escapes a property value (also `:` and `,`).
  static func property(_ text: String) -> String {
    data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }
}
