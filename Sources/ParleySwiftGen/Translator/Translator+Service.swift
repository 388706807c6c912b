import ParleyFrontEnd

extension Translator {
  /// The service's descriptor: its wire identity and methods.
  ///
  /// ```swift
  /// /// The wire identity of `OrderService`: contract, version, service and method names.
  /// public enum OrderServiceDescriptor {
  ///   public static let contract = "shop.orders"
  ///   public static let version = 3
  ///   public static let service = "OrderService"
  ///   /// Method names by kind.
  ///   public static let methods: [(name: Swift.String, kind: Swift.String)] = [("getOrder", "rpc"), …]
  /// }
  /// ```
  func translate(_ service: ServiceDeclaration) -> Translated {
    var result = Translated()
    guard options.parts.contains(.client) || options.parts.contains(.server) || options.parts.contains(.types)
    else {
      return result
    }
    let descriptorNames = names.serviceType(service, "Descriptor")
    guard let contract = set.contract(named: service.contract) else { return result }
    let methodList =
      "["
      + service.methods.map { "(" + SwiftNames.stringLiteral($0.name) + ", \"\($0.kind.rawValue)\")" }.joined(
        separator: ", ")
      + "]"
    let constants: [SwiftDeclaration] = [
      SwiftDeclaration(
        doc: "The contract name.", modifiers: access + [.static],
        .property(
          SwiftProperty(
            isConstant: true, name: "contract", type: "Swift.String",
            initialValue: SwiftNames.stringLiteral(contract.name)))),
      SwiftDeclaration(
        doc: "The contract version.", modifiers: access + [.static],
        .property(
          SwiftProperty(
            isConstant: true, name: "version", type: "Swift.Int", initialValue: "\(contract.version)"))),
      SwiftDeclaration(
        doc: "The service name.", modifiers: access + [.static],
        .property(
          SwiftProperty(
            isConstant: true, name: "service", type: "Swift.String",
            initialValue: SwiftNames.stringLiteral(service.name)))),
      SwiftDeclaration(
        doc: "The methods' names and kinds (`rpc`, `oneway`, `event`, `stream`), in contract order.",
        modifiers: access + [.static],
        .property(
          SwiftProperty(
            isConstant: true, name: "methods", type: "[(name: Swift.String, kind: Swift.String)]",
            initialValue: methodList))),
    ]
    result.members.append(
      SwiftDeclaration(
        doc: doc(service.doc, service.availability).map { $0 + "\n\n" }.map {
          $0 + "The wire identity of `\(service.name)`."
        }
          ?? "The wire identity of `\(service.name)`.",
        modifiers: access, .enum(name: descriptorNames.concrete, conformances: [], members: constants)))
    return result
  }
}
