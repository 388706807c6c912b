import ParleyFrontEnd

/// Renders the resolved model as `contracts.json`, for other tools. The schema is versioned
/// (``schema``) and documented in `docs/docs-generator.md`; every key is always present (`null`
/// when it has no value) and arrays keep source order.
public enum JSONModelRenderer {
  /// The schema identifier written as `"schema"`; bumped on any incompatible change.
  public static let schema = "parley-docs-model/1"

  /// Renders `contracts` (hiding internal elements unless `includeInternal`); examples come
  /// from `site`.
  public static func render(_ contracts: ContractSet, site: DocSite, includeInternal: Bool) -> RenderedSite {
    var examples: [String: DocExample] = [:]
    for page in site.contracts {
      for service in page.services {
        for method in service.methods {
          examples["\(page.name)|\(service.header.name)|\(method.header.name)"] = method.example
        }
      }
    }
    func shown(_ doc: String?) -> Bool { includeInternal || !Visibility.isInternal(doc) }
    let sorted = contracts.contracts.sorted { Array($0.name.utf8).lexicographicallyPrecedes($1.name.utf8) }
    let model: JSONValue = .object([
      ("schema", .string(schema)),
      (
        "contracts",
        .array(
          sorted.map { contract in
            .object([
              ("name", .string(contract.name)),
              ("version", .integer(Int128(contract.version))),
              ("path", .string(contract.relativePath)),
              ("imported", .bool(!contract.isRequested)),
              ("doc", text(contract.doc)),
              ("imports", .array(contract.imports.compactMap { $0.contract.map(JSONValue.string) })),
              (
                "declarations",
                .array(
                  contract.declarations.filter { shown($0.doc) }.map {
                    declaration($0, examples: examples, shown: shown)
                  })
              ),
            ])
          })
      ),
    ])
    return RenderedSite(files: [RenderedFile(path: "contracts.json", contents: model.rendered() + "\n")])
  }

  static func text(_ doc: String?) -> JSONValue {
    Visibility.strippingMarker(doc).map(JSONValue.string) ?? .null
  }

  static func availability(_ availability: Availability, doc: String?) -> [(key: String, value: JSONValue)] {
    [
      ("doc", text(doc)),
      ("since", availability.since.map { .integer(Int128($0)) } ?? .null),
      (
        "deprecated",
        availability.deprecation.map { .object([("reason", $0.reason.map(JSONValue.string) ?? .null)]) }
          ?? .null
      ),
      ("internal", .bool(Visibility.isInternal(doc))),
    ]
  }

  static func declaration(
    _ declaration: Declaration, examples: [String: DocExample], shown: (String?) -> Bool
  ) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("kind", .string(declaration.kind.rawValue)), ("name", .string(declaration.name)),
      (
        "anchor",
        .string(Anchors.page(of: declaration.contract) + "#" + Anchors.declaration(declaration.name))
      ),
    ]
    members += availability(declaration.availability, doc: declaration.doc)
    switch declaration {
    case .distinctType(let d):
      members += [("underlying", .string(d.underlying.name)), ("constraints", constraints(d.constraints))]
    case .struct(let d):
      members += [
        ("fields", .array(d.fields.filter { shown($0.doc) }.map(field))), ("reserved", reserved(d.reserved)),
      ]
    case .error(let d):
      members += [
        ("code", .integer(Int128(d.code))), ("fields", .array(d.fields.filter { shown($0.doc) }.map(field))),
        ("reserved", reserved(d.reserved)),
      ]
    case .enum(let d):
      members += [
        (
          "cases",
          .array(
            d.cases.filter { shown($0.doc) }.map { item in
              .object(
                [("number", .integer(Int128(item.number))), ("name", .string(item.name))]
                  + availability(item.availability, doc: item.doc))
            })
        ),
        ("reserved", reserved(d.reserved)),
      ]
    case .union(let d):
      members += [
        (
          "variants",
          .array(
            d.variants.filter { shown($0.doc) }.map { variant in
              .object(
                [
                  ("number", .integer(Int128(variant.number))), ("name", .string(variant.name)),
                  ("type", type(variant.type)),
                  ("constraints", constraints(variant.constraints)),
                ] + availability(variant.availability, doc: variant.doc))
            })
        ),
        ("reserved", reserved(d.reserved)),
      ]
    case .service(let d):
      members.append(
        (
          "methods",
          .array(
            d.methods.filter { shown($0.doc) }.map { method in
              let example = examples["\(d.contract)|\(d.name)|\(method.name)"]
              return .object(
                [
                  ("kind", .string(method.kind.rawValue)), ("name", .string(method.name)),
                  ("request", method.request.map(type) ?? .null),
                  ("response", method.response.map(type) ?? .null),
                  ("errors", .array(method.errors.map { .string($0.description) })),
                  ("timeoutMs", method.timeoutMilliseconds.map { .integer(Int128($0)) } ?? .null),
                  ("idempotent", .bool(method.isIdempotent)),
                ] + availability(method.availability, doc: method.doc) + [
                  (
                    "examples",
                    .array(
                      (example?.payloads ?? []).map {
                        .object([("label", .string($0.label)), ("value", $0.value)])
                      })
                  )
                ])
            })
        ))
    }
    return .object(members)
  }

  static func field(_ field: Field) -> JSONValue {
    .object(
      [
        ("number", .integer(Int128(field.number))), ("name", .string(field.name)), ("type", type(field.type)),
        ("required", .bool(field.isRequired)),
        ("default", field.defaultValue.map { .string($0.description) } ?? .null),
        ("constraints", constraints(field.constraints)),
      ] + availability(field.availability, doc: field.doc))
  }

  /// `{"builtin": "String"}`, `{"named": "shop.orders.Order"}`, `{"list": T}`,
  /// `{"map": {"key": K, "value": V}}`, `{"optional": T}`.
  static func type(_ type: TypeReference) -> JSONValue {
    switch type {
    case .builtin(let builtin): .object([("builtin", .string(builtin.name))])
    case .named(let reference): .object([("named", .string(reference.description))])
    case .list(let element): .object([("list", self.type(element))])
    case .map(let key, let value):
      .object([("map", .object([("key", self.type(key)), ("value", self.type(value))]))])
    case .optional(let wrapped): .object([("optional", self.type(wrapped))])
    }
  }

  static func number(_ value: NumericValue?) -> JSONValue {
    switch value {
    case .integer(let n)?: .integer(n)
    case .floating(let n)?: .number(n)
    case nil: .null
    }
  }

  static func constraints(_ constraints: Constraints) -> JSONValue {
    func count(_ range: CountRange?) -> JSONValue {
      guard let range else { return .null }
      return .object([
        ("min", range.lower.map { .integer(Int128($0)) } ?? .null),
        ("max", range.upper.map { .integer(Int128($0)) } ?? .null),
      ])
    }
    return .object([
      (
        "range",
        constraints.range.map { .object([("min", number($0.lower)), ("max", number($0.upper))]) } ?? .null
      ),
      ("length", count(constraints.length)), ("count", count(constraints.count)),
      ("pattern", constraints.pattern.map(JSONValue.string) ?? .null),
      ("format", constraints.format.map { .string($0.rawValue) } ?? .null),
    ])
  }

  static func reserved(_ set: ReservedSet) -> JSONValue {
    .object([
      (
        "numbers",
        .array(
          set.numbers.map {
            .array([.integer(Int128($0.range.lowerBound)), .integer(Int128($0.range.upperBound))])
          })
      ),
      ("names", .array(set.names.map { .string($0.name) })),
    ])
  }
}
