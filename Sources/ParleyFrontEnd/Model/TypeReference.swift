/// Identifies one declaration across all contracts: the contract's full name plus the
/// declaration's name, e.g. `shop.orders` + `Order`.
public struct DeclarationReference: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The full dotted contract name, e.g. `shop.orders`.
  public var contract: String
  /// The declaration's name within the contract, e.g. `Order`.
  public var name: String

  /// Creates a reference.
  public init(contract: String, name: String) {
    self.contract = contract
    self.name = name
  }

  /// `shop.orders.Order`.
  public var description: String { "\(contract).\(name)" }

  /// Orders by contract name, then declaration name (bytes).
  public static func < (lhs: DeclarationReference, rhs: DeclarationReference) -> Bool {
    if lhs.contract != rhs.contract {
      return Array(lhs.contract.utf8).lexicographicallyPrecedes(rhs.contract.utf8)
    }
    return Array(lhs.name.utf8).lexicographicallyPrecedes(rhs.name.utf8)
  }
}

/// A resolved type as used by a field, variant, map or method.
public indirect enum TypeReference: Hashable, Sendable, CustomStringConvertible {
  /// A built-in scalar such as `String` or `Int32`.
  case builtin(BuiltinType)
  /// `[Element]`.
  case list(TypeReference)
  /// `[Key: Value]`.
  case map(key: TypeReference, value: TypeReference)
  /// `Wrapped?`.
  case optional(TypeReference)
  /// A struct, enum, union or distinct type declared in some contract.
  case named(DeclarationReference)

  /// The type without one level of `?` (itself when not optional).
  public var unwrapped: TypeReference {
    if case .optional(let wrapped) = self { return wrapped }
    return self
  }

  /// Whether this is `T?`.
  public var isOptional: Bool {
    if case .optional = self { return true }
    return false
  }

  /// Every declaration this type mentions, in order of appearance (e.g. both of `[K: V]`).
  public var referencedDeclarations: [DeclarationReference] {
    switch self {
    case .builtin: []
    case .list(let element): element.referencedDeclarations
    case .map(let key, let value): key.referencedDeclarations + value.referencedDeclarations
    case .optional(let wrapped): wrapped.referencedDeclarations
    case .named(let reference): [reference]
    }
  }

  /// The type as it would be written in a contract, with named types fully qualified:
  /// `[shop.orders.LineItem]`, `[String: Int32]`, `String?`.
  public var description: String {
    switch self {
    case .builtin(let builtin): builtin.name
    case .list(let element): "[\(element)]"
    case .map(let key, let value): "[\(key): \(value)]"
    case .optional(let wrapped): "\(wrapped)?"
    case .named(let reference): reference.description
    }
  }
}
