import ParleyFrontEnd

/// Works around a front-end parser bug (reported to the lead): a member or declaration without a
/// doc comment receives the doc comment of the element that follows it, so two neighbours carry
/// the same text. Where an element's doc equals its next sibling's, the earlier one is cleared.
///
/// Applied once, before translation; a no-op when the front end attaches comments correctly
/// (except for neighbours that really share one text, which lose it on the first of them).
enum DocCommentRepair {
  static func repaired(_ set: ContractSet) -> ContractSet {
    ContractSet(
      contracts: set.contracts.map { contract in
        var contract = contract
        var declarations = contract.declarations.map(repaired)
        let docs = clearedDuplicates(declarations.map(\.doc))
        for index in declarations.indices where docs[index] == nil && declarations[index].doc != nil {
          declarations[index] = withoutDoc(declarations[index])
        }
        contract.declarations = declarations
        return contract
      })
  }

  /// `docs` with every entry cleared that equals the next one.
  static func clearedDuplicates(_ docs: [String?]) -> [String?] {
    docs.indices.map { index in
      guard let doc = docs[index], index + 1 < docs.count, docs[index + 1] == doc else { return docs[index] }
      return nil
    }
  }

  private static func repaired(_ declaration: Declaration) -> Declaration {
    switch declaration {
    case .struct(var d):
      d.fields = apply(d.fields, \.doc)
      return .struct(d)
    case .error(var d):
      d.fields = apply(d.fields, \.doc)
      return .error(d)
    case .enum(var d):
      d.cases = apply(d.cases, \.doc)
      return .enum(d)
    case .union(var d):
      d.variants = apply(d.variants, \.doc)
      return .union(d)
    case .service(var d):
      d.methods = apply(d.methods, \.doc)
      return .service(d)
    case .distinctType:
      return declaration
    }
  }

  private static func apply<T>(_ items: [T], _ doc: WritableKeyPath<T, String?>) -> [T] {
    let docs = clearedDuplicates(items.map { $0[keyPath: doc] })
    var result = items
    for index in result.indices { result[index][keyPath: doc] = docs[index] }
    return result
  }

  private static func withoutDoc(_ declaration: Declaration) -> Declaration {
    switch declaration {
    case .distinctType(var d):
      d.doc = nil
      return .distinctType(d)
    case .struct(var d):
      d.doc = nil
      return .struct(d)
    case .enum(var d):
      d.doc = nil
      return .enum(d)
    case .union(var d):
      d.doc = nil
      return .union(d)
    case .error(var d):
      d.doc = nil
      return .error(d)
    case .service(var d):
      d.doc = nil
      return .service(d)
    }
  }
}
