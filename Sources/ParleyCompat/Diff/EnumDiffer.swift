import ParleyFrontEnd

extension DiffRun {
  /// Compares the cases of two versions of an enum.
  mutating func diffCases(_ o: EnumDeclaration, _ n: EnumDeclaration, _ context: DeclarationContext) {
    let match = MemberMatcher.match(
      old: o.cases.map { ($0.number, $0.name) }, new: n.cases.map { ($0.number, $0.name) })
    for (i, j) in match.pairs {
      let a = o.cases[i]
      let b = n.cases[j]
      diffIdentity(
        kind: .enumCase, oldNumber: a.number, oldName: a.name, newNumber: b.number, newName: b.name,
        at: b.location,
        context)
      checkAvailability(
        old: a.availability, new: b.availability, oldVersion: context.oldVersion,
        newVersion: context.newVersion,
        contract: context.contract, element: context.element(b.name),
        noun: "case \(b.number) '\(b.name)' of \(context.name)", at: b.location)
    }
    for i in match.removed {
      let a = o.cases[i]
      reportRemovedMember(
        kind: .enumCase, number: a.number, name: a.name, wasRequired: false, availability: a.availability,
        location: a.location, reserved: n.reserved, context)
    }
    for j in match.added {
      let b = n.cases[j]
      reportAddedMember(
        kind: .enumCase, number: b.number, name: b.name, availability: b.availability,
        reserved: o.reserved, at: b.location, context)
    }
    diffReservations(
      o.reserved, n.reserved, usedNumbers: Set(n.cases.map(\.number)),
      usedNames: Set(n.cases.map(\.name)), context)
  }

  /// Compares the variants of two versions of a union.
  mutating func diffVariants(_ o: UnionDeclaration, _ n: UnionDeclaration, _ context: DeclarationContext) {
    let match = MemberMatcher.match(
      old: o.variants.map { ($0.number, $0.name) }, new: n.variants.map { ($0.number, $0.name) })
    for (i, j) in match.pairs {
      let a = o.variants[i]
      let b = n.variants[j]
      let noun = "variant \(b.number) '\(b.name)' of \(context.name)"
      diffIdentity(
        kind: .variant, oldNumber: a.number, oldName: a.name, newNumber: b.number, newName: b.name,
        at: b.location,
        context)
      compareTypes(
        old: a.type, new: b.type, position: context.position, contract: context.contract,
        element: context.element(b.name), noun: noun, at: b.typeLocation)
      compareConstraints(
        a.constraints, b.constraints, position: context.position, contract: context.contract,
        element: context.element(b.name), noun: noun, at: b.location)
      checkAvailability(
        old: a.availability, new: b.availability, oldVersion: context.oldVersion,
        newVersion: context.newVersion,
        contract: context.contract, element: context.element(b.name), noun: noun, at: b.location)
    }
    for i in match.removed {
      let a = o.variants[i]
      reportRemovedMember(
        kind: .variant, number: a.number, name: a.name, wasRequired: false, availability: a.availability,
        location: a.location, reserved: n.reserved, context)
    }
    for j in match.added {
      let b = n.variants[j]
      reportAddedMember(
        kind: .variant, number: b.number, name: b.name, availability: b.availability,
        reserved: o.reserved, at: b.location, context)
    }
    diffReservations(
      o.reserved, n.reserved, usedNumbers: Set(n.variants.map(\.number)),
      usedNames: Set(n.variants.map(\.name)), context)
  }

  /// Renumbered (binary) or renamed (json, source) case or variant.
  private mutating func diffIdentity(
    kind: MemberKind, oldNumber: Int, oldName: String, newNumber: Int, newName: String,
    at location: SourceLocation,
    _ context: DeclarationContext
  ) {
    let element = context.element(newName)
    if oldNumber != newNumber {
      var impacts = ImpactBuilder(position: context.position)
      impacts.add([.binary], .both, .error)
      report(
        kind == .enumCase ? .enumCaseRenumbered : .unionVariantRenumbered, contract: context.contract,
        element: element, impacts: impacts.impacts, at: location,
        "\(kind.noun) '\(newName)' of \(context.name) renumbered \(oldNumber) → \(newNumber)",
        fix:
          "keep number \(oldNumber); binary readers of the other version decode another \(kind.noun) or unknown"
      )
    }
    if oldName != newName {
      var impacts = ImpactBuilder(position: context.position)
      impacts.add([.json], .both, .error)
      impacts.source()
      report(
        kind == .enumCase ? .enumCaseRenamed : .unionVariantRenamed, contract: context.contract,
        element: element,
        impacts: impacts.impacts, at: location,
        "\(kind.noun) \(newNumber) of \(context.name) renamed '\(oldName)' → '\(newName)'",
        fix: "keep the name '\(oldName)'; JSON readers of the other version see unknown")
    }
  }

  private mutating func reportAddedMember(
    kind: MemberKind, number: Int, name: String, availability: Availability, reserved: ReservedSet,
    at location: SourceLocation, _ context: DeclarationContext
  ) {
    checkReservedReuse(number: number, name: name, noun: kind.noun, reserved: reserved, at: location, context)
    checkAvailability(
      old: nil, new: availability, oldVersion: context.oldVersion, newVersion: context.newVersion,
      contract: context.contract, element: context.element(name),
      noun: "\(kind.noun) \(number) '\(name)' of \(context.name)", at: location)
    var impacts = ImpactBuilder(position: context.position)
    impacts.add([.json, .binary], .newToOld, .info)
    impacts.source(.warning)
    report(
      kind == .enumCase ? .enumCaseAdded : .unionVariantAdded, contract: context.contract,
      element: context.element(name), impacts: impacts.impacts, at: location,
      "\(kind.noun) \(number) '\(name)' added to \(context.name)",
      fix: "readers of the old contract see unknown; exhaustive switches need a new case")
  }
}
