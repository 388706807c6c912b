/// One resolved contract: the content of one `.ipc` file.
public struct Contract: Hashable, Sendable {
  /// The dotted contract name, e.g. `shop.orders`.
  public var name: String
  /// The contract version (a positive integer) that goes into every envelope.
  public var version: Int
  /// The file's normalized path as the user gave it, e.g. `Contracts/shop/orders.ipc`.
  public var path: String
  /// The file's path relative to the load root (see ``FrontEnd/Options/root``), e.g.
  /// `shop/orders.ipc`; equal to ``path`` when no root was given.
  public var relativePath: String
  /// Whether the user asked for this file (as opposed to it being loaded only through an import).
  public var isRequested: Bool
  /// The `///` doc comment before `contract`, if any.
  public var doc: String?
  /// Where the `contract` header is.
  public var location: SourceLocation
  /// The files this contract imports, in source order.
  public var imports: [Import]
  /// The declarations in source order.
  public var declarations: [Declaration]
  private var indexByName: [String: Int]

  /// Creates a contract; the first declaration with a given name wins lookups.
  public init(
    name: String, version: Int, path: String, relativePath: String? = nil, isRequested: Bool = true,
    doc: String? = nil, location: SourceLocation, imports: [Import] = [], declarations: [Declaration]
  ) {
    self.name = name
    self.version = version
    self.path = path
    self.relativePath = relativePath ?? path
    self.isRequested = isRequested
    self.doc = doc
    self.location = location
    self.imports = imports
    self.declarations = declarations
    var index: [String: Int] = [:]
    for (offset, declaration) in declarations.enumerated() where index[declaration.name] == nil {
      index[declaration.name] = offset
    }
    self.indexByName = index
  }

  /// The last segment of the name, e.g. `orders` for `shop.orders`.
  public var shortName: String {
    name.split(separator: ".").last.map(String.init) ?? name
  }

  /// The declaration called `name`.
  public func declaration(named name: String) -> Declaration? {
    indexByName[name].map { declarations[$0] }
  }

  /// The distinct types in source order.
  public var distinctTypes: [DistinctTypeDeclaration] {
    declarations.compactMap { if case .distinctType(let d) = $0 { d } else { nil } }
  }
  /// The structs in source order.
  public var structs: [StructDeclaration] {
    declarations.compactMap { if case .struct(let d) = $0 { d } else { nil } }
  }
  /// The enums in source order.
  public var enums: [EnumDeclaration] {
    declarations.compactMap { if case .enum(let d) = $0 { d } else { nil } }
  }
  /// The unions in source order.
  public var unions: [UnionDeclaration] {
    declarations.compactMap { if case .union(let d) = $0 { d } else { nil } }
  }
  /// The errors in source order.
  public var errors: [ErrorDeclaration] {
    declarations.compactMap { if case .error(let d) = $0 { d } else { nil } }
  }
  /// The services in source order.
  public var services: [ServiceDeclaration] {
    declarations.compactMap { if case .service(let d) = $0 { d } else { nil } }
  }
}

/// An `import "common.ipc"` statement.
public struct Import: Hashable, Sendable {
  /// The path as written in the statement.
  public var path: String
  /// The normalized path of the imported file (relative to the importing file's directory).
  public var resolvedPath: String
  /// The name of the imported contract; `nil` when the file is missing or has no valid header.
  public var contract: String?
  /// Where the statement is.
  public var location: SourceLocation

  /// Creates an import.
  public init(path: String, resolvedPath: String, contract: String?, location: SourceLocation) {
    self.path = path
    self.resolvedPath = resolvedPath
    self.contract = contract
    self.location = location
  }
}
