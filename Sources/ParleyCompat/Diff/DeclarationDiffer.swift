import ParleyFrontEnd

extension DiffRun {
  /// Compares two versions of one contract: declarations, then services.
  mutating func diffContract(_ o: Contract, _ n: Contract) {
    let mappedNew = Set(mapping.declarations.values)
    for declaration in o.declarations where declaration.kind != .service {
      guard let reference = mapping.newReference(for: declaration.reference),
        let partner = new.declaration(reference)
      else {
        reportRemovedDeclaration(declaration, in: n)
        continue
      }
      let element = partner.name
      if partner.name != declaration.name {
        var impacts = ImpactBuilder(position: .both)
        impacts.source()
        let identical =
          Signature.of(declaration, translating: mapping) == Signature.of(partner, translating: nil)
        report(
          .declarationRenamed, contract: n.name, element: element, impacts: impacts.impacts,
          at: partner.nameLocation,
          "\(declaration.kind.rawValue) '\(declaration.name)' renamed to '\(partner.name)' "
            + (identical
              ? "(same structure)" : "(used in the same place; its changes are listed separately)"),
          fix: "keep the name '\(declaration.name)'; the wires are unaffected, only Swift code breaks")
      }
      checkAvailability(
        old: declaration.availability, new: partner.availability, oldVersion: o.version,
        newVersion: n.version,
        contract: n.name, element: element, noun: "\(partner.kind.rawValue) '\(partner.name)'",
        at: partner.nameLocation)
      let position = self.position(old: declaration.reference, new: partner.reference)
      let context = DeclarationContext(
        contract: n.name, name: partner.name, oldVersion: o.version, newVersion: n.version,
        position: position, location: partner.nameLocation)
      switch (declaration, partner) {
      case (.struct(let a), .struct(let b)):
        diffFields(a.fields, a.reserved, b.fields, b.reserved, context)
      case (.error(let a), .error(let b)):
        if a.code != b.code {
          var impacts = ImpactBuilder(position: .output)
          impacts.add([.json, .binary], .both, .danger)
          report(
            .errorCodeChanged, contract: n.name, element: element, impacts: impacts.impacts,
            at: b.codeLocation,
            "error '\(b.name)' changed code \(a.code) → \(b.code)",
            fix: "keep code \(a.code); add a new error for the new code")
        }
        diffFields(a.fields, a.reserved, b.fields, b.reserved, context)
      case (.enum(let a), .enum(let b)):
        diffCases(a, b, context)
      case (.union(let a), .union(let b)):
        diffVariants(a, b, context)
      case (.distinctType(let a), .distinctType(let b)):
        compareTypes(
          old: .builtin(a.underlying), new: .builtin(b.underlying), position: position,
          contract: n.name, element: element, noun: "type '\(b.name)'", at: b.nameLocation)
        compareConstraints(
          a.constraints, b.constraints, position: position, contract: n.name, element: element,
          noun: "type '\(b.name)'", at: b.nameLocation)
      default:
        var impacts = ImpactBuilder(position: position)
        impacts.add([.json, .binary], .both, .error)
        impacts.source()
        report(
          .declarationKindChanged, contract: n.name, element: element, impacts: impacts.impacts,
          at: partner.nameLocation,
          "'\(partner.name)' changed from \(declaration.kind.rawValue) to \(partner.kind.rawValue)",
          fix:
            "add a new \(partner.kind.rawValue) under a new name and deprecate the \(declaration.kind.rawValue)"
        )
      }
    }
    for declaration in n.declarations
    where declaration.kind != .service && !mappedNew.contains(declaration.reference) {
      report(
        .declarationAdded, contract: n.name, element: declaration.name, at: declaration.nameLocation,
        "\(declaration.kind.rawValue) '\(declaration.name)' added", fix: "nothing to do")
      checkAvailability(
        old: nil, new: declaration.availability, oldVersion: o.version, newVersion: n.version,
        contract: n.name,
        element: declaration.name, noun: "\(declaration.kind.rawValue) '\(declaration.name)'",
        at: declaration.nameLocation)
    }
    diffServices(o, n)
  }

  private mutating func reportRemovedDeclaration(_ declaration: Declaration, in n: Contract) {
    var impacts = ImpactBuilder(position: .both)
    impacts.source()
    report(
      .declarationRemoved, contract: n.name, element: declaration.name, impacts: impacts.impacts,
      at: declaration.nameLocation, enclosing: CompatEnclosing(name: n.name, location: n.location),
      "\(declaration.kind.rawValue) '\(declaration.name)' removed",
      fix: "keep it marked @deprecated until no code uses it",
      wasDeprecated: declaration.availability.isDeprecated)
  }
}

/// Where the members being compared live: the new declaration and its contract.
struct DeclarationContext {
  var contract: String
  var name: String
  var oldVersion: Int
  var newVersion: Int
  var position: TypePosition
  var location: SourceLocation

  var enclosing: CompatEnclosing { CompatEnclosing(name: name, location: location) }

  func element(_ member: String) -> String { "\(name).\(member)" }
}
