import ParleyFrontEnd

extension Translator {
  /// `Codable` with Parley's JSON mapping for a struct or error.
  ///
  /// ```swift
  /// extension ShopOrders.Order: Swift.Codable, Parley.ParleyJSONCodable {
  ///   private enum CodingKeys: Swift.String, Swift.CodingKey {
  ///     case id = "id"
  ///     case note = "note"
  ///   }
  ///
  ///   public init(from decoder: any Swift.Decoder) throws {
  ///     try Parley.ParleyJSON.rejectUnknownKeys(in: decoder, known: ["id", "note"])
  ///     let container = try decoder.container(keyedBy: CodingKeys.self)
  ///     self.id = try container.parleyDecode(ShopOrders.OrderID.self, forKey: .id)
  ///     self.note = try container.parleyDecodeIfPresent(Swift.String.self, forKey: .note)
  ///   }
  ///
  ///   public func encode(to encoder: any Swift.Encoder) throws {
  ///     var container = encoder.container(keyedBy: CodingKeys.self)
  ///     try container.parleyEncode(self.id, forKey: .id)
  ///     try container.parleyEncodeIfPresent(self.note, forKey: .note)
  ///   }
  /// }
  /// ```
  func messageJSONExtension(_ type: String, _ plans: [FieldPlan]) -> SwiftDeclaration {
    let keys = SwiftDeclaration(
      modifiers: [.private],
      .enum(
        name: "CodingKeys", conformances: ["Swift.String", "Swift.CodingKey"],
        members: plans.map {
          .init(.enumCase(SwiftEnumCase(name: $0.name, rawValue: SwiftNames.stringLiteral($0.field.name))))
        }))
    let known = "[" + plans.map { SwiftNames.stringLiteral($0.field.name) }.joined(separator: ", ") + "]"
    var decode: [SwiftStatement] = [
      .line("try Parley.ParleyJSON.rejectUnknownKeys(in: decoder, known: \(known))")
    ]
    var encode: [SwiftStatement] = []
    if plans.isEmpty {
      // A field-less value is still an object (`{}`); without a container, a top-level encode fails.
      encode.append(.line("_ = encoder.container(keyedBy: Parley.ParleyCodingKey.self)"))
    } else {
      decode.append(.line("let container = try decoder.container(keyedBy: CodingKeys.self)"))
      encode.append(.line("var container = encoder.container(keyedBy: CodingKeys.self)"))
    }
    for plan in plans {
      let valueType = swiftType(plan.field.type.unwrapped)
      let key = "forKey: ." + plan.name
      if plan.field.isRequired {
        decode.append(.line("self.\(plan.storage) = try container.parleyDecode(\(valueType).self, \(key))"))
      } else if let defaultValue = plan.field.defaultValue, defaultValue != .null {
        decode.append(
          .line(
            "self.\(plan.storage) = try container.parleyDecodeIfPresent(\(valueType).self, \(key)) ?? "
              + defaultExpression(defaultValue, type: plan.field.type)))
      } else {
        decode.append(
          .line("self.\(plan.storage) = try container.parleyDecodeIfPresent(\(valueType).self, \(key))"))
      }
      encode.append(
        .line(
          plan.field.isOptional
            ? "try container.parleyEncodeIfPresent(self.\(plan.storage), \(key))"
            : "try container.parleyEncode(self.\(plan.storage), \(key))"))
    }
    return codableExtension(type, members: plans.isEmpty ? [] : [keys], decode: decode, encode: encode)
  }

  /// The `Codable` extension shell shared by every kind.
  ///
  /// ```swift
  /// extension <Type>: Swift.Codable, Parley.ParleyJSONCodable {
  ///   <members>
  ///   /// Decodes a value with Parley's JSON mapping.
  ///   public init(from decoder: any Swift.Decoder) throws { <decode> }
  ///   /// Encodes the value with Parley's JSON mapping.
  ///   public func encode(to encoder: any Swift.Encoder) throws { <encode> }
  /// }
  /// ```
  func codableExtension(
    _ type: String, conformances: [String] = [], attributes: [String] = [], members: [SwiftDeclaration],
    decode: [SwiftStatement], encode: [SwiftStatement]
  ) -> SwiftDeclaration {
    SwiftDeclaration(
      .extension(
        type: type, conformances: ["Swift.Codable", "Parley.ParleyJSONCodable"] + conformances,
        whereClause: nil,
        members: members + [
          SwiftDeclaration(
            doc: "Decodes a value with Parley's JSON mapping.", attributes: attributes, modifiers: access,
            .initializer(
              isFailable: false,
              signature: SwiftSignature(
                parameters: [SwiftParameter(label: "from", name: "decoder", type: "any Swift.Decoder")],
                throwsType: ""),
              body: decode)),
          SwiftDeclaration(
            doc: "Encodes the value with Parley's JSON mapping.", attributes: attributes, modifiers: access,
            .function(
              name: "encode",
              signature: SwiftSignature(
                parameters: [SwiftParameter(label: "to", name: "encoder", type: "any Swift.Encoder")],
                throwsType: ""),
              body: encode)),
        ]))
  }
}
