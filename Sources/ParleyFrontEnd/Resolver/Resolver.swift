/// Resolves and checks parsed files into one ``ContractSet``: the *resolve/check* stage.
///
/// Names are looked up in the file's own contract first, then in the contracts it imports
/// directly (qualified by the imported contract's full name or its last segment, or
/// unqualified when only one import declares the name). Every check of `docs/language.md`
/// runs here; problems become diagnostics, never crashes.
public enum Resolver {
  /// Resolves `files` (every file that was loaded, including imported ones).
  ///
  /// - Parameters:
  ///   - files: the parsed files; their order does not matter (they are sorted by path).
  ///   - requestedPaths: normalized paths the user asked for; others were loaded only through
  ///     imports. `nil` means every file was requested.
  ///   - root: when given, ``Contract/relativePath`` is relative to this directory.
  ///   - aliases: import targets spelled differently from the loaded file they name (`link/b.ipc`
  ///     → `real/b.ipc`), so an import finds a file that was loaded under another spelling.
  /// - Returns: the resolved contracts (files without a valid, unique contract header are left
  ///   out) and every diagnostic, including those of the earlier stages, sorted by location.
  public static func resolve(
    _ files: [ParsedFile], requestedPaths: Set<String>? = nil, root: String? = nil,
    aliases: [String: String] = [:]
  ) -> (ContractSet, [Diagnostic]) {
    let resolution = Resolution(files: files, requestedPaths: requestedPaths, root: root, aliases: aliases)
    let set = resolution.run()
    var all = files.flatMap(\.diagnostics)
    all += resolution.diagnostics
    return (set, DiagnosticRenderer.sorted(all))
  }
}

/// One declaration's entry in its contract's symbol table.
struct Symbol {
  var kind: DeclarationKind
  var syntax: DeclarationSyntax
  var reference: DeclarationReference
  var unit: Int
}

/// What the resolver knows about one file.
struct FileUnit {
  var syntax: SyntaxFile
  /// The contract's name, or a placeholder that cannot clash when the header is invalid or a duplicate.
  var contractName: String
  var shortName: String
  /// Whether the contract goes into the resulting set.
  var isPublished: Bool
  var version: Int?
  var isRequested: Bool
  var importedUnits: [Int] = []
  var imports: [Import] = []
  var symbols: [String: Symbol] = [:]
}

/// The mutable state of one resolution run.
final class Resolution {
  var diagnostics: [Diagnostic] = []
  var units: [FileUnit] = []
  var unitByPath: [String: Int] = [:]
  var unitByContractName: [String: Int] = [:]
  var symbolsByReference: [DeclarationReference: Symbol] = [:]
  var distinctTypes: [DeclarationReference: DistinctTypeDeclaration] = [:]
  var enumCases: [DeclarationReference: [String]] = [:]
  /// How many more "did you mean" searches may run: bounds the work on hostile input.
  var suggestionBudget = 1000
  let root: String?
  /// Import-target spellings of files that were loaded under another path.
  let aliases: [String: String]

  init(files: [ParsedFile], requestedPaths: Set<String>?, root: String?, aliases: [String: String] = [:]) {
    self.root = root
    self.aliases = aliases
    let sorted = files.sorted { Array($0.syntax.path.utf8).lexicographicallyPrecedes($1.syntax.path.utf8) }
    for file in sorted where unitByPath[file.syntax.path] == nil {
      let path = file.syntax.path
      unitByPath[path] = units.count
      units.append(
        FileUnit(
          syntax: file.syntax, contractName: "<\(path)>", shortName: "", isPublished: false, version: nil,
          isRequested: requestedPaths?.contains(path) ?? true))
    }
  }

  func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

  func run() -> ContractSet {
    for index in units.indices { checkHeader(index) }
    for index in units.indices { resolveImports(index) }
    reportImportCycles()
    for index in units.indices { buildSymbolTable(index) }
    for index in units.indices { collectDistinctTypesAndEnums(index) }
    var contracts: [Contract] = []
    var models: [DeclarationReference: Declaration] = [:]
    for index in units.indices {
      let contract = buildContract(index)
      for declaration in contract.declarations { models[declaration.reference] = declaration }
      if units[index].isPublished { contracts.append(contract) }
    }
    checkErrorCodes(contracts)
    checkRecursiveStructs(models)
    return ContractSet(contracts: contracts)
  }

  // MARK: Headers

  func checkHeader(_ index: Int) {
    guard let header = units[index].syntax.header else { return }
    let name = header.name.text
    var valid = ContractNames.isValid(name)
    if !valid {
      report(
        Diagnostic(
          .invalidContractName, at: header.name.location,
          "contract name '\(name)' must be a dotted lowercase path such as 'shop.orders'",
          fix: ContractNames.suggestion(for: name).map { "write '\($0)'" }))
    }
    if let version = header.version {
      if let value = version.integerValue, value >= 1, value <= Int128(Int32.max) {
        units[index].version = Int(value)
      } else if !isWholeNumber(version) {
        valid = false
      } else {
        valid = false
        report(
          Diagnostic(
            .invalidVersion, at: version.location,
            "contract version '\(version.spelling)' must be a positive integer (1…2147483647)"))
      }
    } else {
      valid = false
    }
    guard valid else { return }
    if let first = unitByContractName[name] {
      let firstLocation = units[first].syntax.header?.name.location ?? header.name.location
      report(
        Diagnostic(
          .duplicateContract, at: header.name.location,
          "contract '\(name)' is already declared by another file",
          related: [firstLocation], fix: "give each contract its own name"))
      return
    }
    unitByContractName[name] = index
    units[index].contractName = name
    units[index].shortName = String(name.split(separator: ".").last ?? Substring(name))
    units[index].isPublished = true
  }
}

/// Rules for contract names.
enum ContractNames {
  /// Dotted lowercase path: segments `[a-z][a-z0-9_]*` joined by `.`.
  static func isValid(_ name: String) -> Bool {
    let segments = name.split(separator: ".", omittingEmptySubsequences: false)
    return !segments.isEmpty
      && segments.allSatisfy { segment in
        guard let first = segment.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else {
          return false
        }
        return segment.utf8.allSatisfy {
          ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z"))
            || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
            || $0 == UInt8(ascii: "_")
        }
      }
  }

  static func suggestion(for name: String) -> String? {
    let lowered = name.lowercased()
    return isValid(lowered) ? lowered : nil
  }
}
