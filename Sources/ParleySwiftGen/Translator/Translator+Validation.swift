import ParleyFrontEnd

extension Translator {
  /// Whether values of `type` can have violations (their own constraints aside).
  func needsValidation(_ type: TypeReference, visited: Set<DeclarationReference> = []) -> Bool {
    switch type {
    case .builtin: return false
    case .list(let element): return needsValidation(element, visited: visited)
    case .map(let key, let value):
      return needsValidation(key, visited: visited) || needsValidation(value, visited: visited)
    case .optional(let wrapped): return needsValidation(wrapped, visited: visited)
    case .named(let reference):
      if visited.contains(reference) { return false }
      let next = visited.union([reference])
      switch declaration(reference) {
      case .distinctType(let d): return !d.constraints.isEmpty
      case .struct(let d):
        return d.fields.contains { !$0.constraints.isEmpty || needsValidation($0.type, visited: next) }
      case .error(let d):
        return d.fields.contains { !$0.constraints.isEmpty || needsValidation($0.type, visited: next) }
      case .union(let d):
        return d.variants.contains { !$0.constraints.isEmpty || needsValidation($0.type, visited: next) }
      default: return false
      }
    }
  }

  /// Statements checking `value` of `type` against `constraints` and, recursively, everything it
  /// contains; `path` is a Swift expression of the value's path; `depth` keeps local names unique.
  ///
  /// ```swift
  /// Parley.ParleyValidation.checkSize(self.items.count, "count", minimum: 1, maximum: 100, path: …, into: &violations)
  /// for (i0, e0) in self.items.enumerated() {
  ///   Parley.ParleyValidation.collect(e0, path: Parley.ParleyValidation.index(…, i0), into: &violations)
  /// }
  /// ```
  func validationChecks(
    _ type: TypeReference, _ constraints: Constraints, _ value: String, path: String, depth: Int = 0
  ) -> [SwiftStatement] {
    let helper = "Parley.ParleyValidation."
    switch type {
    case .optional(let wrapped):
      let inner = validationChecks(wrapped, constraints, "o\(depth)", path: path, depth: depth + 1)
      return inner.isEmpty ? [] : [.if(condition: "let o\(depth) = \(value)", then: inner, otherwise: nil)]
    case .list(let element):
      var statements: [SwiftStatement] = []
      if let count = constraints.count {
        statements.append(
          .line(
            helper
              + "checkSize(\(value).count, \"count\", \(bounds(count)), path: \(path), into: &violations)"))
      }
      var elementConstraints = constraints
      elementConstraints.count = nil
      let (index, element_) = ("i\(depth)", "e\(depth)")
      let inner = validationChecks(
        element, elementConstraints, element_, path: helper + "index(\(path), \(index))", depth: depth + 1)
      if !inner.isEmpty {
        statements.append(
          .for(pattern: "(\(index), \(element_))", sequence: "\(value).enumerated()", body: inner))
      }
      return statements
    case .map(_, let mapped):
      var statements: [SwiftStatement] = []
      if let count = constraints.count {
        statements.append(
          .line(
            helper
              + "checkSize(\(value).count, \"count\", \(bounds(count)), path: \(path), into: &violations)"))
      }
      var valueConstraints = constraints
      valueConstraints.count = nil
      let (key, entry) = ("k\(depth)", "v\(depth)")
      let inner = validationChecks(
        mapped, valueConstraints, entry, path: helper + "key(\(path), \(key))", depth: depth + 1)
      if !inner.isEmpty {
        statements.append(.for(pattern: "(\(key), \(entry))", sequence: "\(value)", body: inner))
      }
      return statements
    case .builtin(let builtin):
      return scalarChecks(builtin, constraints, value, path: path)
    case .named(let reference):
      var statements: [SwiftStatement] = []
      if case .distinctType(let d) = declaration(reference) {
        statements += scalarChecks(d.underlying, constraints, value + ".rawValue", path: path)
      }
      if needsValidation(type) {
        statements.append(.line(helper + "collect(\(value), path: \(path), into: &violations)"))
      }
      return statements
    }
  }

  private func bounds(_ range: CountRange) -> String {
    "minimum: " + (range.lower.map { "\($0)" } ?? "nil") + ", maximum: "
      + (range.upper.map { "\($0)" } ?? "nil")
  }

  private func scalarChecks(_ builtin: BuiltinType, _ constraints: Constraints, _ value: String, path: String)
    -> [SwiftStatement]
  {
    let helper = "Parley.ParleyValidation."
    var statements: [SwiftStatement] = []
    if let range = constraints.range {
      let integerBounds: Bool = {
        for bound in [range.lower, range.upper] { if case .floating = bound { return false } }
        return builtin.isInteger
      }()
      func text(_ bound: NumericValue?) -> String {
        guard let bound else { return "nil" }
        if integerBounds { return bound.description }
        return "\(bound.doubleValue)"
      }
      let subject = integerBounds || builtin.isFloatingPoint ? value : "Swift.Double(\(value))"
      statements.append(
        .line(
          helper
            + "checkRange(\(subject), minimum: \(text(range.lower)), maximum: \(text(range.upper)), path: \(path), into: &violations)"
        ))
    }
    if let length = constraints.length {
      let size = builtin == .string ? "\(value).unicodeScalars.count" : "\(value).count"
      statements.append(
        .line(helper + "checkSize(\(size), \"length\", \(bounds(length)), path: \(path), into: &violations)"))
    }
    if let pattern = constraints.pattern {
      statements.append(
        .line(
          helper
            + "checkPattern(\(value), \(SwiftNames.stringLiteral(pattern)), path: \(path), into: &violations)"
        ))
    }
    if let format = constraints.format {
      statements.append(
        .line(helper + "checkFormat(\(value), \"\(format.rawValue)\", path: \(path), into: &violations)"))
    }
    return statements
  }

  /// The validator extension shell.
  ///
  /// ```swift
  /// extension ShopOrders.LineItem: Parley.ParleyValidatable {
  ///   /// Appends every violated constraint of this value, with paths under `path`.
  ///   public func collectParleyViolations(into violations: inout [Parley.ValidationViolation], path: Swift.String) {
  ///     Parley.ParleyValidation.checkRange(self.quantity, minimum: 1, maximum: 1000, path: Parley.ParleyValidation.member(path, "quantity"), into: &violations)
  ///   }
  /// }
  /// ```
  func validationExtension(_ type: String, attributes: [String] = [], _ body: [SwiftStatement])
    -> SwiftDeclaration
  {
    SwiftDeclaration(
      .extension(
        type: type, conformances: ["Parley.ParleyValidatable"], whereClause: nil,
        members: [
          SwiftDeclaration(
            doc: "Appends every violated constraint of this value, with paths under `path`.",
            attributes: attributes,
            modifiers: access,
            .function(
              name: "collectParleyViolations",
              signature: SwiftSignature(parameters: [
                SwiftParameter(label: "into", name: "violations", type: "inout [Parley.ValidationViolation]"),
                SwiftParameter(name: "path", type: "Swift.String"),
              ]),
              body: body))
        ]))
  }

  /// The validator of a struct or error: each field's constraints, then nested values.
  func messageValidationExtension(_ type: String, _ plans: [FieldPlan]) -> SwiftDeclaration {
    var body: [SwiftStatement] = []
    for plan in plans {
      let path = "Parley.ParleyValidation.member(path, \(SwiftNames.stringLiteral(plan.field.name)))"
      body += validationChecks(plan.field.type, plan.field.constraints, "self.\(plan.storage)", path: path)
    }
    return validationExtension(type, body)
  }

  /// All extensions of a struct or error: JSON, binary, validation.
  func messageExtensions(_ type: String, _ plans: [FieldPlan]) -> [SwiftDeclaration] {
    [
      messageJSONExtension(type, plans), messageFastJSONExtension(type, plans),
      messageBinaryExtension(type, plans),
      messageValidationExtension(type, plans),
    ]
  }
}
