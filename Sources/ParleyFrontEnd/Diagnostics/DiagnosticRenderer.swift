/// Turns diagnostics into the text compilers and editors understand.
public enum DiagnosticRenderer {
  /// `path:line:column: error: message (related-path:line:column); fix`.
  public static func render(_ diagnostic: Diagnostic) -> String {
    var text = "\(diagnostic.location): \(diagnostic.severity.rawValue): \(diagnostic.message)"
    if !diagnostic.related.isEmpty {
      text += " (" + diagnostic.related.map(\.description).joined(separator: ", ") + ")"
    }
    if let fix = diagnostic.fix { text += "; " + fix }
    return text
  }

  /// Renders each diagnostic on its own line, sorted by location.
  public static func render(_ diagnostics: [Diagnostic]) -> String {
    sorted(diagnostics).map { render($0) + "\n" }.joined()
  }

  /// Sorts by location (path bytes, line, column), then severity, then message; stable.
  public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.enumerated().sorted { a, b in
      if a.element.location != b.element.location { return a.element.location < b.element.location }
      if a.element.severity != b.element.severity { return a.element.severity < b.element.severity }
      return a.offset < b.offset
    }.map(\.element)
  }
}
