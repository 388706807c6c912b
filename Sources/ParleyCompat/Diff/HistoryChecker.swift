import ParleyFrontEnd

extension DiffRun {
  /// `number-reused` and `name-reused`: members added since the primary baseline whose number or
  /// name an older version (an older baseline or the lock file) used for a different member.
  mutating func checkHistory(_ o: Contract, _ n: Contract) {
    guard !history.isEmpty else { return }
    for declaration in n.declarations {
      let current = Self.members(of: declaration)
      guard !current.isEmpty else { continue }
      let oldDeclaration = o.declaration(named: declaration.name)
      let baseline = oldDeclaration.map(Self.members(of:)) ?? []
      let reserved = oldDeclaration.map(Self.reserved(of:)) ?? ReservedSet()
      let position = self.position(old: oldDeclaration?.reference, new: declaration.reference)
      let element = { (name: String) in "\(declaration.name).\(name)" }
      var past = history.entries(contract: o.name, declaration: declaration.name)
      if o.name != n.name { past += history.entries(contract: n.name, declaration: declaration.name) }
      for member in current where !baseline.contains(where: { $0 == member }) {
        if let previous = past.first(where: { $0.number == member.number && $0.name != member.name }),
          !baseline.contains(where: { $0.number == member.number }),
          reserved.entry(reserving: member.number) == nil
        {
          var impacts = ImpactBuilder(position: position)
          impacts.add([.binary], .both, .error)
          report(
            .numberReused, contract: n.name, element: element(member.name), impacts: impacts.impacts,
            at: member.location,
            "\(member.noun) '\(member.name)' of \(declaration.name) reuses number \(member.number), which version \(previous.version) used for '\(previous.name)'",
            fix: "use a fresh number and add `reserved \(member.number)`")
        }
        if let previous = past.first(where: { $0.name == member.name && $0.number != member.number }),
          !baseline.contains(where: { $0.name == member.name }), reserved.entry(reserving: member.name) == nil
        {
          var impacts = ImpactBuilder(position: position)
          impacts.add([.json], .both, .error)
          report(
            .nameReused, contract: n.name, element: element(member.name), impacts: impacts.impacts,
            at: member.location,
            "\(member.noun) \(member.number) of \(declaration.name) reuses the name '\(member.name)', which version \(previous.version) used for number \(previous.number)",
            fix: "use a fresh name and add `reserved \"\(member.name)\"`")
        }
      }
    }
  }

  private struct Member: Equatable {
    var number: Int
    var name: String
    var noun: String
    var location: SourceLocation

    static func == (a: Member, b: Member) -> Bool { a.number == b.number && a.name == b.name }
  }

  private static func members(of declaration: Declaration) -> [Member] {
    switch declaration {
    case .struct(let d):
      d.fields.map { Member(number: $0.number, name: $0.name, noun: "field", location: $0.location) }
    case .error(let d):
      d.fields.map { Member(number: $0.number, name: $0.name, noun: "field", location: $0.location) }
    case .enum(let d):
      d.cases.map { Member(number: $0.number, name: $0.name, noun: "case", location: $0.location) }
    case .union(let d):
      d.variants.map { Member(number: $0.number, name: $0.name, noun: "variant", location: $0.location) }
    case .distinctType, .service: []
    }
  }

  private static func reserved(of declaration: Declaration) -> ReservedSet {
    switch declaration {
    case .struct(let d): d.reserved
    case .error(let d): d.reserved
    case .enum(let d): d.reserved
    case .union(let d): d.reserved
    case .distinctType, .service: ReservedSet()
    }
  }
}
