import ParleyFrontEnd
import ParleySwiftGen

/// The Swift names the generated code uses, for the snippets, built from the Swift generator's
/// own name rules (``SwiftNames``, `docs/generated-code.md`).
///
/// - each contract's declarations live in a namespace enum named after the contract in upper
///   camel case (`shop.orders` → `ShopOrders`), so types are written `ShopOrders.Order`;
/// - fields, cases and methods are lower camel case, escaped (`` `default` ``, `self_`), and
///   renamed with `_` when they collide with generated members (`description_`);
/// - a service's client is `ShopOrders.OrderServiceClient`, created from a connection.
enum SwiftSnippetNames {
  /// `ShopOrders.Order`.
  static func type(_ reference: DeclarationReference) -> String {
    namespace(reference.contract) + "." + SwiftNames.upperCamelCase(reference.name)
  }

  /// `ShopOrders.OrderServiceClient`.
  static func client(_ service: ServiceDeclaration) -> String {
    namespace(service.contract) + "." + SwiftNames.upperCamelCase(service.name) + "Client"
  }

  /// `ShopOrders.OrderServiceDescriptor`.
  static func descriptor(_ service: ServiceDeclaration) -> String {
    namespace(service.contract) + "." + SwiftNames.upperCamelCase(service.name) + "Descriptor"
  }

  /// `ShopOrders`.
  static func namespace(_ contract: String) -> String {
    let name = SwiftNames.upperCamelCase(contract)
    return SwiftNames.moduleNames.contains(name) ? name + "_" : name
  }

  /// A field's property name (and initializer label) within `fields`.
  static func field(_ name: String, in fields: [Field]) -> String {
    var taken = SwiftNames.reservedMembers.subtracting(["unknown"])
    for field in fields {
      let claimed = claim(SwiftNames.lowerCamelCase(field.name), &taken)
      if field.name == name { return SwiftNames.escaped(claimed) }
    }
    return SwiftNames.escaped(SwiftNames.lowerCamelCase(name))
  }

  /// An enum case or union variant name within `names`.
  static func caseName(_ name: String, in names: [String]) -> String {
    var taken = SwiftNames.reservedMembers
    for candidate in names {
      let claimed = claim(SwiftNames.lowerCamelCase(candidate), &taken)
      if candidate == name { return SwiftNames.escaped(claimed) }
    }
    return SwiftNames.escaped(SwiftNames.lowerCamelCase(name))
  }

  /// A client method name within `methods`.
  static func method(_ name: String, in methods: [Method]) -> String {
    var taken: Set<String> = ["close", "connection", "descriptor"]
    for method in methods {
      let claimed = claim(SwiftNames.lowerCamelCase(method.name), &taken)
      if method.name == name { return SwiftNames.escaped(claimed) }
    }
    return SwiftNames.escaped(SwiftNames.lowerCamelCase(name))
  }

  /// A name as an argument label at a call site: no backticks needed except `inout`, `var`, `let`.
  static func label(_ escapedName: String) -> String {
    let bare = escapedName.hasPrefix("`") ? String(escapedName.dropFirst().dropLast()) : escapedName
    return ["inout", "var", "let"].contains(bare) ? "`\(bare)`" : bare
  }

  private static func claim(_ candidate: String, _ taken: inout Set<String>) -> String {
    var name = candidate
    var counter = 1
    while taken.contains(name) {
      name = counter == 1 ? candidate + "_" : candidate + "_\(counter)"
      counter += 1
    }
    taken.insert(name)
    return name
  }
}
