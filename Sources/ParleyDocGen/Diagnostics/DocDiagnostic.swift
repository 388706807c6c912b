import ParleyFrontEnd

/// One problem the docs generator found: a value that the CLI prints and tests assert on.
///
/// Renders like the front end's diagnostics, the form compilers and editors understand:
///
/// ```
/// Contracts/orders/orders.ipc:12:9: warning: doc link '[Ordr]' names no type; did you mean 'Order'?
/// ```
public struct DocDiagnostic: Hashable, Sendable, CustomStringConvertible {
  /// What kind of problem it is (a stable identifier, listed in `docs/docs-generator.md`).
  public enum Kind: String, Hashable, Sendable, CaseIterable {
    /// A `[TypeName]` link in a doc comment that resolves to no declaration or member.
    case unknownDocLink = "unknown-doc-link"
    /// No example value that satisfies the constraints could be generated; a placeholder is shown.
    case noValidExample = "no-valid-example"
  }

  /// Error or warning (the front end's severities).
  public var severity: Diagnostic.Severity
  /// Which check produced it.
  public var kind: Kind
  /// Where the problem is.
  public var location: SourceLocation
  /// What is wrong, one sentence without a trailing period.
  public var message: String
  /// How to fix it, when that is clear.
  public var fix: String?

  /// Creates a diagnostic.
  public init(
    _ kind: Kind, severity: Diagnostic.Severity = .warning, at location: SourceLocation, _ message: String,
    fix: String? = nil
  ) {
    self.kind = kind
    self.severity = severity
    self.location = location
    self.message = message
    self.fix = fix
  }

  /// `path:line:column: warning: message; fix`.
  public var description: String {
    var text = "\(location): \(severity.rawValue): \(message)"
    if let fix { text += "; " + fix }
    return text
  }

  /// Sorts by location, then message (bytes); duplicates removed.
  public static func sorted(_ diagnostics: [DocDiagnostic]) -> [DocDiagnostic] {
    var seen: Set<DocDiagnostic> = []
    return diagnostics.filter { seen.insert($0).inserted }.sorted { a, b in
      if a.location != b.location { return a.location < b.location }
      return Array(a.message.utf8).lexicographicallyPrecedes(b.message.utf8)
    }
  }
}
