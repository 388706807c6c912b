import ParleyFrontEnd

extension Translator {
  /// An expression reading a value of `type` with `Parley.JSONReader` (the caller puts `try`).
  ///
  /// `reader.readParleyInteger(Swift.Int32.self)`,
  /// `reader.readParleyArray { reader in try ShopOrders.LineItem(parleyJSON: &reader) }`.
  func jsonRead(_ type: TypeReference) -> String {
    switch type {
    case .builtin(let builtin):
      switch builtin {
      case .bool: return "reader.readBool()"
      case .float: return "reader.readParleyFloat()"
      case .double: return "reader.readDouble()"
      case .string: return "reader.readString()"
      case .bytes: return "reader.readParleyBytes()"
      case .timestamp: return "reader.readParleyTimestamp()"
      case .duration: return "reader.readParleyDuration()"
      case .uuid: return "reader.readParleyUUID()"
      default: return "reader.readParleyInteger(\(builtin.swiftType).self)"
      }
    case .list(let element):
      return "reader.readParleyArray { reader in try \(jsonRead(element)) }"
    case .map(let key, let value):
      return "reader.readParleyMap(\(swiftType(key)).self) { reader in try \(jsonRead(value)) }"
    case .optional(let wrapped):
      return "reader.readParleyOptional { reader in try \(jsonRead(wrapped)) }"
    case .named(let reference):
      return "reader.readParleyValue(\(names.qualified(reference)).self)"
    }
  }

  /// A statement writing `value` of `type` with `Parley.JSONWriter`; `depth` keeps closure
  /// parameter names unique.
  func jsonWrite(_ type: TypeReference, _ value: String, depth: Int = 0) -> String {
    switch type {
    case .builtin(let builtin):
      switch builtin {
      case .bool: return "writer.bool(\(value))"
      case .float: return "writer.parleyFloat(\(value))"
      case .double: return "writer.double(\(value))"
      case .string: return "writer.string(\(value))"
      case .bytes: return "writer.parleyBytes(\(value))"
      case .timestamp: return "writer.parleyTimestamp(\(value))"
      case .duration: return "writer.parleyDuration(\(value))"
      case .uuid: return "writer.parleyUUID(\(value))"
      case .int64: return "writer.int(\(value))"
      case .uint64: return "writer.uint(\(value))"
      case .int8, .int16, .int32, .int: return "writer.int(Swift.Int64(\(value)))"
      case .uint8, .uint16, .uint32: return "writer.uint(Swift.UInt64(\(value)))"
      }
    case .list(let element):
      return
        "writer.writeParleyArray(\(value)) { writer, e\(depth) in \(jsonWrite(element, "e\(depth)", depth: depth + 1)) }"
    case .map(_, let mapped):
      return
        "writer.writeParleyMap(\(value)) { writer, v\(depth) in \(jsonWrite(mapped, "v\(depth)", depth: depth + 1)) }"
    case .optional(let wrapped):
      return
        "writer.writeParleyOptional(\(value)) { writer, o\(depth) in \(jsonWrite(wrapped, "o\(depth)", depth: depth + 1)) }"
    case .named:
      return "writer.writeParleyValue(\(value))"
    }
  }

  /// The extension shell of a fast JSON codec.
  ///
  /// ```swift
  /// extension <Type>: Parley.ParleyFastJSON {
  ///   /// Reads a value with `Parley.JSONReader`, skipping unknown members.
  ///   public init(parleyJSON reader: inout Parley.JSONReader) throws { <decode> }
  ///   /// Writes the value with `Parley.JSONWriter`.
  ///   public func writeParleyJSON(to writer: inout Parley.JSONWriter) { <encode> }
  /// }
  /// ```
  func fastJSONExtension(
    _ type: String, attributes: [String] = [], decode: [SwiftStatement], encode: [SwiftStatement]
  ) -> SwiftDeclaration {
    SwiftDeclaration(
      .extension(
        type: type, conformances: ["Parley.ParleyFastJSON"], whereClause: nil,
        members: [
          SwiftDeclaration(
            doc: "Reads a value with `Parley.JSONReader`, skipping unknown members.", attributes: attributes,
            modifiers: access,
            .initializer(
              isFailable: false,
              signature: SwiftSignature(
                parameters: [
                  SwiftParameter(label: "parleyJSON", name: "reader", type: "inout Parley.JSONReader")
                ],
                throwsType: ""),
              body: decode)),
          SwiftDeclaration(
            doc: "Writes the value with `Parley.JSONWriter`.", attributes: attributes, modifiers: access,
            .function(
              name: "writeParleyJSON",
              signature: SwiftSignature(
                parameters: [SwiftParameter(label: "to", name: "writer", type: "inout Parley.JSONWriter")]),
              body: encode)),
        ]))
  }

  /// The fast JSON codec of a struct or error.
  ///
  /// ```swift
  /// extension ShopOrders.LineItem: Parley.ParleyFastJSON {
  ///   public init(parleyJSON reader: inout Parley.JSONReader) throws {
  ///     var _sku: ShopInventory.SKU? = nil
  ///     …
  ///     try reader.beginObject()
  ///     while let key = try reader.nextMember() {
  ///       switch key {
  ///       case "sku":
  ///         _sku = try reader.withParleyPath("sku") { reader in try ShopInventory.SKU(parleyJSON: &reader) }
  ///       default:
  ///         try reader.skipValue()
  ///       }
  ///     }
  ///     guard let _sku else { throw Parley.ParleyJSONDecodingError.missing("sku") }
  ///     self.sku = _sku
  ///   }
  ///
  ///   public func writeParleyJSON(to writer: inout Parley.JSONWriter) {
  ///     writer.beginObject()
  ///     writer.key("sku")
  ///     self.sku.writeParleyJSON(to: &writer)
  ///     …
  ///     writer.endObject()
  ///   }
  /// }
  /// ```
  func messageFastJSONExtension(_ type: String, _ plans: [FieldPlan]) -> SwiftDeclaration {
    var decode: [SwiftStatement] = []
    var cases: [SwiftSwitchCase] = []
    var finish: [SwiftStatement] = []
    var encode: [SwiftStatement] = [.line("writer.beginObject()")]
    for plan in plans {
      let local = "_" + SwiftNames.bare(plan.name)
      let valueType = swiftType(plan.field.type.unwrapped)
      let key = SwiftNames.stringLiteral(plan.field.name)
      if plan.field.isRequired {
        decode.append(.line("var \(local): \(valueType)? = nil"))
        finish.append(
          .guard(
            condition: "let \(local)",
            otherwise: [.line("throw Parley.ParleyJSONDecodingError.missing(\(key))")]))
      } else if let defaultValue = plan.field.defaultValue, defaultValue != .null {
        decode.append(
          .line("var \(local): \(plan.type) = " + defaultExpression(defaultValue, type: plan.field.type)))
      } else {
        decode.append(.line("var \(local): \(valueType)? = nil"))
      }
      finish.append(.line("self.\(plan.storage) = \(local)"))
      let read = "try reader.withParleyPath(\(key)) { reader in try \(jsonRead(plan.field.type.unwrapped)) }"
      cases.append(
        SwiftSwitchCase(
          patterns: [key],
          body: [
            .if(
              condition: "try reader.readNull()",
              then: [.line(plan.field.isOptional ? "\(local) = nil" : "continue")],
              otherwise: [.line("\(local) = \(read)")])
          ]))
      let write: [SwiftStatement] = [
        .line("writer.key(\(key))"),
        .line(jsonWrite(plan.field.type.unwrapped, plan.field.isOptional ? "value" : "self.\(plan.storage)")),
      ]
      if plan.field.isOptional {
        encode.append(.if(condition: "let value = self.\(plan.storage)", then: write, otherwise: nil))
      } else {
        encode += write
      }
    }
    encode.append(.line("writer.endObject()"))
    cases.append(SwiftSwitchCase(patterns: [], body: [.line("try reader.skipValue()")]))
    decode.append(.line("try reader.beginObject()"))
    decode.append(
      .while(condition: "let key = try reader.nextMember()", body: [.switch(subject: "key", cases: cases)]))
    return fastJSONExtension(type, decode: decode + finish, encode: encode)
  }

  /// The fast JSON codec of a distinct type: its raw value.
  func distinctFastJSONExtension(_ type: String, _ d: DistinctTypeDeclaration) -> SwiftDeclaration {
    fastJSONExtension(
      type, decode: [.line("self.init(rawValue: try \(jsonRead(.builtin(d.underlying))))")],
      encode: [.line(jsonWrite(.builtin(d.underlying), "self.rawValue"))])
  }

  /// The fast JSON codec of an enum: its case name (numbers accepted).
  func enumFastJSONExtension(_ type: String) -> SwiftDeclaration {
    fastJSONExtension(
      type, decode: [.line("self = try reader.readParleyEnum(Self.self)")],
      encode: [.line("writer.writeParleyEnum(self)")])
  }

  /// The fast JSON codec of a union: `{"type": …, "value": …}`, members in any order.
  func unionFastJSONExtension(
    _ type: String, _ d: UnionDeclaration, _ caseNames: [String: String], attributes: [String]
  ) -> SwiftDeclaration {
    func swiftCase(_ variant: UnionVariant) -> String { "." + (caseNames[variant.name] ?? variant.name) }
    let readCases =
      d.variants.map { variant in
        SwiftSwitchCase(
          patterns: [SwiftNames.stringLiteral(variant.name)],
          body: [
            .line(
              "return \(swiftCase(variant))(try reader.withParleyPath(\"value\") { reader in try \(jsonRead(variant.type)) })"
            )
          ])
      } + [
        SwiftSwitchCase(
          patterns: [],
          body: [
            .line(
              "return .unknown(Parley.UnknownUnionVariant(name: name, jsonValue: try reader.readParleyRawValue()))"
            )
          ])
      ]
    let decode: [SwiftStatement] = [
      .line("var name: Swift.String? = nil"),
      .line("var value: [Swift.UInt8]? = nil"),
      .line("try reader.beginObject()"),
      .while(
        condition: "let key = try reader.nextMember()",
        body: [
          .switch(
            subject: "key",
            cases: [
              SwiftSwitchCase(patterns: ["\"type\""], body: [.line("name = try reader.readString()")]),
              SwiftSwitchCase(
                patterns: ["\"value\""], body: [.line("value = try reader.readParleyRawValue()")]),
              SwiftSwitchCase(patterns: [], body: [.line("try reader.skipValue()")]),
            ])
        ]),
      .guard(
        condition: "let name", otherwise: [.line("throw Parley.ParleyJSONDecodingError.missing(\"type\")")]),
      .closure(
        opening: "self = try Parley.JSONReader.parleyUnionValue(value, variant: name)",
        parameters: "reader, name",
        body: [.switch(subject: "name", cases: readCases)], closing: ""),
    ]
    let writeCases =
      d.variants.map {
        SwiftSwitchCase(
          patterns: [swiftCase($0) + "(let value)"],
          body: [
            .line("writer.key(\"type\")"), .line("writer.string(\(SwiftNames.stringLiteral($0.name)))"),
            .line("writer.key(\"value\")"), .line(jsonWrite($0.type, "value")),
          ])
      } + [
        SwiftSwitchCase(
          patterns: [".unknown(let variant)"],
          body: [
            .line("writer.key(\"type\")"),
            .line("writer.string(variant.name ?? Swift.String(variant.number ?? 0))"),
            .if(
              condition: "let json = variant.jsonValue",
              then: [.line("writer.key(\"value\")"), .line("writer.rawValue(json)")], otherwise: nil),
          ])
      ]
    let encode: [SwiftStatement] = [
      .line("writer.beginObject()"), .switch(subject: "self", cases: writeCases), .line("writer.endObject()"),
    ]
    return fastJSONExtension(type, attributes: attributes, decode: decode, encode: encode)
  }
}
