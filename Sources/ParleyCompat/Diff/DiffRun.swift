import ParleyFrontEnd

/// The state of one diff: both contract sets, how they correspond, where each type travels, and
/// the findings collected so far. The differ files extend it, one concern per file.
struct DiffRun {
  let old: ContractSet
  let new: ContractSet
  /// Every number and name older versions used (older baselines and the lock file).
  let history: MemberHistory
  /// Prefixed to the paths of baseline locations (`origin/main` gives
  /// `origin/main:Contracts/orders.ipc:14:3`, the form `git show` takes); `nil` leaves them as they are.
  let baselineLabel: String?
  var mapping = DeclarationMapping()
  let oldPositions: PositionAnalysis
  let newPositions: PositionAnalysis
  var findings: [CompatFinding] = []

  init(old: ContractSet, new: ContractSet, history: MemberHistory, baselineLabel: String? = nil) {
    self.baselineLabel = baselineLabel
    self.old = old
    self.new = new
    self.history = history
    self.oldPositions = PositionAnalysis(old)
    self.newPositions = PositionAnalysis(new)
  }

  var types: TypeComparison { TypeComparison(old: old, new: new, mapping: mapping) }

  /// Where values of a declaration travel in either version (unused counts as both).
  func position(old oldReference: DeclarationReference?, new newReference: DeclarationReference?)
    -> TypePosition
  {
    var position: TypePosition = []
    if let oldReference { position.formUnion(oldPositions.position(of: oldReference)) }
    if let newReference { position.formUnion(newPositions.position(of: newReference)) }
    return position.isEmpty ? .both : position
  }

  /// Records a finding; a removal of something deprecated in the baseline is capped at warning.
  ///
  /// Removals (the findings with an `enclosing` declaration, and `contract-removed`) are located in
  /// the baseline; their location gets the ``baselineLabel``.
  mutating func report(
    _ rule: CompatRuleID, contract: String, element: String, impacts: [CompatImpact] = [],
    at location: SourceLocation, enclosing: CompatEnclosing? = nil, _ message: String, fix: String,
    wasDeprecated: Bool = false
  ) {
    var impacts = impacts
    if wasDeprecated {
      impacts = impacts.map {
        CompatImpact(wire: $0.wire, direction: $0.direction, severity: min($0.severity, .warning))
      }
    }
    var location = location
    if let baselineLabel, enclosing != nil || rule == .contractRemoved {
      location.path = baselineLabel + ":" + location.path
    }
    let severity: CompatSeverity? = impacts.isEmpty && wasDeprecated ? min(rule.rule.severity, .warning) : nil
    findings.append(
      CompatFinding(
        rule: rule, severity: severity, contract: contract, element: element, impacts: impacts,
        location: location,
        enclosing: enclosing, message: message + (wasDeprecated ? " (it was deprecated)" : ""), fix: fix,
        wasDeprecated: wasDeprecated))
  }

  /// `since-mismatch` and `element-deprecated` for an element that exists in both versions
  /// (`old` non-nil) or was added (`old` nil).
  mutating func checkAvailability(
    old: Availability?, new: Availability, oldVersion: Int, newVersion: Int, contract: String,
    element: String,
    noun: String, at location: SourceLocation
  ) {
    if let old {
      if let since = new.since, since > oldVersion, old.since != since {
        report(
          .sinceMismatch, contract: contract, element: element, at: location,
          "\(noun) is marked @since(\(since)) but already existed in version \(oldVersion)",
          fix: old.since.map { "restore @since(\($0))" }
            ?? "remove @since: it marks the version that added an element")
      }
      if !old.isDeprecated, new.isDeprecated {
        let reason = new.deprecation?.reason.map { " (\"\($0)\")" } ?? ""
        report(
          .elementDeprecated, contract: contract, element: element, at: location,
          "\(noun) is now deprecated\(reason)", fix: "tell clients what to use instead before removing it")
      }
    } else if let since = new.since, since != newVersion || newVersion == oldVersion {
      if since == newVersion {
        report(
          .sinceMismatch, contract: contract, element: element, at: location,
          "new \(noun) is marked @since(\(since)) but version \(since) already existed without it",
          fix: "increase the contract version to \(newVersion + 1) and write @since(\(newVersion + 1))")
        return
      }
      report(
        .sinceMismatch, contract: contract, element: element, at: location,
        "new \(noun) is marked @since(\(since)) but is added in version \(newVersion)",
        fix: "write @since(\(newVersion))")
    }
  }
}

/// How types are shown in messages: built-ins by name, declarations by their short name.
enum TypeText {
  static func show(_ type: TypeReference?) -> String {
    guard let type else { return "()" }
    switch type {
    case .builtin(let builtin): return builtin.name
    case .list(let element): return "[\(show(element))]"
    case .map(let key, let value): return "[\(show(key)): \(show(value))]"
    case .optional(let wrapped): return "\(show(wrapped))?"
    case .named(let reference): return reference.name
    }
  }
}
