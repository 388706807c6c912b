extension Resolution {
  /// The largest field, case, variant and reserved number.
  static let maximumMemberNumber = 536_870_911

  /// Builds the model of one file (also for unpublished files, so that all their problems are reported).
  func buildContract(_ index: Int) -> Contract {
    let unit = units[index]
    var declarations: [Declaration] = []
    for declaration in unit.syntax.declarations {
      guard let symbol = unit.symbols[declaration.name.text], symbol.syntax.location == declaration.location
      else {
        // A duplicate or built-in name (already reported): still check its insides.
        _ = buildDeclaration(
          Symbol(
            kind: declaration.kind, syntax: declaration,
            reference: DeclarationReference(contract: unit.contractName, name: declaration.name.text),
            unit: index))
        continue
      }
      if let model = buildDeclaration(symbol) { declarations.append(model) }
    }
    let header = unit.syntax.header
    let location = header?.location ?? SourceLocation(path: unit.syntax.path, line: 1, column: 1)
    return Contract(
      name: unit.contractName, version: unit.version ?? 1, path: unit.syntax.path,
      relativePath: root.map { ContractPath.relative(unit.syntax.path, to: $0) } ?? unit.syntax.path,
      isRequested: unit.isRequested, doc: header?.doc, location: location, imports: unit.imports,
      declarations: declarations)
  }

  func buildDeclaration(_ symbol: Symbol) -> Declaration? {
    let syntax = symbol.syntax
    let version = units[symbol.unit].version
    if syntax.kind != .service {
      for method in syntax.methods {
        report(
          Diagnostic(
            .misplacedMember, at: method.location,
            "methods belong in a service, not in \(AttributeSubject.declaration(syntax.kind).description)"))
      }
    }
    switch syntax.kind {
    case .distinctType:
      return distinctTypes[symbol.reference].map { .distinctType($0) }
    case .struct:
      let attributes = checkAttributes(syntax.attributes, on: .declaration(.struct), version: version)
      let reserved = buildReserved(syntax)
      let fields = buildFields(syntax, unit: symbol.unit, reserved: reserved)
      return .struct(
        StructDeclaration(
          contract: symbol.reference.contract, name: syntax.name.text, fields: fields, reserved: reserved,
          availability: attributes.availability, doc: syntax.doc, location: syntax.location,
          nameLocation: syntax.name.location))
    case .error:
      let attributes = checkAttributes(syntax.attributes, on: .declaration(.error), version: version)
      let reserved = buildReserved(syntax)
      let fields = buildFields(syntax, unit: symbol.unit, reserved: reserved)
      var code = 0
      if let codeSyntax = syntax.code {
        if let value = codeSyntax.integerValue, value >= 1, value <= Int128(Int32.max) {
          code = Int(value)
        } else if isWholeNumber(codeSyntax) {
          report(
            Diagnostic(
              .errorCodeOutOfRange, at: codeSyntax.location,
              "error code \(codeSyntax.spelling) is out of range; codes are 1…2147483647"))
        }
      }
      return .error(
        ErrorDeclaration(
          contract: symbol.reference.contract, name: syntax.name.text, code: code, fields: fields,
          reserved: reserved,
          availability: attributes.availability, doc: syntax.doc, location: syntax.location,
          nameLocation: syntax.name.location, codeLocation: syntax.code?.location))
    case .enum:
      let attributes = checkAttributes(syntax.attributes, on: .declaration(.enum), version: version)
      let reserved = buildReserved(syntax)
      let numbers = checkNumberedMembers(syntax, what: "case", reserved: reserved)
      var cases: [EnumCase] = []
      for (member, number) in zip(syntax.members, numbers) {
        if let type = member.type {
          report(
            Diagnostic(
              .misplacedMember, at: type.location, "enum cases carry no value",
              fix: "use a union for cases that carry values"))
        }
        if let value = member.defaultValue {
          report(Diagnostic(.defaultNotAllowed, at: value.location, "enum cases cannot have a default"))
        }
        let values = checkAttributes(member.attributes, on: .enumCase, version: version)
        guard let number else { continue }
        cases.append(
          EnumCase(
            number: number, name: member.name.text, availability: values.availability, doc: member.doc,
            location: member.location, nameLocation: member.name.location))
      }
      return .enum(
        EnumDeclaration(
          contract: symbol.reference.contract, name: syntax.name.text, cases: cases, reserved: reserved,
          availability: attributes.availability, doc: syntax.doc, location: syntax.location,
          nameLocation: syntax.name.location))
    case .union:
      let attributes = checkAttributes(syntax.attributes, on: .declaration(.union), version: version)
      let reserved = buildReserved(syntax)
      let numbers = checkNumberedMembers(syntax, what: "variant", reserved: reserved)
      var variants: [UnionVariant] = []
      for (member, number) in zip(syntax.members, numbers) {
        guard let typeSyntax = member.type else {
          report(
            Diagnostic(
              .misplacedMember, at: member.name.location, "union variant '\(member.name.text)' needs a type",
              fix: "write '\(member.number.spelling) \(member.name.text): Type'"))
          continue
        }
        var type = resolveType(typeSyntax, from: symbol.unit)
        if let resolved = type, resolved.isOptional {
          report(
            Diagnostic(
              .optionalVariant, at: typeSyntax.location, "union variants cannot be optional",
              fix: "remove the '?'"))
          type = nil
        }
        if let value = member.defaultValue {
          report(Diagnostic(.defaultNotAllowed, at: value.location, "union variants cannot have a default"))
        }
        let values = checkAttributes(
          member.attributes, on: .member("a union variant", type), version: version)
        guard let number, let type else { continue }
        variants.append(
          UnionVariant(
            number: number, name: member.name.text, type: type, constraints: values.constraints,
            availability: values.availability, doc: member.doc, location: member.location,
            nameLocation: member.name.location, typeLocation: typeSyntax.location))
      }
      return .union(
        UnionDeclaration(
          contract: symbol.reference.contract, name: syntax.name.text, variants: variants, reserved: reserved,
          availability: attributes.availability, doc: syntax.doc, location: syntax.location,
          nameLocation: syntax.name.location))
    case .service:
      let attributes = checkAttributes(syntax.attributes, on: .declaration(.service), version: version)
      for member in syntax.members {
        report(
          Diagnostic(
            .misplacedMember, at: member.location, "services hold methods, not numbered members",
            fix: "declare the field in a struct"))
      }
      for reserved in syntax.reserved {
        report(Diagnostic(.misplacedMember, at: reserved.location, "'reserved' is not allowed in a service"))
      }
      let methods = buildMethods(syntax, unit: symbol.unit)
      return .service(
        ServiceDeclaration(
          contract: symbol.reference.contract, name: syntax.name.text, methods: methods,
          availability: attributes.availability, doc: syntax.doc, location: syntax.location,
          nameLocation: syntax.name.location))
    }
  }

  /// `type X = Builtin @constraints`.
  func buildDistinctType(_ symbol: Symbol) -> DistinctTypeDeclaration? {
    let syntax = symbol.syntax
    var underlying: BuiltinType?
    if let type = syntax.underlying {
      if case .named(let segments, _) = type, segments.count == 1,
        let builtin = BuiltinType(rawValue: segments[0])
      {
        underlying = builtin
      } else if case .invalid = type {
        underlying = nil
      } else {
        report(
          Diagnostic(
            .invalidDistinctType, at: type.location,
            "'type \(syntax.name.text)' must wrap a built-in scalar type such as String or Int64",
            fix: "use a struct to give a name to other types"))
      }
    }
    let values = checkAttributes(
      syntax.attributes, on: .distinctType(underlying), version: units[symbol.unit].version)
    guard let underlying else { return nil }
    return DistinctTypeDeclaration(
      contract: symbol.reference.contract, name: syntax.name.text, underlying: underlying,
      constraints: values.constraints, availability: values.availability, doc: syntax.doc,
      location: syntax.location,
      nameLocation: syntax.name.location)
  }

  /// The fields of a struct or error.
  func buildFields(_ syntax: DeclarationSyntax, unit: Int, reserved: ReservedSet) -> [Field] {
    let numbers = checkNumberedMembers(syntax, what: "field", reserved: reserved)
    let version = units[unit].version
    var fields: [Field] = []
    for (member, number) in zip(syntax.members, numbers) {
      guard let typeSyntax = member.type else {
        report(
          Diagnostic(
            .misplacedMember, at: member.name.location, "field '\(member.name.text)' needs a type",
            fix: "write '\(member.number.spelling) \(member.name.text): Type'"))
        continue
      }
      let type = resolveType(typeSyntax, from: unit)
      let values = checkAttributes(member.attributes, on: .member("a field", type), version: version)
      var defaultValue: DefaultValue?
      if let literal = member.defaultValue, let type {
        defaultValue = checkDefault(literal, for: type, constraints: values.constraints)
      }
      guard let number, let type else { continue }
      fields.append(
        Field(
          number: number, name: member.name.text, type: type, defaultValue: defaultValue,
          constraints: values.constraints, availability: values.availability, doc: member.doc,
          location: member.location, nameLocation: member.name.location, typeLocation: typeSyntax.location,
          defaultLocation: member.defaultValue?.location))
    }
    return fields
  }
}
