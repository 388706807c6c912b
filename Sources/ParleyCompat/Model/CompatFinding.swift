import ParleyFrontEnd

/// One classified change between two versions of a contract: a value that renderers print and
/// tests assert on.
///
/// ```text
/// old.ipc:14:3: error [field-removed-unreserved] field 4 'note' of Order removed without reserving it: add `reserved 4, "note"` to Order
/// ```
public struct CompatFinding: Hashable, Sendable {
  /// Which rule of the catalogue found it.
  public var rule: CompatRuleID
  /// The severity after filtering by mode and wires and after the deprecation downgrade.
  public var severity: CompatSeverity
  /// The full contract name (the new one for a renamed contract).
  public var contract: String
  /// The path of the element inside the contract, e.g. `Order.note`, `OrderService.getOrder`;
  /// empty for the contract itself. Together with ``rule`` and ``contract`` it makes the
  /// fingerprint.
  public var element: String
  /// Every wire and direction it breaks, with how badly; empty for notices (additions, version
  /// remarks) that break nothing.
  public var impacts: [CompatImpact]
  /// Where the change is: in the new file, or for removals in the old file.
  public var location: SourceLocation
  /// For removals: the enclosing declaration in the new contract (or the new contract header).
  public var enclosing: CompatEnclosing?
  /// What changed, as one sentence without a trailing period.
  public var message: String
  /// How to make the change safely, as one sentence without a trailing period.
  public var fix: String
  /// Whether the element was `@deprecated` in the baseline, which downgrades a removal.
  public var wasDeprecated: Bool
  /// FNV-1a 64 of rule, contract and element (see ``Fingerprint``).
  public var fingerprint: String
  /// The reason from the acknowledgement file, when the finding is acknowledged.
  public var acknowledgement: String?

  /// Creates a finding; the fingerprint is computed from rule, contract and element.
  public init(
    rule: CompatRuleID, severity: CompatSeverity? = nil, contract: String, element: String,
    impacts: [CompatImpact] = [], location: SourceLocation, enclosing: CompatEnclosing? = nil,
    message: String, fix: String, wasDeprecated: Bool = false, acknowledgement: String? = nil
  ) {
    self.rule = rule
    let merged = CompatImpact.merged(impacts)
    self.impacts = merged
    self.severity = severity ?? merged.map(\.severity).max() ?? rule.rule.severity
    self.contract = contract
    self.element = element
    self.location = location
    self.enclosing = enclosing
    self.message = message
    self.fix = fix
    self.wasDeprecated = wasDeprecated
    self.fingerprint = Fingerprint.make(rule: rule.rawValue, contract: contract, element: element)
    self.acknowledgement = acknowledgement
  }

  /// The directions it breaks, sorted.
  public var directions: [CompatDirection] { Array(Set(impacts.map(\.direction))).sorted() }

  /// The wires it breaks, sorted.
  public var wires: [CompatWire] { Array(Set(impacts.map(\.wire))).sorted() }

  /// Whether it is acknowledged (and so does not fail the run).
  public var isAcknowledged: Bool { acknowledgement != nil }

  /// Where it sorts: the enclosing declaration in the new file for removals, else ``location``.
  public var sortLocation: SourceLocation { enclosing?.location ?? location }

  /// The deterministic output order: contract, location, rule id, element.
  static func precedes(_ a: CompatFinding, _ b: CompatFinding) -> Bool {
    if a.contract != b.contract { return Array(a.contract.utf8).lexicographicallyPrecedes(b.contract.utf8) }
    if a.sortLocation != b.sortLocation { return a.sortLocation < b.sortLocation }
    if a.location != b.location { return a.location < b.location }
    if a.rule != b.rule { return Array(a.rule.rawValue.utf8).lexicographicallyPrecedes(b.rule.rawValue.utf8) }
    if a.element != b.element { return Array(a.element.utf8).lexicographicallyPrecedes(b.element.utf8) }
    return Array(a.message.utf8).lexicographicallyPrecedes(b.message.utf8)
  }
}

/// The declaration in the new contract that used to hold a removed element.
public struct CompatEnclosing: Hashable, Sendable {
  /// Its name, e.g. `Order`, or the contract name for a removed declaration.
  public var name: String
  /// Where its name is in the new file.
  public var location: SourceLocation

  /// Creates an enclosing reference.
  public init(name: String, location: SourceLocation) {
    self.name = name
    self.location = location
  }
}
