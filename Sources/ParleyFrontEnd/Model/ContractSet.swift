/// Every contract loaded in one run, resolved across imports: what the emitters, the
/// compatibility checker and the docs generator read.
public struct ContractSet: Hashable, Sendable {
  /// The contracts, sorted by path (bytes).
  public var contracts: [Contract]
  private var indexByName: [String: Int]
  private var indexByPath: [String: Int]

  /// Creates a set; when two contracts share a name, the first one wins lookups.
  public init(contracts: [Contract]) {
    self.contracts = contracts
    var byName: [String: Int] = [:]
    var byPath: [String: Int] = [:]
    for (offset, contract) in contracts.enumerated() {
      if byName[contract.name] == nil { byName[contract.name] = offset }
      if byPath[contract.path] == nil { byPath[contract.path] = offset }
    }
    self.indexByName = byName
    self.indexByPath = byPath
  }

  /// The contracts the user asked for (excluding those loaded only through imports).
  public var requestedContracts: [Contract] { contracts.filter(\.isRequested) }

  /// The contract named `name` (e.g. `shop.orders`).
  public func contract(named name: String) -> Contract? {
    indexByName[name].map { contracts[$0] }
  }

  /// The contract loaded from the normalized `path`.
  public func contract(atPath path: String) -> Contract? {
    indexByPath[ContractPath.normalize(path)].map { contracts[$0] }
  }

  /// The declaration `reference` points to.
  public func declaration(_ reference: DeclarationReference) -> Declaration? {
    contract(named: reference.contract)?.declaration(named: reference.name)
  }

  /// Every declaration of every contract, in contract order then source order.
  public var allDeclarations: [Declaration] { contracts.flatMap(\.declarations) }
}
