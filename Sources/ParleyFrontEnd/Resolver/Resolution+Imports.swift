extension Resolution {
  /// Resolves the `import` statements of one file against the loaded files.
  func resolveImports(_ index: Int) {
    let unit = units[index]
    var seen: [String: SourceLocation] = [:]
    for statement in unit.syntax.imports {
      let spelledPath = ContractPath.resolve(statement.path, relativeTo: unit.syntax.path)
      let resolvedPath = aliases[spelledPath] ?? spelledPath
      if let first = seen[resolvedPath] {
        report(
          Diagnostic(
            .duplicateImport, at: statement.pathLocation, "'\(statement.path)' is already imported",
            related: [first],
            fix: "remove this import"))
        continue
      }
      seen[resolvedPath] = statement.pathLocation
      let target = unitByPath[resolvedPath]
      if target == nil {
        report(
          Diagnostic(
            .missingImport, at: statement.pathLocation,
            "cannot find imported file '\(statement.path)' (looked for \(resolvedPath))",
            fix: "import paths are relative to the importing file"))
      }
      var contract: String?
      if let target, units[target].isPublished { contract = units[target].contractName }
      units[index].imports.append(
        Import(
          path: statement.path, resolvedPath: resolvedPath, contract: contract, location: statement.location))
      if let target, target != index { units[index].importedUnits.append(target) }
      if target == index {
        report(
          Diagnostic(
            .importCycle, at: statement.pathLocation, "import cycle: \(unit.syntax.path) imports itself",
            fix: "remove this import"))
      }
    }
  }

  /// Reports every cycle in the import graph once, at the import that closes it (iterative DFS).
  func reportImportCycles() {
    enum Color { case white, grey, black }
    var color = [Color](repeating: .white, count: units.count)
    for start in units.indices where color[start] == .white {
      // Stack of (unit, next import position); `path` mirrors the grey units in order.
      var stack: [(unit: Int, next: Int)] = [(start, 0)]
      color[start] = .grey
      while let top = stack.last {
        let imports = units[top.unit].importedUnits
        if top.next >= imports.count {
          color[top.unit] = .black
          stack.removeLast()
          continue
        }
        stack[stack.count - 1].next += 1
        let target = imports[top.next]
        switch color[target] {
        case .white:
          color[target] = .grey
          stack.append((target, 0))
        case .grey:
          guard let from = stack.firstIndex(where: { $0.unit == target }) else { continue }
          let cycle = stack[from...].map { units[$0.unit].syntax.path } + [units[target].syntax.path]
          let location =
            units[top.unit].syntax.imports.first {
              ContractPath.resolve($0.path, relativeTo: units[top.unit].syntax.path)
                == units[target].syntax.path
            }?.pathLocation ?? SourceLocation(path: units[top.unit].syntax.path, line: 1, column: 1)
          report(
            Diagnostic(
              .importCycle, at: location, "import cycle: " + cycle.joined(separator: " → "),
              fix: "move the shared declarations into a file that both import"))
        case .black:
          continue
        }
      }
    }
  }
}
