import ParleyFrontEnd

/// Every Swift name of one generation run, decided up front and in one place.
///
/// The rule (documented in `docs/generated-code.md`): each contract's declarations live in a
/// namespace enum named after the contract (`shop.orders` → `ShopOrders`), so two contracts that
/// both declare `User` never clash, and generated code always refers to `ShopOrders.Order`. No
/// top-level aliases are generated: a contract's file must compile the same whether or not the
/// other contracts of its target are in the same run (the build plugin runs one contract at a
/// time), and an alias that is unique in one run may collide in the module.
///
/// Public so that other back ends (the docs generator's Swift snippets) write the type names the
/// generator emits, `typePrefix` and `_` renames included, instead of restating the rules:
///
/// ```swift
/// let names = NameTable(contracts, options: SwiftGeneratorOptions(typePrefix: "Acme"))
/// names.serviceType(orderService, "Client").qualified  // "AcmeShopOrders.OrderServiceClient"
/// ```
public struct NameTable: Sendable {
  /// The Swift names of one declaration (or service-derived type).
  public struct TypeNames: Hashable, Sendable {
    /// The namespace enum, e.g. `ShopOrders`.
    public var namespace: String
    /// The name of the concrete type inside the namespace (`_Name` for deprecated declarations).
    public var concrete: String
    /// The name users write inside the namespace (differs from ``concrete`` when deprecated).
    public var visible: String

    /// `ShopOrders.Order`: how generated code refers to the type.
    public var qualified: String { namespace + "." + concrete }

    /// `ShopOrders.Order`: how users write the type (the deprecated alias for a deprecated one).
    public var qualifiedVisible: String { namespace + "." + visible }
  }

  private var namespaces: [String: String] = [:]
  private var types: [DeclarationReference: TypeNames] = [:]
  private var services: [DeclarationReference: [String: TypeNames]] = [:]

  /// The suffixes of the types generated per service.
  public static let serviceSuffixes = ["Client", "Handler", "Descriptor", "Request"]

  /// Decides every name for `set` under `options`.
  public init(_ set: ContractSet, options: SwiftGeneratorOptions) {
    var namespaceNamer = UniqueNamer(reserved: SwiftNames.moduleNames)
    for contract in set.contracts {
      namespaces[contract.name] = namespaceNamer.claim(
        options.typePrefix + SwiftNames.upperCamelCase(contract.name))
    }
    let namespaceNames = Set(namespaces.values)
    var pending: [(DeclarationReference, String?, String, String, Bool)] = []
    for contract in set.contracts {
      guard let namespace = namespaces[contract.name] else { continue }
      var namer = UniqueNamer(
        reserved: SwiftNames.moduleNames.union(namespaceNames).union(SwiftNames.unescapable))
      for declaration in contract.declarations {
        let base = SwiftNames.upperCamelCase(declaration.name)
        let visible = namer.claim(base)
        let deprecated = declaration.availability.isDeprecated
        pending.append((declaration.reference, nil, namespace, visible, deprecated))
      }
      for service in contract.services {
        for suffix in Self.serviceSuffixes {
          let visible = namer.claim(SwiftNames.upperCamelCase(service.name) + suffix)
          pending.append(
            (
              DeclarationReference(contract: contract.name, name: service.name), suffix, namespace, visible,
              false
            ))
        }
      }
      if contract.declarations.contains(where: { $0.availability.isDeprecated }) {
        // Concrete names of deprecated declarations (`_Name`) are claimed after the visible ones.
        for index in pending.indices where pending[index].2 == namespace && pending[index].4 {
          _ = namer.claim("_" + pending[index].3)
        }
      }
    }
    for (reference, suffix, namespace, visible, deprecated) in pending {
      let names = TypeNames(
        namespace: namespace, concrete: deprecated ? "_" + visible : visible, visible: visible)
      if let suffix {
        services[reference, default: [:]][suffix] = names
      } else {
        types[reference] = names
      }
    }
  }

  /// The namespace enum of `contract` (a full contract name).
  public func namespace(of contract: String) -> String {
    namespaces[contract] ?? SwiftNames.upperCamelCase(contract)
  }

  /// The names of the declaration `reference`.
  public func names(of reference: DeclarationReference) -> TypeNames {
    if let names = types[reference] { return names }
    let namespace = namespace(of: reference.contract)
    let name = SwiftNames.upperCamelCase(reference.name)
    return TypeNames(namespace: namespace, concrete: name, visible: name)
  }

  /// `ShopOrders.Order`.
  public func qualified(_ reference: DeclarationReference) -> String { names(of: reference).qualified }

  /// The names of a type generated for `service` (`suffix` is one of ``serviceSuffixes``).
  public func serviceType(_ service: ServiceDeclaration, _ suffix: String) -> TypeNames {
    let reference = DeclarationReference(contract: service.contract, name: service.name)
    if let names = services[reference]?[suffix] { return names }
    let name = SwiftNames.upperCamelCase(service.name) + suffix
    return TypeNames(namespace: namespace(of: service.contract), concrete: name, visible: name)
  }

  /// The Swift member names of `fields`, by field name (``SwiftNames/fieldNames(_:)``).
  static func fieldNames(_ fields: [Field]) -> [String: String] {
    SwiftNames.fieldNames(fields.map(\.name))
  }

  /// The Swift case names of enum cases or union variants, by contract name
  /// (``SwiftNames/caseNames(_:)``).
  static func caseNames(_ names: [String]) -> [String: String] { SwiftNames.caseNames(names) }

  /// The member names of a service's methods, by contract name (``SwiftNames/methodNames(_:)``).
  static func methodNames(_ methods: [Method]) -> [String: String] {
    SwiftNames.methodNames(methods.map(\.name))
  }
}
