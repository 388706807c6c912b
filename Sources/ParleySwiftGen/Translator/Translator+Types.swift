import ParleyFrontEnd

extension Translator {
  /// The standard conformances of every generated value type.
  static let valueConformances = ["Swift.Hashable", "Swift.Sendable"]

  /// A struct and its codec and validation extensions.
  ///
  /// ```swift
  /// /// <doc>
  /// public struct Order: Swift.Hashable, Swift.Sendable {
  ///   public var id: ShopOrders.OrderID
  ///   …
  ///   public init(id: ShopOrders.OrderID, …) { … }
  /// }
  /// extension ShopOrders.Order: Swift.Codable, Parley.ParleyJSONCodable { … }
  /// extension ShopOrders.Order: Parley.ParleyBinaryMessage { … }
  /// extension ShopOrders.Order: Parley.ParleyValidatable { … }
  /// ```
  func structType(_ d: StructDeclaration) -> Translated {
    let typeNames = names.names(of: DeclarationReference(contract: d.contract, name: d.name))
    let plans = fieldPlans(d.fields, owner: DeclarationReference(contract: d.contract, name: d.name))
    var result = Translated()
    result.members.append(
      SwiftDeclaration(
        doc: doc(d.doc, d.availability, fallback: "`\(d.name)` from contract `\(d.contract)`."),
        modifiers: access,
        .struct(
          name: typeNames.concrete, conformances: Self.valueConformances, members: storedProperties(plans))))
    result.members += deprecatedAlias(typeNames, d.availability)
    result.extensions += messageExtensions(typeNames.qualified, plans)
    return result
  }

  /// An error type: a struct conforming to `Swift.Error` and `Parley.ParleyContractError`.
  ///
  /// ```swift
  /// /// The order does not exist.
  /// public struct OrderNotFound: Swift.Error, Swift.Hashable, Swift.Sendable {
  ///   public var orderId: ShopOrders.OrderID
  ///   public init(orderId: ShopOrders.OrderID) { … }
  /// }
  /// extension ShopOrders.OrderNotFound: Parley.ParleyContractError {
  ///   public static var parleyErrorCode: Swift.Int64 { 404 }
  ///   public static var parleyErrorName: Swift.String { "OrderNotFound" }
  ///   public static var parleyContract: Swift.String { "shop.orders" }
  /// }
  /// ```
  func errorType(_ d: ErrorDeclaration) -> Translated {
    let reference = DeclarationReference(contract: d.contract, name: d.name)
    let typeNames = names.names(of: reference)
    let plans = fieldPlans(d.fields, owner: reference)
    var result = Translated()
    result.members.append(
      SwiftDeclaration(
        doc: doc(
          d.doc, d.availability, fallback: "Error `\(d.name)` (code \(d.code)) from contract `\(d.contract)`."
        ),
        modifiers: access,
        .struct(
          name: typeNames.concrete, conformances: ["Swift.Error"] + Self.valueConformances,
          members: storedProperties(plans))))
    result.members += deprecatedAlias(typeNames, d.availability)
    let constants: [(String, String, String)] = [
      ("parleyErrorCode", "Swift.Int64", "\(d.code)"),
      ("parleyErrorName", "Swift.String", SwiftNames.stringLiteral(d.name)),
      ("parleyContract", "Swift.String", SwiftNames.stringLiteral(d.contract)),
    ]
    result.extensions.append(
      SwiftDeclaration(
        .extension(
          type: typeNames.qualified, conformances: ["Parley.ParleyContractError"], whereClause: nil,
          members: constants.map { name, type, value in
            SwiftDeclaration(
              doc: name == "parleyErrorCode" ? "The contract's code for this error." : nil,
              modifiers: access + [.static],
              .property(SwiftProperty(isConstant: false, name: name, type: type, getter: [.line(value)])))
          })))
    result.extensions += messageExtensions(typeNames.qualified, plans)
    return result
  }

  /// A distinct type: a wrapper that encodes as its raw value.
  ///
  /// ```swift
  /// /// An order id such as "ord_42".
  /// public struct OrderID: Swift.RawRepresentable, Swift.Hashable, Swift.Sendable,
  ///   Swift.ExpressibleByStringLiteral {
  ///   public var rawValue: Swift.String
  ///   public init(rawValue: Swift.String) { self.rawValue = rawValue }
  ///   public init(_ rawValue: Swift.String) { self.rawValue = rawValue }
  ///   public init(stringLiteral value: Swift.String) { self.rawValue = value }
  /// }
  /// ```
  func distinctType(_ d: DistinctTypeDeclaration) -> Translated {
    let reference = DeclarationReference(contract: d.contract, name: d.name)
    let typeNames = names.names(of: reference)
    let raw = d.underlying.swiftType
    var conformances = ["Swift.RawRepresentable"] + Self.valueConformances
    var members: [SwiftDeclaration] = [
      SwiftDeclaration(
        doc: "The underlying value.", modifiers: access,
        .property(SwiftProperty(isConstant: false, name: "rawValue", type: raw))),
      SwiftDeclaration(
        doc: "Wraps `rawValue`.", modifiers: access,
        .initializer(
          isFailable: false,
          signature: SwiftSignature(parameters: [SwiftParameter(name: "rawValue", type: raw)]),
          body: [.line("self.rawValue = rawValue")])),
      SwiftDeclaration(
        doc: "Wraps `rawValue`.", modifiers: access,
        .initializer(
          isFailable: false,
          signature: SwiftSignature(parameters: [SwiftParameter(label: "_", name: "rawValue", type: raw)]),
          body: [.line("self.rawValue = rawValue")])),
    ]
    let literal: (String, String)? =
      switch d.underlying {
      case .string: ("Swift.ExpressibleByStringLiteral", "stringLiteral")
      case .bool: ("Swift.ExpressibleByBooleanLiteral", "booleanLiteral")
      case .float, .double: ("Swift.ExpressibleByFloatLiteral", "floatLiteral")
      default: d.underlying.isInteger ? ("Swift.ExpressibleByIntegerLiteral", "integerLiteral") : nil
      }
    if let (protocolName, label) = literal {
      conformances.append(protocolName)
      members.append(
        SwiftDeclaration(
          doc: "Wraps a literal.", modifiers: access,
          .initializer(
            isFailable: false,
            signature: SwiftSignature(parameters: [SwiftParameter(label: label, name: "value", type: raw)]),
            body: [.line("self.rawValue = value")])))
    }
    var result = Translated()
    result.members.append(
      SwiftDeclaration(
        doc: doc(
          d.doc, d.availability,
          fallback: "`\(d.name)` (a distinct `\(d.underlying.name)`) from contract `\(d.contract)`."),
        modifiers: access, .struct(name: typeNames.concrete, conformances: conformances, members: members)))
    result.members += deprecatedAlias(typeNames, d.availability)
    result.extensions += distinctExtensions(typeNames.qualified, d)
    return result
  }

  /// An open enum: the contract's cases plus `unknown`, and its codec extensions.
  ///
  /// ```swift
  /// /// Where an order is in its life.
  /// public enum OrderStatus: Swift.Hashable, Swift.Sendable {
  ///   case pending
  ///   case paid
  ///   /// A case this version of the contract does not know, kept as read.
  ///   case unknown(Parley.UnknownEnumValue)
  /// }
  /// extension ShopOrders.OrderStatus: Parley.ParleyEnum {
  ///   public init(parleyNumber number: Swift.Int) { switch number { case 1: self = .pending … } }
  ///   …
  /// }
  /// ```
  func enumType(_ d: EnumDeclaration) -> Translated {
    let typeNames = names.names(of: DeclarationReference(contract: d.contract, name: d.name))
    let caseNames = NameTable.caseNames(d.cases.map(\.name))
    var members: [SwiftDeclaration] = d.cases.map { enumCase in
      SwiftDeclaration(
        doc: doc(enumCase.doc, enumCase.availability),
        attributes: deprecationAttributes(enumCase.availability),
        .enumCase(SwiftEnumCase(name: caseNames[enumCase.name] ?? enumCase.name)))
    }
    members.append(
      SwiftDeclaration(
        doc: "A case this version of the contract does not know, kept as read (its number or name).",
        .enumCase(SwiftEnumCase(name: "unknown", associatedTypes: ["Parley.UnknownEnumValue"]))))
    var result = Translated()
    result.members.append(
      SwiftDeclaration(
        doc: doc(d.doc, d.availability, fallback: "`\(d.name)` from contract `\(d.contract)`."),
        modifiers: access,
        .enum(name: typeNames.concrete, conformances: Self.valueConformances, members: members)))
    result.members += deprecatedAlias(typeNames, d.availability)
    result.extensions += enumExtensions(typeNames.qualified, d, caseNames)
    return result
  }

  /// A union: an enum with one case per variant plus `unknown`.
  ///
  /// ```swift
  /// /// How the customer pays.
  /// public enum PaymentMethod: Swift.Hashable, Swift.Sendable {
  ///   case card(ShopOrders.CardPayment)
  ///   /// A voucher code.
  ///   case voucher(Swift.String)
  ///   /// A variant this version of the contract does not know, kept as read.
  ///   case unknown(Parley.UnknownUnionVariant)
  /// }
  /// ```
  func unionType(_ d: UnionDeclaration) -> Translated {
    let reference = DeclarationReference(contract: d.contract, name: d.name)
    let typeNames = names.names(of: reference)
    let caseNames = NameTable.caseNames(d.variants.map(\.name))
    var members: [SwiftDeclaration] = d.variants.map { variant in
      let indirect = reachesInline(variant.type, target: reference, visited: [])
      return SwiftDeclaration(
        doc: doc(variant.doc, variant.availability), attributes: deprecationAttributes(variant.availability),
        modifiers: indirect ? [.indirect] : [],
        .enumCase(
          SwiftEnumCase(
            name: caseNames[variant.name] ?? variant.name, associatedTypes: [swiftType(variant.type)])))
    }
    members.append(
      SwiftDeclaration(
        doc: "A variant this version of the contract does not know, kept as read.",
        .enumCase(SwiftEnumCase(name: "unknown", associatedTypes: ["Parley.UnknownUnionVariant"]))))
    var result = Translated()
    result.members.append(
      SwiftDeclaration(
        doc: doc(d.doc, d.availability, fallback: "`\(d.name)` from contract `\(d.contract)`."),
        modifiers: access,
        .enum(name: typeNames.concrete, conformances: Self.valueConformances, members: members)))
    result.members += deprecatedAlias(typeNames, d.availability)
    result.extensions += unionExtensions(typeNames.qualified, d, caseNames)
    return result
  }

  /// The attributes of generated members that mention deprecated cases: they are themselves
  /// deprecated, so that the generated code does not warn about itself, and are reached only
  /// through protocol requirements (which do not warn).
  func deprecatedContext(_ anyDeprecated: Bool) -> [String] {
    anyDeprecated ? ["@available(*, deprecated, message: \"mentions deprecated cases\")"] : []
  }
}
