import ParleyFrontEnd

extension DiffRun {
  /// Reports a type change of a field, variant, distinct type or payload: which rule, and what
  /// breaks on each wire in each direction. Nothing when the types are equivalent everywhere.
  ///
  /// - Parameter rule: forces the rule (method payloads); otherwise it is classified from the types.
  mutating func compareTypes(
    old oldType: TypeReference?, new newType: TypeReference?, position: TypePosition, contract: String,
    element: String, noun: String, at location: SourceLocation, rule forced: CompatRuleID? = nil
  ) {
    let types = self.types
    var impacts = ImpactBuilder(position: position)
    for wire in [CompatWire.json, .binary] {
      for flow in [Flow.oldToNew, .newToOld] {
        switch types.compatibility(old: oldType, new: newType, wire: wire, flow: flow) {
        case .compatible: break
        case .lossy: impacts.add([wire], flow, .danger)
        case .broken: impacts.add([wire], flow, .error)
        }
      }
    }
    let sourceDiffers = types.sourceDiffers(old: oldType, new: newType)
    if sourceDiffers { impacts.source() }
    guard !impacts.impacts.isEmpty else { return }
    let rule = forced ?? classify(old: oldType, new: newType)
    let change = "\(TypeText.show(oldType)) → \(TypeText.show(newType))"
    let fix: String
    switch rule {
    case .integerWidened:
      fix =
        position.contains(.output)
        ? "old clients cannot decode values above the old range: add a new field with the wider type instead"
        : "new clients must not send values above the old range to old servers; keep the old range with @range until every server is updated"
    case .integerNarrowed: fix = "keep the wider type and restrict values with @range instead"
    case .fieldMadeOptional: fix = "give the field a default instead, or add a new optional field"
    case .fieldMadeRequired: fix = "keep it optional or give it a default value"
    case .methodRequestChanged, .methodResponseChanged:
      fix = "evolve the existing type (add optional fields) instead of replacing it"
    default:
      fix =
        impacts.impacts.allSatisfy({ $0.wire == .source })
        ? "the wires are unaffected; update Swift code that uses it"
        : "add a new element with the new type and deprecate this one"
    }
    report(
      rule, contract: contract, element: element, impacts: impacts.impacts, at: location,
      "\(noun) changed type \(change)", fix: fix)
  }

  private func classify(old: TypeReference?, new: TypeReference?) -> CompatRuleID {
    guard let old, let new else { return .typeChanged }
    let translated = mapping.translate(old)
    if case .optional(let inner) = translated, inner == new { return .fieldMadeRequired }
    if case .optional(let inner) = new, inner == translated { return .fieldMadeOptional }
    if case .builtin(let a) = old.unwrapped, case .builtin(let b) = new.unwrapped,
      old.isOptional == new.isOptional,
      let x = a.integerBounds, let y = b.integerBounds
    {
      if y.lowerBound <= x.lowerBound && x.upperBound <= y.upperBound { return .integerWidened }
      if x.lowerBound <= y.lowerBound && y.upperBound <= x.upperBound { return .integerNarrowed }
    }
    return .typeChanged
  }

  /// Reports constraint changes: enforced by servers on input (error), advisory on output (warning).
  mutating func compareConstraints(
    _ old: Constraints, _ new: Constraints, position: TypePosition, contract: String, element: String,
    noun: String, at location: SourceLocation
  ) {
    let comparison = ConstraintComparison(old: old, new: new)
    guard !comparison.isEmpty else { return }
    let groups: [(CompatRuleID, [ConstraintComparison.Change], Flow, String, String)] = [
      (
        .constraintTightened, comparison.tightened, .oldToNew, "tightened",
        position.contains(.input)
          ? "old clients may send values the new server rejects: tighten only on output, or keep accepting old values"
          : "clients do not validate replies; make sure new clients tolerate old servers' values"
      ),
      (
        .constraintLoosened, comparison.loosened, .newToOld, "loosened",
        position.contains(.input)
          ? "new clients may send values old servers reject: loosen only after every server is updated"
          : "old clients may receive values outside the old bounds: make sure they tolerate them"
      ),
      (
        .constraintChanged, comparison.changed, .both, "changed",
        "change it in two steps: loosen first, tighten once every peer has moved"
      ),
    ]
    for (rule, changes, flow, verb, fix) in groups where !changes.isEmpty {
      var impacts: [CompatImpact] = []
      if position.contains(.input) {
        var builder = ImpactBuilder(position: .input)
        builder.add([.json, .binary], flow, .error)
        impacts += builder.impacts
      }
      if position.contains(.output) {
        var builder = ImpactBuilder(position: .output)
        builder.add([.json, .binary], flow, .warning)
        impacts += builder.impacts
      }
      report(
        rule, contract: contract, element: element, impacts: impacts, at: location,
        "\(noun) constraint \(verb) on \(position): " + changes.map(\.text).joined(separator: ", "), fix: fix)
    }
  }
}
