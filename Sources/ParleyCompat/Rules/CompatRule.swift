/// One entry of the rule catalogue: what a rule detects, why it breaks, and how to change safely.
///
/// The catalogue (``CompatRuleID/rule``) is the single place where ids, default severities and
/// descriptions live; `parley compat --list-rules` and `docs/compat.md` are rendered from it.
public struct CompatRule: Hashable, Sendable {
  /// The stable id, e.g. `field-removed`.
  public var id: CompatRuleID
  /// The default severity: the severity of the change on the wire and in the direction where it
  /// hurts most. A finding's own severity can be lower when only some wires or directions are
  /// checked, or when a deprecated element was removed.
  public var severity: CompatSeverity
  /// What it detects, as one sentence.
  public var summary: String
  /// Why it breaks: which wire, which direction.
  public var why: String
  /// How to make the change safely instead.
  public var safely: String
  /// The wires it can break (empty for notices).
  public var wires: [CompatWire]
  /// The directions it can break (empty for notices).
  public var directions: [CompatDirection]

  /// Creates a rule.
  public init(
    id: CompatRuleID, severity: CompatSeverity, summary: String, why: String, safely: String,
    wires: [CompatWire], directions: [CompatDirection]
  ) {
    self.id = id
    self.severity = severity
    self.summary = summary
    self.why = why
    self.safely = safely
    self.wires = wires
    self.directions = directions
  }

  /// Every rule, in catalogue order.
  public static var all: [CompatRule] { CompatRuleID.allCases.map(\.rule) }
}
