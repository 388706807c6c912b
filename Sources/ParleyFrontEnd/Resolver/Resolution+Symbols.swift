extension Resolution {
  /// Records each declaration of a file under its name, reporting duplicates and built-in names.
  func buildSymbolTable(_ index: Int) {
    let unit = units[index]
    var table: [String: Symbol] = [:]
    for declaration in unit.syntax.declarations {
      let name = declaration.name
      if BuiltinType(rawValue: name.text) != nil {
        report(
          Diagnostic(
            .builtinNameRedeclared, at: name.location,
            "'\(name.text)' is a built-in type and cannot be redeclared",
            fix: "choose another name"))
        continue
      }
      if let first = table[name.text] {
        report(
          Diagnostic(
            .duplicateDeclaration, at: name.location,
            "'\(name.text)' is already declared as a \(first.kind.rawValue) in this contract",
            related: [first.syntax.name.location], fix: "rename one of them"))
        continue
      }
      let symbol = Symbol(
        kind: declaration.kind, syntax: declaration,
        reference: DeclarationReference(contract: unit.contractName, name: name.text), unit: index)
      table[name.text] = symbol
      symbolsByReference[symbol.reference] = symbol
    }
    units[index].symbols = table
  }

  /// Resolves distinct types and collects enum case names first: field checks depend on them.
  func collectDistinctTypesAndEnums(_ index: Int) {
    for symbol in units[index].symbols.values.sorted(by: { $0.syntax.location < $1.syntax.location }) {
      switch symbol.kind {
      case .distinctType:
        if let model = buildDistinctType(symbol) { distinctTypes[symbol.reference] = model }
      case .enum:
        enumCases[symbol.reference] = symbol.syntax.members.map(\.name.text)
      default:
        break
      }
    }
  }

  // MARK: Name lookup

  /// Looks up a written type name from `unit`; reports unknown and ambiguous names.
  func lookup(_ segments: [String], at location: SourceLocation, from index: Int) -> Symbol? {
    guard let name = segments.last else { return nil }
    let unit = units[index]
    if segments.count == 1 {
      if let own = unit.symbols[name] { return own }
      let found = unit.importedUnits.compactMap { units[$0].symbols[name] }
      if found.count == 1 { return found[0] }
      if found.count > 1 {
        let names = found.map { "\(units[$0.unit].contractName).\(name)" }
        report(
          Diagnostic(
            .ambiguousType, at: location,
            "'\(name)' is ambiguous: it is declared in "
              + found.map { "'\(units[$0.unit].contractName)'" }.joined(separator: " and "),
            related: found.map(\.syntax.name.location),
            fix: "qualify it as " + names.map { "'\($0)'" }.joined(separator: " or ")))
        return nil
      }
      reportUnknownType(
        name, written: name, at: location, from: index, searched: [index] + unit.importedUnits)
      return nil
    }
    let qualifier = segments.dropLast().joined(separator: ".")
    let written = segments.joined(separator: ".")
    let candidates = ([index] + unit.importedUnits).filter { candidate in
      units[candidate].isPublished
        && (units[candidate].contractName == qualifier || units[candidate].shortName == qualifier)
    }
    if candidates.isEmpty {
      let known = unit.importedUnits.filter { units[$0].isPublished }.flatMap {
        [units[$0].contractName, units[$0].shortName]
      }
      var fix = suggest(qualifier, among: known).map { "did you mean '\($0).\(name)'?" }
      if let loaded = unitByContractName[qualifier]
        ?? units.indices.first(where: { units[$0].isPublished && units[$0].shortName == qualifier })
      {
        fix =
          "import \"\(relativeImportPath(from: unit.syntax.path, to: units[loaded].syntax.path))\" to use it"
      }
      report(
        Diagnostic(.unknownType, at: location, "unknown contract '\(qualifier)' in '\(written)'", fix: fix))
      return nil
    }
    let found = candidates.compactMap { units[$0].symbols[name] }
    if found.count == 1 { return found[0] }
    if found.count > 1 {
      report(
        Diagnostic(
          .ambiguousType, at: location,
          "'\(written)' is ambiguous: several imported contracts are called '\(qualifier)'",
          related: found.map(\.syntax.name.location),
          fix: "qualify it as "
            + found.map { "'\(units[$0.unit].contractName).\(name)'" }.joined(separator: " or ")))
      return nil
    }
    reportUnknownType(name, written: written, at: location, from: index, searched: candidates)
    return nil
  }

  func reportUnknownType(
    _ name: String, written: String, at location: SourceLocation, from index: Int, searched: [Int]
  ) {
    var candidates = Set(BuiltinType.allCases.map(\.name))
    for unit in searched { candidates.formUnion(units[unit].symbols.keys) }
    let prefix = written.count > name.count ? String(written.dropLast(name.count)) : ""
    var fix: String?
    if let elsewhere = units.indices.first(where: {
      !searched.contains($0) && units[$0].isPublished && units[$0].symbols[name] != nil
    }) {
      let path = relativeImportPath(from: units[index].syntax.path, to: units[elsewhere].syntax.path)
      fix = "'\(name)' is declared in '\(units[elsewhere].contractName)'; add import \"\(path)\""
    } else {
      fix = suggest(name, among: candidates).map { "did you mean '\(prefix)\($0)'?" }
    }
    report(Diagnostic(.unknownType, at: location, "unknown type '\(written)'", fix: fix))
  }

  /// The path to write in an `import` in `from` to reach `to`.
  func relativeImportPath(from: String, to: String) -> String {
    let fromParts = ContractPath.directory(of: from).split(separator: "/").filter { $0 != "." }
    let toParts = to.split(separator: "/")
    var common = 0
    while common < fromParts.count, common < toParts.count - 1, fromParts[common] == toParts[common] {
      common += 1
    }
    let ups = Array(repeating: "..", count: fromParts.count - common)
    return (ups + toParts[common...].map(String.init)).joined(separator: "/")
  }

  /// A "did you mean" suggestion while the run's budget lasts.
  func suggest(_ name: String, among candidates: some Sequence<String>) -> String? {
    guard suggestionBudget > 0 else { return nil }
    suggestionBudget -= 1
    return Suggestions.closest(to: name, among: candidates)
  }
}
