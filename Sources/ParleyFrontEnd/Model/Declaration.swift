/// The kinds of top-level declarations.
public enum DeclarationKind: String, CaseIterable, Hashable, Sendable {
  /// `type X = Builtin`.
  case distinctType = "type"
  /// `struct`.
  case `struct`
  /// `enum`.
  case `enum`
  /// `union`.
  case union
  /// `error`.
  case error
  /// `service`.
  case service
}

/// One top-level declaration of a contract.
public enum Declaration: Hashable, Sendable {
  /// `type X = Builtin @constraints`.
  case distinctType(DistinctTypeDeclaration)
  /// `struct X { … }`.
  case `struct`(StructDeclaration)
  /// `enum X { … }`.
  case `enum`(EnumDeclaration)
  /// `union X { … }`.
  case union(UnionDeclaration)
  /// `error X code N { … }`.
  case error(ErrorDeclaration)
  /// `service X { … }`.
  case service(ServiceDeclaration)

  /// Which kind of declaration this is.
  public var kind: DeclarationKind {
    switch self {
    case .distinctType: .distinctType
    case .struct: .struct
    case .enum: .enum
    case .union: .union
    case .error: .error
    case .service: .service
    }
  }

  /// The declaration's name.
  public var name: String {
    switch self {
    case .distinctType(let d): d.name
    case .struct(let d): d.name
    case .enum(let d): d.name
    case .union(let d): d.name
    case .error(let d): d.name
    case .service(let d): d.name
    }
  }

  /// The full name of the contract that declares it.
  public var contract: String {
    switch self {
    case .distinctType(let d): d.contract
    case .struct(let d): d.contract
    case .enum(let d): d.contract
    case .union(let d): d.contract
    case .error(let d): d.contract
    case .service(let d): d.contract
    }
  }

  /// Contract name plus declaration name.
  public var reference: DeclarationReference { DeclarationReference(contract: contract, name: name) }

  /// The `///` doc comment, if any.
  public var doc: String? {
    switch self {
    case .distinctType(let d): d.doc
    case .struct(let d): d.doc
    case .enum(let d): d.doc
    case .union(let d): d.doc
    case .error(let d): d.doc
    case .service(let d): d.doc
    }
  }

  /// `@deprecated` and `@since`.
  public var availability: Availability {
    switch self {
    case .distinctType(let d): d.availability
    case .struct(let d): d.availability
    case .enum(let d): d.availability
    case .union(let d): d.availability
    case .error(let d): d.availability
    case .service(let d): d.availability
    }
  }

  /// Where the declaration starts.
  public var location: SourceLocation {
    switch self {
    case .distinctType(let d): d.location
    case .struct(let d): d.location
    case .enum(let d): d.location
    case .union(let d): d.location
    case .error(let d): d.location
    case .service(let d): d.location
    }
  }

  /// Where its name is.
  public var nameLocation: SourceLocation {
    switch self {
    case .distinctType(let d): d.nameLocation
    case .struct(let d): d.nameLocation
    case .enum(let d): d.nameLocation
    case .union(let d): d.nameLocation
    case .error(let d): d.nameLocation
    case .service(let d): d.nameLocation
    }
  }

  /// Every declaration this one mentions (field, variant, request, response and throws types),
  /// in source order, without duplicates.
  public var referencedDeclarations: [DeclarationReference] {
    var seen: Set<DeclarationReference> = []
    var result: [DeclarationReference] = []
    func add(_ type: TypeReference?) {
      guard let type else { return }
      for reference in type.referencedDeclarations where seen.insert(reference).inserted {
        result.append(reference)
      }
    }
    switch self {
    case .distinctType: break
    case .struct(let d): d.fields.forEach { add($0.type) }
    case .error(let d): d.fields.forEach { add($0.type) }
    case .enum: break
    case .union(let d): d.variants.forEach { add($0.type) }
    case .service(let d):
      for method in d.methods {
        add(method.request)
        add(method.response)
        for error in method.errors where seen.insert(error).inserted { result.append(error) }
      }
    }
    return result
  }
}
