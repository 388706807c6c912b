import ParleyFrontEnd

extension DiffRun {
  /// Compares the fields of two versions of a struct or error.
  mutating func diffFields(
    _ oldFields: [Field], _ oldReserved: ReservedSet, _ newFields: [Field], _ newReserved: ReservedSet,
    _ context: DeclarationContext
  ) {
    let match = MemberMatcher.match(
      old: oldFields.map { ($0.number, $0.name) }, new: newFields.map { ($0.number, $0.name) })
    for (i, j) in match.pairs { diffField(oldFields[i], newFields[j], context) }

    var added = match.added
    for i in match.removed {
      let field = oldFields[i]
      if let offset = added.firstIndex(where: { movedIntoUnion(field, newFields[$0]) }) {
        reportMovedIntoUnion(field, newFields[added[offset]], context)
        added.remove(at: offset)
        continue
      }
      reportRemovedMember(
        kind: .field, number: field.number, name: field.name, wasRequired: field.isRequired,
        availability: field.availability, location: field.location, reserved: newReserved, context)
    }
    for j in added {
      let field = newFields[j]
      checkReservedReuse(
        number: field.number, name: field.name, noun: "field", reserved: oldReserved,
        at: field.location, context)
      checkAvailability(
        old: nil, new: field.availability, oldVersion: context.oldVersion, newVersion: context.newVersion,
        contract: context.contract, element: context.element(field.name),
        noun: "field \(field.number) '\(field.name)' of \(context.name)", at: field.location)
      if field.isRequired {
        var impacts = ImpactBuilder(position: context.position)
        impacts.add([.json, .binary], .oldToNew, .error)
        impacts.source()
        report(
          .fieldAddedRequired, contract: context.contract, element: context.element(field.name),
          impacts: impacts.impacts, at: field.location,
          "required field \(field.number) '\(field.name)' added to \(context.name)",
          fix: "make it optional (`\(field.name): \(TypeText.show(field.type))?`) or give it a default")
      } else {
        let how = field.isOptional ? "optional" : "defaulted (= \(field.defaultValue?.description ?? ""))"
        report(
          .fieldAdded, contract: context.contract, element: context.element(field.name), at: field.location,
          "\(how) field \(field.number) '\(field.name)' added to \(context.name)", fix: "nothing to do")
      }
    }
    diffReservations(
      oldReserved, newReserved, usedNumbers: Set(newFields.map(\.number)),
      usedNames: Set(newFields.map(\.name)), context)
  }

  private mutating func diffField(_ o: Field, _ n: Field, _ context: DeclarationContext) {
    let element = context.element(n.name)
    let noun = "field \(n.number) '\(n.name)' of \(context.name)"
    if o.number != n.number {
      var impacts = ImpactBuilder(position: context.position)
      impacts.add([.binary], .both, .error)
      report(
        .fieldRenumbered, contract: context.contract, element: element, impacts: impacts.impacts,
        at: n.location,
        "field '\(n.name)' of \(context.name) renumbered \(o.number) → \(n.number)",
        fix: "keep number \(o.number); numbers identify fields on the binary wire")
    }
    if o.name != n.name {
      var impacts = ImpactBuilder(position: context.position)
      impacts.add([.json], .both, .error)
      impacts.source()
      report(
        .fieldRenamed, contract: context.contract, element: element, impacts: impacts.impacts,
        at: n.nameLocation,
        "field \(n.number) of \(context.name) renamed '\(o.name)' → '\(n.name)'",
        fix: "keep the name '\(o.name)'; names identify fields on the JSON wire and in Swift")
    }
    compareTypes(
      old: o.type, new: n.type, position: context.position, contract: context.contract, element: element,
      noun: noun, at: n.typeLocation)
    if let old = o.defaultValue, let new = n.defaultValue, old != new {
      var impacts = ImpactBuilder(position: context.position)
      impacts.add([.json, .binary], .oldToNew, .warning)
      impacts.source(.warning)
      report(
        .fieldDefaultChanged, contract: context.contract, element: element, impacts: impacts.impacts,
        at: n.defaultLocation ?? n.location, "\(noun) changed its default \(old) → \(new)",
        fix:
          "keep the default \(old); it only fills in for writers that predate the field, so a new meaning needs a new field"
      )
    } else if let old = o.defaultValue, n.defaultValue == nil, !n.isOptional, !o.isOptional {
      var impacts = ImpactBuilder(position: context.position)
      impacts.add([.json, .binary], .oldToNew, .danger)
      impacts.source()
      report(
        .fieldDefaultRemoved, contract: context.contract, element: element, impacts: impacts.impacts,
        at: n.location, "\(noun) lost its default \(old) and is now required", fix: "keep `= \(old)`")
    }
    compareConstraints(
      o.constraints, n.constraints, position: context.position, contract: context.contract, element: element,
      noun: noun, at: n.location)
    checkAvailability(
      old: o.availability, new: n.availability, oldVersion: context.oldVersion,
      newVersion: context.newVersion,
      contract: context.contract, element: element, noun: noun, at: n.location)
  }

  /// Whether `added` is a union-typed field with a variant named like the removed field.
  private func movedIntoUnion(_ removed: Field, _ added: Field) -> Bool {
    guard case .named(let reference) = added.type.unwrapped,
      case .union(let union)? = new.declaration(reference)
    else { return false }
    return union.variant(named: removed.name) != nil
  }

  private mutating func reportMovedIntoUnion(_ o: Field, _ n: Field, _ context: DeclarationContext) {
    var impacts = ImpactBuilder(position: context.position)
    if o.isRequired { impacts.add([.json, .binary], .newToOld, .error) }
    if n.isRequired { impacts.add([.json, .binary], .oldToNew, .error) }
    impacts.add([.json, .binary], .both, .danger)
    impacts.source()
    report(
      .fieldMovedIntoUnion, contract: context.contract, element: context.element(o.name),
      impacts: impacts.impacts,
      at: n.location,
      "field \(o.number) '\(o.name)' of \(context.name) moved into union field \(n.number) '\(n.name)' (\(TypeText.show(n.type)))",
      fix:
        "keep field \(o.number) '\(o.name)' (deprecated) and fill both during the transition; then `reserved \(o.number), \"\(o.name)\"`"
    )
  }
}
