import ParleyFrontEnd

/// The diff stage: a baseline and a new set of contracts in, every classified change out, before
/// any filtering by mode, wire or acknowledgement (see ``CompatReport``).
///
/// ```swift
/// let findings = CompatDiffer.diff(old: baseline.contracts, new: current.contracts)
/// ```
public enum CompatDiffer {
  /// Compares `old` with `new`. Contracts are matched by name (or as a rename by path or by their
  /// declarations); `history` holds older baselines and `lock` a lock file, used only to find numbers
  /// and names that an older version used for something else. `baselineLabel` (e.g. the git
  /// revision) is prefixed to the paths of locations in the baseline: `origin/main:Contracts/orders.ipc:14:3`.
  public static func diff(
    old: ContractSet, new: ContractSet, history: [ContractSet] = [], lock: MemberHistory = MemberHistory(),
    baselineLabel: String? = nil
  ) -> [CompatFinding] {
    var past = MemberHistory(history)
    past.merge(lock)
    var run = DiffRun(old: old, new: new, history: past, baselineLabel: baselineLabel)
    let pairs = run.matchContracts()
    for (o, n) in pairs { run.matchDeclarations(o, n) }
    run.matchRenamesByUse(pairs)
    for (o, n) in pairs {
      let before = run.findings.count
      run.diffContract(o, n)
      run.checkHistory(o, n)
      run.checkVersion(o, n, findings: Array(run.findings[before...]))
    }
    return run.findings.sorted(by: CompatFinding.precedes)
  }
}

extension DiffRun {
  /// Pairs contracts by name, then detects renames; reports removed, renamed and added contracts.
  mutating func matchContracts() -> [(Contract, Contract)] {
    var pairs: [(Contract, Contract)] = []
    var unmatchedOld: [Contract] = []
    var matchedNew: Set<String> = []
    for contract in old.contracts {
      if let partner = new.contract(named: contract.name) {
        pairs.append((contract, partner))
        matchedNew.insert(partner.name)
      } else {
        unmatchedOld.append(contract)
      }
    }
    var unmatchedNew = new.contracts.filter { !matchedNew.contains($0.name) }
    for contract in unmatchedOld {
      let names = Set(contract.declarations.map(\.name))
      let candidates = unmatchedNew.enumerated().filter { _, candidate in
        if candidate.relativePath == contract.relativePath { return true }
        let shared = names.intersection(candidate.declarations.map(\.name)).count
        return shared > 0 && shared * 2 >= names.count
      }
      if let (offset, partner) = candidates.first,
        candidates.count == 1 || partner.relativePath == contract.relativePath
      {
        unmatchedNew.remove(at: offset)
        pairs.append((contract, partner))
        let hasServices = !contract.services.isEmpty
        var impacts = ImpactBuilder(position: .both)
        if hasServices { impacts.direct([.json, .binary], [.backward, .forward], .error) }
        impacts.source()
        report(
          .contractRenamed, contract: partner.name, element: "", impacts: impacts.impacts,
          at: partner.location,
          "contract '\(contract.name)' renamed to '\(partner.name)'",
          fix: "keep the name '\(contract.name)' and add the new contract next to it")
      } else if contract.isRequested {
        var impacts = ImpactBuilder(position: .both)
        if !contract.services.isEmpty { impacts.direct([.json, .binary], [.backward], .error) }
        impacts.source()
        report(
          .contractRemoved, contract: contract.name, element: "", impacts: impacts.impacts,
          at: contract.location,
          "contract '\(contract.name)' removed",
          fix: "keep the contract and deprecate its services until no client uses them")
      }
    }
    for contract in unmatchedNew where contract.isRequested {
      report(
        .contractAdded, contract: contract.name, element: "", at: contract.location,
        "contract '\(contract.name)' added (version \(contract.version))", fix: "nothing to do")
    }
    for (o, n) in pairs { mapping.contracts[o.name] = n.name }
    return pairs.sorted { Array($0.1.name.utf8).lexicographicallyPrecedes($1.1.name.utf8) }
  }

  /// Pairs the declarations (other than services) of two versions of a contract by name, then
  /// structurally identical ones as renames.
  mutating func matchDeclarations(_ o: Contract, _ n: Contract) {
    var unmatchedOld: [Declaration] = []
    var matchedNew: Set<String> = []
    for declaration in o.declarations where declaration.kind != .service {
      if let partner = n.declaration(named: declaration.name), partner.kind != .service {
        mapping.declarations[declaration.reference] = partner.reference
        matchedNew.insert(partner.name)
      } else {
        unmatchedOld.append(declaration)
      }
    }
    let unmatchedNew = n.declarations.filter { $0.kind != .service && !matchedNew.contains($0.name) }
    for declaration in unmatchedOld {
      let signature = Signature.of(declaration, translating: mapping)
      let candidates = unmatchedNew.filter {
        $0.kind == declaration.kind && Signature.of($0, translating: nil) == signature
      }
      let taken = Set(mapping.declarations.values)
      guard candidates.count == 1, let partner = candidates.first, !taken.contains(partner.reference) else {
        continue
      }
      mapping.declarations[declaration.reference] = partner.reference
    }
  }

  /// `version-decreased` and `version-not-bumped`.
  mutating func checkVersion(_ o: Contract, _ n: Contract, findings: [CompatFinding]) {
    if n.version < o.version {
      report(
        .versionDecreased, contract: n.name, element: "", at: n.location,
        "version went down from \(o.version) to \(n.version)", fix: "use a version above \(o.version)")
    } else if n.version == o.version,
      let breaking = findings.first(where: { finding in
        finding.contract == n.name
          && finding.impacts.contains { $0.wire != .source && $0.severity >= .danger }
      })
    {
      report(
        .versionNotBumped, contract: n.name, element: "", at: n.location,
        "contract has breaking changes (first: \(breaking.rule.rawValue) at \(breaking.element.isEmpty ? n.name : breaking.element)) but kept version \(n.version)",
        fix: "increase the version to \(n.version + 1)")
    }
  }
}

/// A declaration's structure without its name, docs and locations: two declarations with the
/// same signature are the same type under another name.
enum Signature {
  static func of(_ declaration: Declaration, translating mapping: DeclarationMapping?) -> String {
    func type(_ t: TypeReference) -> String { (mapping?.translate(t) ?? t).description }
    func fields(_ fields: [Field]) -> String {
      fields.sorted { $0.number < $1.number }.map {
        "\($0.number) \($0.name): \(type($0.type)) = \($0.defaultValue?.description ?? "-") \($0.constraints)"
      }.joined(separator: "; ")
    }
    func reserved(_ set: ReservedSet) -> String {
      set.numbers.map { "\($0.range)" }.joined(separator: ",") + "|"
        + set.names.map(\.name).joined(separator: ",")
    }
    switch declaration {
    case .distinctType(let d): return "type \(d.underlying.name) \(d.constraints)"
    case .struct(let d): return "struct {\(fields(d.fields))} \(reserved(d.reserved))"
    case .error(let d): return "error \(d.code) {\(fields(d.fields))} \(reserved(d.reserved))"
    case .enum(let d):
      return "enum {"
        + d.cases.sorted { $0.number < $1.number }.map { "\($0.number) \($0.name)" }
        .joined(separator: "; ") + "} \(reserved(d.reserved))"
    case .union(let d):
      return "union {"
        + d.variants.sorted { $0.number < $1.number }.map {
          "\($0.number) \($0.name): \(type($0.type)) \($0.constraints)"
        }.joined(separator: "; ") + "} \(reserved(d.reserved))"
    case .service(let d): return "service \(d.name)"
    }
  }
}
