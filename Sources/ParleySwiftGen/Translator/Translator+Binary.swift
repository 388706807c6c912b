import ParleyFrontEnd

extension Translator {
  /// The binary-wire view of a named type.
  enum NamedKind {
    case distinct(BuiltinType)
    case enumeration
    case message
  }

  /// What `reference` is on the binary wire.
  func namedKind(_ reference: DeclarationReference) -> NamedKind {
    switch declaration(reference) {
    case .distinctType(let d): .distinct(d.underlying)
    case .enum: .enumeration
    default: .message
    }
  }

  /// The `Parley.BinaryWireType` of a bare value of `type`.
  func wireType(_ type: TypeReference) -> String {
    switch type {
    case .builtin(let builtin): builtin.wireType
    case .list, .map, .optional: ".lengthDelimited"
    case .named(let reference):
      switch namedKind(reference) {
      case .distinct(let builtin): builtin.wireType
      case .enumeration: ".varint"
      case .message: ".lengthDelimited"
      }
    }
  }

  /// An expression reading a bare value (or a field's value right after its tag) of `type`; the
  /// caller puts `try` in front.
  ///
  /// `reader.readInt32()`, `ShopOrders.OrderID(rawValue: reader.readString())`,
  /// `reader.readIndexedList { reader in try reader.readParleyMessage(ShopOrders.LineItem.self) }`.
  func binaryRead(_ type: TypeReference) -> String {
    switch type {
    case .builtin(let builtin):
      return builtin.binaryRead
    case .list(let element):
      return "reader.readIndexedList { reader in try \(binaryRead(element)) }"
    case .map(let key, let value):
      return "reader.readMap { reader in (try \(binaryRead(key)), try \(binaryRead(value))) }"
    case .optional(let wrapped):
      return "reader.readOptionalElement { reader in try \(binaryRead(wrapped)) }"
    case .named(let reference):
      let name = names.qualified(reference)
      switch namedKind(reference) {
      case .distinct(let builtin): return "\(name)(rawValue: \(builtin.binaryRead))"
      case .enumeration: return "reader.readParleyEnum(\(name).self)"
      case .message: return "reader.readParleyMessage(\(name).self)"
      }
    }
  }

  /// A statement writing `value` of `type` as field `field`, or bare when `field` is `nil`;
  /// `depth` keeps closure parameter names unique.
  ///
  /// `writer.writeInt32(field: 2, self.quantity)`,
  /// `writer.writeList(field: 3, self.items) { writer, e0 in writer.writeParleyMessage(e0) }`.
  func binaryWrite(_ type: TypeReference, _ value: String, field: Int?, depth: Int = 0) -> String {
    let fieldArgument = field.map { "field: \($0), " } ?? ""
    switch type {
    case .builtin(let builtin):
      return "writer.write\(builtin.binaryStem)(\(fieldArgument)\(value))"
    case .list(let element):
      let name = "e\(depth)"
      return "writer.writeList(\(fieldArgument)\(value)) { writer, \(name) in "
        + binaryWrite(element, name, field: nil, depth: depth + 1) + " }"
    case .map(let key, let mapped):
      let (keyName, valueName) = ("k\(depth)", "v\(depth)")
      let entries = mapKeyOrder(key).map { "\(value).sorted { \($0) }" } ?? value
      return "writer.writeMap(\(fieldArgument)\(entries)) { writer, \(keyName), \(valueName) in "
        + binaryWrite(key, keyName, field: nil, depth: depth + 1) + "; "
        + binaryWrite(mapped, valueName, field: nil, depth: depth + 1) + " }"
    case .optional(let wrapped):
      let name = "o\(depth)"
      return "writer.writeOptionalElement(\(value), wireType: \(wireType(wrapped))) { writer, \(name) in "
        + binaryWrite(wrapped, name, field: nil, depth: depth + 1) + " }"
    case .named(let reference):
      switch namedKind(reference) {
      case .distinct(let builtin):
        return "writer.write\(builtin.binaryStem)(\(fieldArgument)\(value).rawValue)"
      case .enumeration: return "writer.writeParleyEnum(\(fieldArgument)\(value))"
      case .message: return "writer.writeParleyMessage(\(fieldArgument)\(value))"
      }
    }
  }

  /// The comparison that orders map entries by key (`docs/binary-codec.md` §8) so that equal maps
  /// give identical bytes, or `nil` for a key type the language does not allow.
  ///
  /// `Parley.ParleyMapOrder.precedes($0.key, $1.key)`,
  /// `Parley.ParleyMapOrder.precedes($0.key.rawValue, $1.key.rawValue)` (distinct types).
  func mapKeyOrder(_ type: TypeReference) -> String? {
    let comparison = "Parley.ParleyMapOrder.precedes($0.key, $1.key)"
    switch type {
    case .builtin(let builtin):
      return isOrderedKey(builtin) ? comparison : nil
    case .named(let reference):
      switch namedKind(reference) {
      case .distinct(let builtin):
        return isOrderedKey(builtin)
          ? "Parley.ParleyMapOrder.precedes($0.key.rawValue, $1.key.rawValue)" : nil
      case .enumeration: return comparison
      case .message: return nil
      }
    default: return nil
    }
  }

  /// Whether `ParleyMapOrder` orders keys of `builtin`.
  private func isOrderedKey(_ builtin: BuiltinType) -> Bool {
    builtin == .string || builtin == .uuid || builtin.isInteger
  }

  /// The binary codec of a struct or error.
  ///
  /// ```swift
  /// extension ShopOrders.LineItem: Parley.ParleyBinaryMessage {
  ///   public init(parleyBinary reader: inout Parley.BinaryReader) throws {
  ///     var _sku: ShopOrders.SKU? = nil
  ///     var _quantity: Swift.Int32? = nil
  ///     while let field = try reader.nextField() {
  ///       switch field.number {
  ///       case 1:
  ///         _sku = try reader.withParleyPath("sku") { reader in try ShopOrders.SKU(rawValue: reader.readString()) }
  ///       …
  ///       default:
  ///         try reader.skipField()
  ///       }
  ///     }
  ///     guard let _sku else {
  ///       throw Parley.BinaryDecodingError(.missingRequiredField("sku"), offset: reader.offset)
  ///     }
  ///     self.sku = _sku
  ///   }
  ///
  ///   public func encodeParleyBinary(to writer: inout Parley.BinaryWriter) {
  ///     writer.writeString(field: 1, self.sku.rawValue)
  ///     …
  ///   }
  /// }
  /// ```
  func messageBinaryExtension(_ type: String, _ plans: [FieldPlan]) -> SwiftDeclaration {
    var decode: [SwiftStatement] = []
    var cases: [SwiftSwitchCase] = []
    var finish: [SwiftStatement] = []
    var encode: [SwiftStatement] = []
    for plan in plans.sorted(by: { $0.field.number < $1.field.number }) {
      let local = "_" + SwiftNames.bare(plan.name)
      let valueType = swiftType(plan.field.type.unwrapped)
      if plan.field.isRequired {
        decode.append(.line("var \(local): \(valueType)? = nil"))
        finish.append(
          .guard(
            condition: "let \(local)",
            otherwise: [
              .line(
                "throw Parley.BinaryDecodingError(.missingRequiredField(\(SwiftNames.stringLiteral(plan.field.name))), offset: reader.offset)"
              )
            ]))
      } else if let defaultValue = plan.field.defaultValue, defaultValue != .null {
        decode.append(
          .line("var \(local): \(plan.type) = " + defaultExpression(defaultValue, type: plan.field.type)))
      } else {
        decode.append(.line("var \(local): \(valueType)? = nil"))
      }
      finish.append(.line("self.\(plan.storage) = \(local)"))
      let path = SwiftNames.stringLiteral(plan.field.name)
      cases.append(
        SwiftSwitchCase(
          patterns: ["\(plan.field.number)"],
          body: [
            .line(
              "\(local) = try reader.withParleyPath(\(path)) { reader in try \(binaryRead(plan.field.type.unwrapped)) }"
            )
          ]))
      if plan.field.isOptional {
        encode.append(
          .if(
            condition: "let value = self.\(plan.storage)",
            then: [.line(binaryWrite(plan.field.type.unwrapped, "value", field: plan.field.number))],
            otherwise: nil))
      } else {
        encode.append(.line(binaryWrite(plan.field.type, "self.\(plan.storage)", field: plan.field.number)))
      }
    }
    cases.append(SwiftSwitchCase(patterns: [], body: [.line("try reader.skipField()")]))
    decode.append(
      .while(
        condition: "let field = try reader.nextField()",
        body: [.switch(subject: "field.number", cases: cases)]))
    return binaryExtension(type, decode: decode + finish, encode: encode)
  }

  /// The extension shell of a binary codec.
  ///
  /// ```swift
  /// extension <Type>: Parley.ParleyBinaryMessage {
  ///   /// Decodes the fields of one binary-codec message.
  ///   public init(parleyBinary reader: inout Parley.BinaryReader) throws { <decode> }
  ///   /// Appends the fields of this value in ascending field-number order.
  ///   public func encodeParleyBinary(to writer: inout Parley.BinaryWriter) { <encode> }
  /// }
  /// ```
  func binaryExtension(
    _ type: String, attributes: [String] = [], decode: [SwiftStatement], encode: [SwiftStatement]
  ) -> SwiftDeclaration {
    SwiftDeclaration(
      .extension(
        type: type, conformances: ["Parley.ParleyBinaryMessage"], whereClause: nil,
        members: [
          SwiftDeclaration(
            doc: "Decodes the fields of one binary-codec message.", attributes: attributes, modifiers: access,
            .initializer(
              isFailable: false,
              signature: SwiftSignature(
                parameters: [
                  SwiftParameter(label: "parleyBinary", name: "reader", type: "inout Parley.BinaryReader")
                ],
                throwsType: ""),
              body: decode)),
          SwiftDeclaration(
            doc: "Appends the fields of this value in ascending field-number order.", attributes: attributes,
            modifiers: access,
            .function(
              name: "encodeParleyBinary",
              signature: SwiftSignature(
                parameters: [SwiftParameter(label: "to", name: "writer", type: "inout Parley.BinaryWriter")]),
              body: encode)),
        ]))
  }
}
