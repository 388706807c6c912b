import ParleyFrontEnd

/// The Swift view of one struct or error field, shared by every factory that touches fields.
struct FieldPlan {
  /// The contract field.
  var field: Field
  /// The escaped Swift property name users see, e.g. `` `default` ``.
  var name: String
  /// What generated code reads and writes: ``name``, or the private `_name` storage of a
  /// deprecated field (so generated code never uses the deprecated property).
  var storage: String
  /// The Swift type of the property.
  var type: String
  /// The default value expression of the initializer parameter, if any.
  var defaultValue: String?
  /// Whether the property needs `@Parley.ParleyIndirect` (it reaches its own struct without a list
  /// or map in between).
  var isIndirect: Bool
}

extension Translator {
  /// Plans the fields of the struct or error `owner`.
  func fieldPlans(_ fields: [Field], owner: DeclarationReference) -> [FieldPlan] {
    let memberNames = NameTable.fieldNames(fields)
    return fields.map { field in
      let name = memberNames[field.name] ?? SwiftNames.escaped(field.name)
      let storage = field.availability.isDeprecated ? "_" + SwiftNames.bare(name) : name
      var defaultValue = field.defaultValue.map { defaultExpression($0, type: field.type) }
      if defaultValue == nil && field.isOptional { defaultValue = "nil" }
      return FieldPlan(
        field: field, name: name, storage: storage, type: swiftType(field.type), defaultValue: defaultValue,
        isIndirect: reachesInline(field.type, target: owner, visited: []))
    }
  }

  /// Whether `type` holds a value of `target` inline (through optionals, struct fields, error
  /// fields and union variants, but not through lists or maps, which live on the heap).
  func reachesInline(_ type: TypeReference, target: DeclarationReference, visited: Set<DeclarationReference>)
    -> Bool
  {
    switch type {
    case .builtin, .list, .map: return false
    case .optional(let wrapped): return reachesInline(wrapped, target: target, visited: visited)
    case .named(let reference):
      if reference == target { return true }
      if visited.contains(reference) { return false }
      let next = visited.union([reference])
      switch declaration(reference) {
      case .struct(let d): return d.fields.contains { reachesInline($0.type, target: target, visited: next) }
      case .error(let d): return d.fields.contains { reachesInline($0.type, target: target, visited: next) }
      case .union(let d): return d.variants.contains { reachesInline($0.type, target: target, visited: next) }
      default: return false
      }
    }
  }

  /// The Swift expression of a default value for a field of `type`.
  func defaultExpression(_ value: DefaultValue, type: TypeReference) -> String {
    let base = type.unwrapped
    if case .named(let reference) = base {
      switch declaration(reference) {
      case .distinctType(let d):
        return names.qualified(reference) + "(rawValue: " + literal(value, builtin: d.underlying) + ")"
      case .enum(let d):
        if case .enumCase(let caseName) = value {
          let cases = NameTable.caseNames(d.cases.map(\.name))
          return names.qualified(reference) + "." + (cases[caseName] ?? SwiftNames.escaped(caseName))
        }
      default: break
      }
    }
    if case .builtin(let builtin) = base { return literal(value, builtin: builtin) }
    return literal(value, builtin: nil)
  }

  /// A literal for `value` where a `builtin` is expected.
  private func literal(_ value: DefaultValue, builtin: BuiltinType?) -> String {
    switch value {
    case .bool(let flag): return flag ? "true" : "false"
    case .integer(let number): return "\(number)"
    case .floating(let number): return "\(number)"
    case .string(let text):
      if builtin == .uuid, let bytes = Self.uuidBytes(text) {
        return "Foundation.UUID(uuid: (" + bytes.map { "0x" + String($0, radix: 16) }.joined(separator: ", ")
          + "))"
      }
      return SwiftNames.stringLiteral(text)
    case .duration(let milliseconds): return "Swift.Duration.milliseconds(\(milliseconds))"
    case .enumCase(let name): return "." + SwiftNames.escaped(SwiftNames.lowerCamelCase(name))
    case .emptyList: return "[]"
    case .emptyMap: return "[:]"
    case .null: return "nil"
    }
  }

  /// The 16 bytes of UUID text, or `nil` when it is not one.
  static func uuidBytes(_ text: String) -> [UInt8]? {
    let hex = text.filter { $0 != "-" }
    guard hex.count == 32 else { return nil }
    var bytes: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
      let next = hex.index(index, offsetBy: 2)
      guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
      bytes.append(byte)
      index = next
    }
    return bytes
  }

  /// The stored properties and the memberwise initializer of a struct or error.
  ///
  /// ```swift
  /// /// <field doc>
  /// public var id: ShopOrders.OrderID
  /// @available(*, deprecated, message: "…")
  /// public var legacy: Swift.String { get { _legacy } set { _legacy = newValue } }
  /// private var _legacy: Swift.String
  ///
  /// /// Creates a value; optional and defaulted fields may be left out.
  /// public init(id: ShopOrders.OrderID, note: Swift.String? = nil, status: … = ….pending) {
  ///   self.id = id
  ///   …
  /// }
  /// ```
  func storedProperties(_ plans: [FieldPlan]) -> [SwiftDeclaration] {
    var members: [SwiftDeclaration] = []
    for plan in plans {
      let attributes = plan.isIndirect ? ["@Parley.ParleyIndirect"] : []
      let fieldDoc = doc(plan.field.doc, plan.field.availability)
      if plan.field.availability.isDeprecated {
        members.append(
          SwiftDeclaration(
            doc: fieldDoc, attributes: deprecationAttributes(plan.field.availability), modifiers: access,
            .property(
              SwiftProperty(
                isConstant: false, name: plan.name, type: plan.type, getter: [.line("self." + plan.storage)],
                setter: [.line("self." + plan.storage + " = newValue")]))))
        members.append(
          SwiftDeclaration(
            attributes: attributes, modifiers: [.private],
            .property(SwiftProperty(isConstant: false, name: plan.storage, type: plan.type))))
      } else {
        members.append(
          SwiftDeclaration(
            doc: fieldDoc, attributes: attributes, modifiers: access,
            .property(SwiftProperty(isConstant: false, name: plan.name, type: plan.type))))
      }
    }
    let parameters = plans.map {
      SwiftParameter(name: $0.name, type: $0.type, defaultValue: $0.defaultValue)
    }
    members.append(
      SwiftDeclaration(
        doc: plans.isEmpty
          ? "Creates a value." : "Creates a value; optional and defaulted fields may be left out.",
        modifiers: access,
        .initializer(
          isFailable: false, signature: SwiftSignature(parameters: parameters),
          body: plans.map { .line("self." + $0.storage + " = " + $0.name) })))
    return members
  }
}
