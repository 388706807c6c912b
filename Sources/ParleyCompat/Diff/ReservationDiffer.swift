import ParleyFrontEnd

/// The three kinds of numbered members and their rules.
enum MemberKind {
  case field, enumCase, variant

  var noun: String {
    switch self {
    case .field: "field"
    case .enumCase: "case"
    case .variant: "variant"
    }
  }

  var removedRule: CompatRuleID {
    switch self {
    case .field: .fieldRemoved
    case .enumCase: .enumCaseRemoved
    case .variant: .unionVariantRemoved
    }
  }

  var removedUnreservedRule: CompatRuleID {
    switch self {
    case .field: .fieldRemovedUnreserved
    case .enumCase: .enumCaseRemovedUnreserved
    case .variant: .unionVariantRemovedUnreserved
    }
  }
}

extension DiffRun {
  /// Reports a removed field, case or variant, as reserved or not.
  mutating func reportRemovedMember(
    kind: MemberKind, number: Int, name: String, wasRequired: Bool, availability: Availability,
    location: SourceLocation, reserved: ReservedSet, _ context: DeclarationContext
  ) {
    var impacts = ImpactBuilder(position: context.position)
    switch kind {
    case .field:
      // Readers of the old contract still require it when it was required.
      if wasRequired { impacts.add([.json, .binary], .newToOld, .error) }
    case .enumCase, .variant:
      // Open enums and unions: values the old side sends arrive as `unknown`.
      impacts.add([.json, .binary], .oldToNew, .danger)
    }
    impacts.source()
    let numberReserved = reserved.entry(reserving: number) != nil
    let nameReserved = reserved.entry(reserving: name) != nil
    let what = "\(kind.noun) \(number) '\(name)' of \(context.name)"
    if numberReserved && nameReserved {
      report(
        kind.removedRule, contract: context.contract, element: context.element(name),
        impacts: impacts.impacts,
        at: location, enclosing: context.enclosing, "\(what) removed",
        fix: kind == .field && wasRequired
          ? "make it optional or give it a default in one version, remove it in a later one"
          : "deprecate it and stop sending it before removing it", wasDeprecated: availability.isDeprecated)
      return
    }
    if !numberReserved { impacts.add([.binary], .both, .danger) }
    if !nameReserved { impacts.add([.json], .both, .danger) }
    var missing: [String] = []
    if !numberReserved { missing.append("\(number)") }
    if !nameReserved { missing.append("\"\(name)\"") }
    report(
      kind.removedUnreservedRule, contract: context.contract, element: context.element(name),
      impacts: impacts.impacts, at: location, enclosing: context.enclosing,
      "\(what) removed without reserving it",
      fix: "add `reserved \(missing.joined(separator: ", "))` to \(context.name)",
      wasDeprecated: availability.isDeprecated)
  }

  /// `reserved-number-reused` / `reserved-name-reused` for a member added in the new version.
  mutating func checkReservedReuse(
    number: Int, name: String, noun: String, reserved: ReservedSet, at location: SourceLocation,
    _ context: DeclarationContext
  ) {
    if reserved.entry(reserving: number) != nil {
      var impacts = ImpactBuilder(position: context.position)
      impacts.add([.binary], .both, .error)
      report(
        .reservedNumberReused, contract: context.contract, element: context.element(name),
        impacts: impacts.impacts,
        at: location,
        "\(noun) '\(name)' of \(context.name) reuses number \(number), which the baseline reserves",
        fix: "use a fresh number and keep `reserved \(number)`")
    }
    if reserved.entry(reserving: name) != nil {
      var impacts = ImpactBuilder(position: context.position)
      impacts.add([.json], .both, .error)
      report(
        .reservedNameReused, contract: context.contract, element: context.element(name),
        impacts: impacts.impacts,
        at: location,
        "\(noun) \(number) of \(context.name) reuses the name '\(name)', which the baseline reserves",
        fix: "use a fresh name and keep `reserved \"\(name)\"`")
    }
  }

  /// `reservation-removed` for reserved numbers and names of the baseline that the new version
  /// neither reserves nor uses (uses are reported by ``checkReservedReuse``).
  mutating func diffReservations(
    _ old: ReservedSet, _ new: ReservedSet, usedNumbers: Set<Int>, usedNames: Set<String>,
    _ context: DeclarationContext
  ) {
    for entry in old.numbers {
      let covered: Bool
      if entry.range.count <= 100_000 {
        covered = entry.range.allSatisfy { new.entry(reserving: $0) != nil || usedNumbers.contains($0) }
      } else {
        covered = new.numbers.contains {
          $0.range.lowerBound <= entry.range.lowerBound && entry.range.upperBound <= $0.range.upperBound
        }
      }
      guard !covered else { continue }
      let text =
        entry.range.count == 1
        ? "\(entry.range.lowerBound)" : "\(entry.range.lowerBound)...\(entry.range.upperBound)"
      var impacts = ImpactBuilder(position: context.position)
      impacts.add([.binary], .both, .danger)
      report(
        .reservationRemoved, contract: context.contract, element: context.element("reserved(\(text))"),
        impacts: impacts.impacts, at: entry.location, enclosing: context.enclosing,
        "reserved \(text) of \(context.name) is no longer reserved", fix: "keep `reserved \(text)`")
    }
    for entry in old.names where new.entry(reserving: entry.name) == nil && !usedNames.contains(entry.name) {
      var impacts = ImpactBuilder(position: context.position)
      impacts.add([.json], .both, .danger)
      report(
        .reservationRemoved, contract: context.contract,
        element: context.element("reserved(\"\(entry.name)\")"),
        impacts: impacts.impacts, at: entry.location, enclosing: context.enclosing,
        "reserved name \"\(entry.name)\" of \(context.name) is no longer reserved",
        fix: "keep `reserved \"\(entry.name)\"`")
    }
  }
}
