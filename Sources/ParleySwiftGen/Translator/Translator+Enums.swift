import ParleyFrontEnd

extension Translator {
  /// The extensions of a distinct type: JSON as the raw value, map-key support, validation of its
  /// constraints. (Binary code reads and writes `rawValue` directly.)
  ///
  /// ```swift
  /// extension ShopOrders.OrderID: Swift.Codable, Parley.ParleyJSONCodable, Parley.ParleyJSONMapKey {
  ///   public init(from decoder: any Swift.Decoder) throws {
  ///     self.init(rawValue: try Swift.String.decodeParleyJSON(from: decoder))
  ///   }
  ///   …
  /// }
  /// ```
  func distinctExtensions(_ type: String, _ d: DistinctTypeDeclaration) -> [SwiftDeclaration] {
    let raw = d.underlying.swiftType
    let isKey = d.underlying.isAllowedMapKey
    var members: [SwiftDeclaration] = []
    if isKey {
      members.append(
        SwiftDeclaration(
          doc: "The raw value as a JSON object key.", modifiers: access,
          .property(
            SwiftProperty(
              isConstant: false, name: "parleyJSONKey", type: "Swift.String",
              getter: [.line("self.rawValue.parleyJSONKey")]))))
      members.append(
        SwiftDeclaration(
          doc: "Parses a JSON object key.", modifiers: access,
          .initializer(
            isFailable: true,
            signature: SwiftSignature(parameters: [
              SwiftParameter(label: "parleyJSONKey", name: "key", type: "Swift.String")
            ]),
            body: [
              .guard(
                condition: "let rawValue = \(raw)(parleyJSONKey: key)", otherwise: [.line("return nil")]),
              .line("self.init(rawValue: rawValue)"),
            ])))
    }
    let codable = codableExtension(
      type, conformances: isKey ? ["Parley.ParleyJSONMapKey"] : [], members: members,
      decode: [.line("self.init(rawValue: try \(raw).decodeParleyJSON(from: decoder))")],
      encode: [.line("try self.rawValue.encodeParleyJSON(to: encoder)")])
    let checks = validationChecks(.builtin(d.underlying), d.constraints, "self.rawValue", path: "path")
    return [codable, distinctFastJSONExtension(type, d), validationExtension(type, checks)]
  }

  /// The extensions of an open enum: number/name mapping, JSON by case name (numbers accepted).
  ///
  /// ```swift
  /// extension ShopOrders.OrderStatus: Parley.ParleyEnum {
  ///   public init(parleyNumber number: Swift.Int) {
  ///     switch number {
  ///     case 1:
  ///       self = .pending
  ///     default:
  ///       self = .unknown(.number(number))
  ///     }
  ///   }
  ///   …
  /// }
  /// extension ShopOrders.OrderStatus: Swift.Codable, Parley.ParleyJSONCodable, Parley.ParleyJSONMapKey { … }
  /// ```
  func enumExtensions(_ type: String, _ d: EnumDeclaration, _ caseNames: [String: String])
    -> [SwiftDeclaration]
  {
    let attributes = deprecatedContext(d.cases.contains { $0.availability.isDeprecated })
    func swiftCase(_ enumCase: EnumCase) -> String { "." + (caseNames[enumCase.name] ?? enumCase.name) }
    let fromNumber = SwiftStatement.switch(
      subject: "number",
      cases: d.cases.map {
        SwiftSwitchCase(patterns: ["\($0.number)"], body: [.line("self = " + swiftCase($0))])
      }
        + [SwiftSwitchCase(patterns: [], body: [.line("self = .unknown(.number(number))")])])
    let fromName = SwiftStatement.switch(
      subject: "name",
      cases: d.cases.map {
        SwiftSwitchCase(
          patterns: [SwiftNames.stringLiteral($0.name)], body: [.line("self = " + swiftCase($0))])
      } + [SwiftSwitchCase(patterns: [], body: [.line("self = .unknown(.name(name))")])])
    let toNumber = SwiftStatement.switch(
      subject: "self",
      cases: d.cases.map { SwiftSwitchCase(patterns: [swiftCase($0)], body: [.line("\($0.number)")]) } + [
        SwiftSwitchCase(patterns: [".unknown(.number(let number))"], body: [.line("number")]),
        SwiftSwitchCase(patterns: [".unknown(.name)"], body: [.line("0")]),
      ])
    let toName = SwiftStatement.switch(
      subject: "self",
      cases: d.cases.map {
        SwiftSwitchCase(patterns: [swiftCase($0)], body: [.line(SwiftNames.stringLiteral($0.name))])
      }
        + [
          SwiftSwitchCase(patterns: [".unknown(.name(let name))"], body: [.line("name")]),
          SwiftSwitchCase(patterns: [".unknown(.number)"], body: [.line("nil")]),
        ])
    let mapping = SwiftDeclaration(
      .extension(
        type: type, conformances: ["Parley.ParleyEnum"], whereClause: nil,
        members: [
          SwiftDeclaration(
            doc: "The case numbered `number` on the binary wire, or `unknown`.", attributes: attributes,
            modifiers: access,
            .initializer(
              isFailable: false,
              signature: SwiftSignature(parameters: [
                SwiftParameter(label: "parleyNumber", name: "number", type: "Swift.Int")
              ]),
              body: [fromNumber])),
          SwiftDeclaration(
            doc: "The case named `name` on the JSON wire, or `unknown`.", attributes: attributes,
            modifiers: access,
            .initializer(
              isFailable: false,
              signature: SwiftSignature(parameters: [
                SwiftParameter(label: "parleyName", name: "name", type: "Swift.String")
              ]),
              body: [fromName])),
          SwiftDeclaration(
            doc: "The case's number on the binary wire (0 for an unknown case known only by name).",
            attributes: attributes, modifiers: access,
            .property(
              SwiftProperty(isConstant: false, name: "parleyNumber", type: "Swift.Int", getter: [toNumber]))),
          SwiftDeclaration(
            doc: "The case's name on the JSON wire (`nil` for an unknown case known only by number).",
            attributes: attributes, modifiers: access,
            .property(
              SwiftProperty(isConstant: false, name: "parleyName", type: "Swift.String?", getter: [toName]))),
        ]))
    let keyMembers: [SwiftDeclaration] = [
      SwiftDeclaration(
        doc: "The case name as a JSON object key.", attributes: attributes, modifiers: access,
        .property(
          SwiftProperty(
            isConstant: false, name: "parleyJSONKey", type: "Swift.String",
            getter: [.line("self.parleyName ?? Swift.String(self.parleyNumber)")]))),
      SwiftDeclaration(
        doc: "The case named by a JSON object key.", attributes: attributes, modifiers: access,
        .initializer(
          isFailable: true,
          signature: SwiftSignature(parameters: [
            SwiftParameter(label: "parleyJSONKey", name: "key", type: "Swift.String")
          ]),
          body: [.line("self.init(parleyName: key)")])),
    ]
    let codable = codableExtension(
      type, conformances: ["Parley.ParleyJSONMapKey"], attributes: attributes, members: keyMembers,
      decode: [
        .line("let container = try decoder.singleValueContainer()"),
        .if(
          condition: "let number = try container.parleyEnumNumber()",
          then: [.line("self.init(parleyNumber: number)")],
          otherwise: [.line("self.init(parleyName: try container.decode(Swift.String.self))")]),
      ],
      encode: [
        .line("var container = encoder.singleValueContainer()"),
        .if(
          condition: "let name = self.parleyName", then: [.line("try container.encode(name)")],
          otherwise: [.line("try container.encode(self.parleyNumber)")]),
      ])
    return [mapping, codable, enumFastJSONExtension(type)]
  }

  /// The extensions of a union: JSON `{"type": …, "value": …}`, binary (one field), validation.
  ///
  /// ```swift
  /// extension ShopOrders.PaymentMethod: Swift.Codable, Parley.ParleyJSONCodable {
  ///   public init(from decoder: any Swift.Decoder) throws {
  ///     …
  ///     switch name {
  ///     case "card":
  ///       self = .card(try container.parleyDecode(ShopOrders.CardPayment.self, forKey: .value))
  ///     default:
  ///       self = .unknown(Parley.UnknownUnionVariant(name: name, jsonValue: …))
  ///     }
  ///   }
  ///   …
  /// }
  /// ```
  func unionExtensions(_ type: String, _ d: UnionDeclaration, _ caseNames: [String: String])
    -> [SwiftDeclaration]
  {
    let attributes = deprecatedContext(d.variants.contains { $0.availability.isDeprecated })
    func swiftCase(_ variant: UnionVariant) -> String { "." + (caseNames[variant.name] ?? variant.name) }
    // JSON
    let keys = SwiftDeclaration(
      modifiers: [.private],
      .enum(
        name: "CodingKeys", conformances: ["Swift.String", "Swift.CodingKey"],
        members: [
          .init(.enumCase(SwiftEnumCase(name: "type"))), .init(.enumCase(SwiftEnumCase(name: "value"))),
        ]))
    let decodeSwitch = SwiftStatement.switch(
      subject: "name",
      cases: d.variants.map {
        SwiftSwitchCase(
          patterns: [SwiftNames.stringLiteral($0.name)],
          body: [
            .line(
              "self = \(swiftCase($0))(try container.parleyDecode(\(swiftType($0.type)).self, forKey: .value))"
            )
          ])
      } + [
        SwiftSwitchCase(
          patterns: [],
          body: [
            .line(
              "self = .unknown(Parley.UnknownUnionVariant(name: name, jsonValue: try container.decodeIfPresent(Parley.ParleyJSONValue.self, forKey: .value)?.jsonText()))"
            )
          ])
      ])
    let encodeSwitch = SwiftStatement.switch(
      subject: "self",
      cases: d.variants.map {
        SwiftSwitchCase(
          patterns: [swiftCase($0) + "(let value)"],
          body: [
            .line("try container.encode(\(SwiftNames.stringLiteral($0.name)), forKey: .type)"),
            .line("try container.parleyEncode(value, forKey: .value)"),
          ])
      } + [
        SwiftSwitchCase(
          patterns: [".unknown(let variant)"],
          body: [
            .line("try container.encode(variant.name ?? Swift.String(variant.number ?? 0), forKey: .type)"),
            .if(
              condition: "let json = variant.jsonValue",
              then: [
                .line("try container.encode(try Parley.ParleyJSONValue(jsonText: json), forKey: .value)")
              ],
              otherwise: nil),
          ])
      ])
    let codable = codableExtension(
      type, attributes: attributes, members: [keys],
      decode: [
        .line("try Parley.ParleyJSON.rejectUnknownKeys(in: decoder, known: [\"type\", \"value\"])"),
        .line("let container = try decoder.container(keyedBy: CodingKeys.self)"),
        .line("let name = try container.decode(Swift.String.self, forKey: .type)"),
        decodeSwitch,
      ],
      encode: [.line("var container = encoder.container(keyedBy: CodingKeys.self)"), encodeSwitch])
    // Binary
    let readCases =
      d.variants.map { variant in
        SwiftSwitchCase(
          patterns: ["\(variant.number)"],
          body: [
            .line(
              "result = \(swiftCase(variant))(try reader.withParleyPath(\(SwiftNames.stringLiteral(variant.name))) { reader in try \(binaryRead(variant.type)) })"
            )
          ])
      } + [
        SwiftSwitchCase(
          patterns: [], body: [.line("result = .unknown(try reader.readUnknownUnionVariant(field))")])
      ]
    let decode: [SwiftStatement] = [
      .line("var result: Self? = nil"),
      .line("var count = 0"),
      .while(
        condition: "let field = try reader.nextField()",
        body: [.line("count += 1"), .switch(subject: "field.number", cases: readCases)]),
      .guard(
        condition: "count == 1, let result",
        otherwise: [
          .line("throw Parley.BinaryDecodingError(.invalidUnion(variantCount: count), offset: reader.offset)")
        ]),
      .line("self = result"),
    ]
    let encode = SwiftStatement.switch(
      subject: "self",
      cases: d.variants.map {
        SwiftSwitchCase(
          patterns: [swiftCase($0) + "(let value)"],
          body: [.line(binaryWrite($0.type, "value", field: $0.number))])
      } + [
        SwiftSwitchCase(
          patterns: [".unknown(let variant)"], body: [.line("writer.writeUnknownUnionVariant(variant)")])
      ])
    let binary = binaryExtension(type, attributes: attributes, decode: decode, encode: [encode])
    // Validation
    var validationCases: [SwiftSwitchCase] = []
    for variant in d.variants {
      let path = "Parley.ParleyValidation.member(path, \(SwiftNames.stringLiteral(variant.name)))"
      let checks = validationChecks(variant.type, variant.constraints, "value", path: path)
      if !checks.isEmpty {
        validationCases.append(SwiftSwitchCase(patterns: [swiftCase(variant) + "(let value)"], body: checks))
      }
    }
    var validationBody: [SwiftStatement] = []
    if !validationCases.isEmpty {
      validationBody = [
        .switch(subject: "self", cases: validationCases + [SwiftSwitchCase(patterns: [], body: [])])
      ]
    }
    return [
      codable, unionFastJSONExtension(type, d, caseNames, attributes: attributes), binary,
      validationExtension(type, attributes: attributes, validationBody),
    ]
  }
}
