import ParleyFrontEnd

extension DiffRun {
  /// Pairs declarations that were renamed *and* changed: an unmatched old declaration and an
  /// unmatched new one of the same kind that sit in the same place (the same field of a matched
  /// struct, error or union, or the same payload of a matched method). Their changes are then
  /// diffed like any other pair's, and the rename is reported once. Repeats until nothing new pairs.
  mutating func matchRenamesByUse(_ pairs: [(Contract, Contract)]) {
    var changed = true
    while changed {
      changed = false
      for (o, n) in pairs {
        for (oldType, newType) in typePairs(o, n) where pairByUse(oldType, newType) { changed = true }
      }
    }
  }

  /// The type pairs found in the same place of matched declarations and methods.
  private func typePairs(_ o: Contract, _ n: Contract) -> [(TypeReference, TypeReference)] {
    var result: [(TypeReference, TypeReference)] = []
    for declaration in o.declarations {
      guard let reference = mapping.newReference(for: declaration.reference),
        let partner = new.declaration(reference)
      else { continue }
      switch (declaration, partner) {
      case (.struct(let a), .struct(let b)): result += fieldPairs(a.fields, b.fields)
      case (.error(let a), .error(let b)): result += fieldPairs(a.fields, b.fields)
      case (.union(let a), .union(let b)):
        for variant in a.variants {
          if let other = b.variants.first(where: { $0.number == variant.number && $0.name == variant.name }) {
            result.append((variant.type, other.type))
          }
        }
      default: break
      }
    }
    for service in o.services {
      guard let partner = n.services.first(where: { $0.name == service.name }) else { continue }
      for method in service.methods {
        guard let other = partner.method(named: method.name), other.kind == method.kind else { continue }
        if let a = method.request, let b = other.request { result.append((a, b)) }
        if let a = method.response, let b = other.response { result.append((a, b)) }
      }
    }
    return result
  }

  private func fieldPairs(_ a: [Field], _ b: [Field]) -> [(TypeReference, TypeReference)] {
    a.compactMap { field in
      b.first { $0.number == field.number && $0.name == field.name }.map { (field.type, $0.type) }
    }
  }

  /// Pairs the declarations at the heart of two types of the same shape, when both are unmatched.
  private mutating func pairByUse(_ a: TypeReference, _ b: TypeReference) -> Bool {
    switch (a, b) {
    case (.optional(let x), .optional(let y)), (.list(let x), .list(let y)): return pairByUse(x, y)
    case (.map(_, let x), .map(_, let y)): return pairByUse(x, y)
    case (.named(let x), .named(let y)):
      let taken = Set(mapping.declarations.values)
      guard mapping.newReference(for: x) == nil, !taken.contains(y), let oldDeclaration = old.declaration(x),
        let newDeclaration = new.declaration(y), oldDeclaration.kind == newDeclaration.kind,
        oldDeclaration.kind != .distinctType
          || Signature.of(oldDeclaration, translating: mapping)
            == Signature.of(newDeclaration, translating: nil)
      else { return false }
      mapping.declarations[x] = y
      return true
    default: return false
    }
  }
}
