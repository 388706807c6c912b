import ParleyFrontEnd
import ParleySwiftGen

/// The Swift names the generated code uses, for the snippets, taken from the Swift generator
/// itself: type names from its ``NameTable`` (built with the same options, so `typePrefix` and
/// the `_` renames of taken names match), member names from ``SwiftNames``
/// (`docs/generated-code.md`).
///
/// - each contract's declarations live in a namespace enum named after the contract in upper
///   camel case (`shop.orders` → `ShopOrders`, `AcmeShopOrders` with `typePrefix` `Acme`), so
///   types are written `ShopOrders.Order`;
/// - fields, cases and methods are lower camel case, escaped (`` `default` ``, `self_`), and
///   renamed with `_` when they collide with generated members (`description_`);
/// - a service's client is `ShopOrders.OrderServiceClient` (`OrderServiceClient_` when the
///   contract declares `OrderServiceClient` itself), created from a connection.
struct SwiftSnippetNames: Sendable {
  /// The generator's type names for the contracts being documented.
  let table: NameTable

  /// The names the generator gives `contracts` under `options`.
  init(_ contracts: ContractSet, options: SwiftGeneratorOptions) {
    table = NameTable(contracts, options: options)
  }

  /// `ShopOrders.Order` (as users write it: the deprecated alias for a deprecated type).
  func type(_ reference: DeclarationReference) -> String {
    table.names(of: reference).qualifiedVisible
  }

  /// `ShopOrders.OrderServiceClient`.
  func client(_ service: ServiceDeclaration) -> String {
    table.serviceType(service, "Client").qualifiedVisible
  }

  /// A field's property name (and initializer label) within `fields`.
  static func field(_ name: String, in fields: [Field]) -> String {
    SwiftNames.fieldNames(fields.map(\.name))[name] ?? SwiftNames.escaped(SwiftNames.lowerCamelCase(name))
  }

  /// An enum case or union variant name within `names`.
  static func caseName(_ name: String, in names: [String]) -> String {
    SwiftNames.caseNames(names)[name] ?? SwiftNames.escaped(SwiftNames.lowerCamelCase(name))
  }

  /// A client member name (method, or event property) within `methods`.
  static func method(_ name: String, in methods: [Method]) -> String {
    SwiftNames.methodNames(methods.map(\.name))[name] ?? SwiftNames.escaped(SwiftNames.lowerCamelCase(name))
  }

  /// A local name for the values of a sequence of `type`: the last word of its Swift name in
  /// lower case (`ShopOrders.ShipmentNotice` → `notice`), or `fallback` when that is not a plain
  /// identifier or is one of `taken`.
  static func local(for type: TypeReference?, fallback: String, taken: Set<String>) -> String {
    var base: String?
    switch type {
    case .named(let reference)?: base = SwiftNames.words(SwiftNames.upperCamelCase(reference.name)).last
    case .optional(.named(let reference))?:
      base = SwiftNames.words(SwiftNames.upperCamelCase(reference.name)).last
    default: base = nil
    }
    guard let word = base?.lowercased(), word.first?.isLetter == true,
      word.allSatisfy({ $0.isLetter || $0.isNumber }), SwiftNames.escaped(word) == word,
      !taken.contains(word)
    else { return fallback }
    return word
  }

  /// A name as an argument label at a call site: no backticks needed except `inout`, `var`, `let`.
  static func label(_ escapedName: String) -> String {
    let bare = escapedName.hasPrefix("`") ? String(escapedName.dropFirst().dropLast()) : escapedName
    return ["inout", "var", "let"].contains(bare) ? "`\(bare)`" : bare
  }
}
