/// One problem found in the contracts: a value that a collector prints or a test asserts on.
///
/// ```swift
/// Diagnostic(.duplicateNumber, at: location,
///            "field number 3 is already used by 'note'", related: [first])
/// // renders: orders.ipc:14:3: error: field number 3 is already used by 'note' (orders.ipc:12:3)
/// ```
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  /// How bad a diagnostic is.
  public enum Severity: String, Hashable, Sendable, Comparable {
    /// The contracts cannot be used; `parley check` exits 1.
    case error
    /// Legal but probably not what was meant.
    case warning

    /// Errors sort before warnings.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
  }

  /// Which check produced it (stable, listed in `docs/language.md`).
  public var kind: DiagnosticKind
  /// Error or warning.
  public var severity: Severity
  /// The offending token.
  public var location: SourceLocation
  /// What is wrong, as one sentence without a trailing period.
  public var message: String
  /// Where the other half of a conflict is (e.g. the first use of a field number).
  public var related: [SourceLocation]
  /// How to fix it, when that is clear (e.g. `did you mean 'Order'?`).
  public var fix: String?

  /// Creates a diagnostic; `severity` defaults to the kind's usual severity.
  public init(
    _ kind: DiagnosticKind, at location: SourceLocation, _ message: String,
    related: [SourceLocation] = [], fix: String? = nil, severity: Severity? = nil
  ) {
    self.kind = kind
    self.severity = severity ?? kind.defaultSeverity
    self.location = location
    self.message = message
    self.related = related
    self.fix = fix
  }

  /// The rendered line, `path:line:column: error: message (related); fix`.
  public var description: String { DiagnosticRenderer.render(self) }
}
