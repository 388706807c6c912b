/// Where one declaration is used by another: a field, variant, method payload or `throws`.
public struct TypeUsage: Hashable, Sendable {
  /// How the type is used.
  public enum Role: String, Hashable, Sendable {
    /// The type of a struct or error field (possibly inside a list, map or optional).
    case field
    /// The type carried by a union variant.
    case variant
    /// A method's request or event payload.
    case request
    /// A method's response or stream item.
    case response
    /// Listed in a method's `throws`.
    case `throws`
  }

  /// The declaration that uses the type.
  public var user: DeclarationReference
  /// The field, variant or method of `user` that uses it.
  public var member: String
  /// How it is used.
  public var role: Role
  /// Where the use is written.
  public var location: SourceLocation

  /// Creates a usage.
  public init(user: DeclarationReference, member: String, role: Role, location: SourceLocation) {
    self.user = user
    self.member = member
    self.role = role
    self.location = location
  }
}

/// An index of which declarations use which, for the docs generator's "used by" lists.
///
/// ```swift
/// let index = CrossReferences(contracts)
/// for usage in index.usages(of: DeclarationReference(contract: "shop.orders", name: "Money")) {
///   print(usage.user, usage.member)   // shop.orders.LineItem price
/// }
/// ```
public struct CrossReferences: Sendable {
  private var usagesByTarget: [DeclarationReference: [TypeUsage]]

  /// Builds the index over every contract of `set`.
  public init(_ set: ContractSet) {
    var index: [DeclarationReference: [TypeUsage]] = [:]
    func add(
      _ type: TypeReference?, _ user: DeclarationReference, _ member: String, _ role: TypeUsage.Role,
      _ at: SourceLocation
    ) {
      guard let type else { return }
      var seen: Set<DeclarationReference> = []
      for target in type.referencedDeclarations where seen.insert(target).inserted {
        index[target, default: []].append(TypeUsage(user: user, member: member, role: role, location: at))
      }
    }
    for declaration in set.allDeclarations {
      let user = declaration.reference
      switch declaration {
      case .distinctType, .enum: break
      case .struct(let d): for f in d.fields { add(f.type, user, f.name, .field, f.typeLocation) }
      case .error(let d): for f in d.fields { add(f.type, user, f.name, .field, f.typeLocation) }
      case .union(let d): for v in d.variants { add(v.type, user, v.name, .variant, v.typeLocation) }
      case .service(let d):
        for m in d.methods {
          add(m.request, user, m.name, .request, m.nameLocation)
          add(m.response, user, m.name, .response, m.nameLocation)
          for error in m.errors {
            index[error, default: []].append(
              TypeUsage(user: user, member: m.name, role: .throws, location: m.nameLocation))
          }
        }
      }
    }
    self.usagesByTarget = index
  }

  /// Every use of `target`, in contract order then source order.
  public func usages(of target: DeclarationReference) -> [TypeUsage] {
    usagesByTarget[target] ?? []
  }

  /// The methods (as service + method name) whose request, response or `throws` mention `target`.
  public func methods(using target: DeclarationReference) -> [TypeUsage] {
    usages(of: target).filter { $0.role == .request || $0.role == .response || $0.role == .throws }
  }
}
