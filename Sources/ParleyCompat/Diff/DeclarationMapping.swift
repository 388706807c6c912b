import ParleyFrontEnd

/// How contracts and declarations of the baseline correspond to those of the new contracts:
/// by name, or through a detected rename. Every later stage compares through it.
struct DeclarationMapping: Sendable {
  /// Old contract name → new contract name.
  var contracts: [String: String] = [:]
  /// Old declaration → new declaration (same kind or not; kind changes are findings).
  var declarations: [DeclarationReference: DeclarationReference] = [:]

  /// The new reference of an old declaration, when it still exists.
  func newReference(for old: DeclarationReference) -> DeclarationReference? { declarations[old] }

  /// The new contract name of an old contract, when it still exists.
  func newContract(for old: String) -> String? { contracts[old] }

  /// `old` with its contract and declaration names translated to the new contracts as far as
  /// they are known: the type the old contract means, spelled with new names.
  func translate(_ type: TypeReference) -> TypeReference {
    switch type {
    case .builtin: return type
    case .list(let element): return .list(translate(element))
    case .map(let key, let value): return .map(key: translate(key), value: translate(value))
    case .optional(let wrapped): return .optional(translate(wrapped))
    case .named(let reference):
      if let mapped = declarations[reference] { return .named(mapped) }
      if let contract = contracts[reference.contract] {
        return .named(DeclarationReference(contract: contract, name: reference.name))
      }
      return type
    }
  }
}
