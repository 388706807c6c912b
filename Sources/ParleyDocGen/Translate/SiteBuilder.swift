import ParleyFrontEnd

/// The *translate* stage: resolved contracts → the page model (``DocSite``) plus diagnostics.
///
/// Decides what is shown (hiding `@internal` elements), parses and checks doc comments,
/// links every type, puts constraints into words, gathers "used by" and "thrown by" lists and
/// generates the example payloads and Swift snippets.
public struct SiteBuilder {
  let contracts: ContractSet
  let options: DocOptions
  let references: CrossReferences
  var examples: ExampleGenerator
  /// The Swift snippets, with the generator's names under ``DocOptions/generator``.
  let snippets: SwiftSnippet
  /// Problems found while translating.
  public internal(set) var diagnostics: [DocDiagnostic] = []

  /// Creates a builder for `contracts`.
  public init(_ contracts: ContractSet, options: DocOptions) {
    self.contracts = contracts
    self.options = options
    self.references = CrossReferences(contracts)
    self.examples = ExampleGenerator(contracts, includeInternal: options.includeInternal)
    self.snippets = SwiftSnippet(contracts, options: options.generator)
  }

  /// Translates every contract of the set (imported-only ones too, so that links resolve).
  public mutating func build(changelog: String? = nil) -> DocSite {
    let pages = contracts.contracts
      .sorted { Array($0.name.utf8).lexicographicallyPrecedes($1.name.utf8) }
      .map { page(for: $0) }
    diagnostics += examples.diagnostics
    diagnostics = DocDiagnostic.sorted(diagnostics)
    let log = changelog.map { markdown in
      DocChangelog(markdown: markdown, text: DocMarkdownParser.parse(markdown) { _ in nil }.text)
    }
    return DocSite(title: options.title, contracts: pages, changelog: log)
  }

  // MARK: Visibility

  func isShown(_ doc: String?) -> Bool { options.includeInternal || !Visibility.isInternal(doc) }

  func isShown(_ reference: DeclarationReference) -> Bool {
    guard let declaration = contracts.declaration(reference) else { return false }
    return isShown(declaration.doc)
  }

  // MARK: Pages

  mutating func page(for contract: Contract) -> ContractPage {
    let visible = contract.declarations.filter { isShown($0.doc) }
    let imports = contract.imports.compactMap { entry -> DocReferenceLink? in
      guard let name = entry.contract else { return nil }
      return DocReferenceLink(text: name, link: DocLink(page: Anchors.page(of: name), anchor: ""))
    }
    return ContractPage(
      name: contract.name, version: contract.version, path: contract.relativePath,
      doc: docText(contract.doc, in: contract, at: contract.location),
      isImportedOnly: !contract.isRequested, imports: imports,
      services: visible.filter { $0.kind == .service }.map { declaration($0, in: contract) },
      types: visible.filter { $0.kind != .service && $0.kind != .error }.map {
        declaration($0, in: contract)
      },
      errors: visible.filter { $0.kind == .error }.map { declaration($0, in: contract) })
  }

  mutating func header(
    name: String, anchor: String, doc: String?, availability: Availability, in contract: Contract,
    at location: SourceLocation
  ) -> DocHeader {
    DocHeader(
      name: name, anchor: anchor, doc: docText(doc, in: contract, at: location), since: availability.since,
      deprecation: availability.deprecation, isInternal: Visibility.isInternal(doc))
  }

  mutating func declaration(_ declaration: Declaration, in contract: Contract) -> DocDeclaration {
    let name = declaration.name
    var result = DocDeclaration(
      kind: declaration.kind,
      header: header(
        name: name, anchor: Anchors.declaration(name), doc: declaration.doc,
        availability: declaration.availability,
        in: contract, at: declaration.location))
    let reference = declaration.reference
    switch declaration {
    case .distinctType(let d):
      result.underlying = .builtin(d.underlying.name)
      result.constraints = ConstraintWording.describe(d.constraints, for: .builtin(d.underlying))
    case .struct(let d):
      result.fields = fields(d.fields, of: reference, in: contract)
      result.reserved = reserved(d.reserved)
    case .error(let d):
      result.code = d.code
      result.fields = fields(d.fields, of: reference, in: contract)
      result.reserved = reserved(d.reserved)
    case .enum(let d):
      result.cases = d.cases.filter { isShown($0.doc) }.map { item in
        DocCase(
          number: item.number,
          header: header(
            name: item.name, anchor: Anchors.member(name, item.name), doc: item.doc,
            availability: item.availability,
            in: contract, at: item.location))
      }
      result.reserved = reserved(d.reserved)
    case .union(let d):
      result.variants = d.variants.filter { isShown($0.doc) }.map { variant in
        DocVariant(
          number: variant.number,
          header: header(
            name: variant.name, anchor: Anchors.member(name, variant.name), doc: variant.doc,
            availability: variant.availability, in: contract, at: variant.location),
          type: docType(variant.type, from: contract),
          constraints: constraintPhrases(variant.constraints, of: variant.type))
      }
      result.reserved = reserved(d.reserved)
    case .service(let d):
      result.methods = d.methods.filter { isShown($0.doc) }.map { method($0, of: d, in: contract) }
    }
    let usages = references.usages(of: reference).filter { isShown($0.user) }
    result.usedBy = usages.filter { $0.role != .throws }.map { usageLink($0, from: contract) }
    result.thrownBy = usages.filter { $0.role == .throws }.map { usageLink($0, from: contract) }
    return result
  }

  func usageLink(_ usage: TypeUsage, from contract: Contract) -> DocReferenceLink {
    let owner = displayName(usage.user, from: contract)
    var role = usage.role.rawValue
    if usage.role == .request, case .service(let service)? = contracts.declaration(usage.user),
      service.method(named: usage.member)?.kind == .event
    {
      role = "event payload"
    } else if usage.role == .response, case .service(let service)? = contracts.declaration(usage.user),
      service.method(named: usage.member)?.kind == .stream
    {
      role = "stream item"
    }
    return DocReferenceLink(
      text: "\(owner).\(usage.member)", role: role,
      link: Anchors.link(to: usage.user, member: usage.member))
  }

  mutating func fields(_ fields: [Field], of owner: DeclarationReference, in contract: Contract) -> [DocField]
  {
    fields.filter { isShown($0.doc) }.map { field in
      let presence: DocPresence =
        if let value = field.defaultValue { .defaulted(value.description) } else if field.isOptional {
          .optional
        } else {
          .required
        }
      return DocField(
        number: field.number,
        header: header(
          name: field.name, anchor: Anchors.member(owner.name, field.name), doc: field.doc,
          availability: field.availability, in: contract, at: field.location),
        type: docType(field.type, from: contract), presence: presence,
        constraints: constraintPhrases(field.constraints, of: field.type))
    }
  }

  func reserved(_ set: ReservedSet) -> DocReserved? {
    guard !set.isEmpty else { return nil }
    return DocReserved(
      numbers: set.numbers.map {
        $0.range.count == 1 ? "\($0.range.lowerBound)" : "\($0.range.lowerBound)–\($0.range.upperBound)"
      },
      names: set.names.map(\.name))
  }

  /// A member's own constraints in words, then those its distinct type adds, e.g.
  /// `["at most 500 characters", "matches `^ord_[a-z0-9]+$` (from OrderID)"]`.
  func constraintPhrases(_ own: Constraints, of type: TypeReference) -> [DocConstraint] {
    var phrases = ConstraintWording.describe(own, for: underlyingType(type))
    if case .named(let reference) = type.unwrapped,
      case .distinctType(let d)? = contracts.declaration(reference)
    {
      phrases += ConstraintWording.describe(d.constraints, for: .builtin(d.underlying)).map { phrase in
        var phrase = phrase
        phrase.source = d.name
        return phrase
      }
    }
    return phrases
  }

  /// The type with distinct types replaced by their built-in type (for constraint wording).
  func underlyingType(_ type: TypeReference) -> TypeReference {
    if case .named(let reference) = type.unwrapped,
      case .distinctType(let d)? = contracts.declaration(reference)
    {
      return .builtin(d.underlying)
    }
    return type.unwrapped
  }

  // MARK: Types and names

  /// `Order` for a declaration of `contract`, `common.Money` for one of another contract.
  func displayName(_ reference: DeclarationReference, from contract: Contract) -> String {
    if reference.contract == contract.name { return reference.name }
    let short = contracts.contract(named: reference.contract)?.shortName ?? reference.contract
    return "\(short).\(reference.name)"
  }

  func docType(_ type: TypeReference, from contract: Contract) -> DocType {
    switch type {
    case .builtin(let builtin): .builtin(builtin.name)
    case .list(let element): .list(docType(element, from: contract))
    case .map(let key, let value): .map(docType(key, from: contract), docType(value, from: contract))
    case .optional(let wrapped): .optional(docType(wrapped, from: contract))
    case .named(let reference):
      .named(
        displayName(reference, from: contract), link: isShown(reference) ? Anchors.link(to: reference) : nil)
    }
  }

  // MARK: Methods

  mutating func method(_ method: Method, of service: ServiceDeclaration, in contract: Contract) -> DocMethod {
    let errors = method.errors.map { reference -> DocErrorReference in
      var code: Int? = nil
      if case .error(let e)? = contracts.declaration(reference) { code = e.code }
      return DocErrorReference(
        name: displayName(reference, from: contract), code: code,
        link: isShown(reference) ? Anchors.link(to: reference) : nil)
    }
    let example = self.example(for: method)
    return DocMethod(
      kind: method.kind,
      header: header(
        name: method.name, anchor: Anchors.member(service.name, method.name), doc: method.doc,
        availability: method.availability, in: contract, at: method.location),
      request: method.request.map { docType($0, from: contract) },
      response: method.response.map { docType($0, from: contract) },
      errors: errors, timeout: method.timeoutMilliseconds.map(Self.timeoutText),
      isIdempotent: method.isIdempotent, example: example,
      swiftSnippet: snippets.call(method, of: service, example: example))
  }

  mutating func example(for method: Method) -> DocExample {
    var payloads: [DocExample.Payload] = []
    let requestLabel = method.kind == .event ? "Event payload" : "Request"
    if let request = method.request {
      payloads.append(.init(label: requestLabel, value: examples.example(for: request, at: method.location)))
    } else if method.kind == .rpc || method.kind == .stream {
      payloads.append(.init(label: requestLabel, value: .object([])))
    }
    switch method.kind {
    case .rpc:
      let reply = method.response.map { examples.example(for: $0, at: method.location) } ?? .object([])
      payloads.append(.init(label: "Reply", value: reply))
    case .stream:
      let item = method.response.map { examples.example(for: $0, at: method.location) } ?? .object([])
      payloads.append(.init(label: "Stream item", value: item))
    case .oneway, .event: break
    }
    if let first = method.errors.first, case .error(let e)? = contracts.declaration(first) {
      let payload = examples.example(for: .named(first), at: method.location)
      let reply: JSONValue = .object([
        ("code", .string("APPLICATION")), ("app", .integer(Int128(e.code))), ("name", .string(e.name)),
        ("message", .string(e.doc.map { DocMarkdownParser.parse($0) { _ in nil }.text.summary } ?? e.name)),
        ("payload", payload),
      ])
      payloads.append(.init(label: "Error reply (\(e.name))", value: reply))
    }
    return DocExample(payloads: payloads)
  }

  /// `2 s`, `500 ms`, `1 min`, `1 h`.
  static func timeoutText(_ milliseconds: Int64) -> String {
    if milliseconds % 3_600_000 == 0 { return "\(milliseconds / 3_600_000) h" }
    if milliseconds % 60_000 == 0 { return "\(milliseconds / 60_000) min" }
    if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
    return "\(milliseconds) ms"
  }
}
