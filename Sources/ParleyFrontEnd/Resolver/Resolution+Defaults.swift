#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension Resolution {
  /// Checks a field's default value against its type and constraints; returns the typed value.
  func checkDefault(_ literal: LiteralSyntax, for type: TypeReference, constraints: Constraints)
    -> DefaultValue?
  {
    if case .invalid = literal { return nil }
    let typeName = display(type)
    func wrongType(_ expected: String, fix: String? = nil) -> DefaultValue? {
      report(
        Diagnostic(
          .invalidDefault, at: literal.location,
          "default value \(describe(literal)) does not fit type '\(typeName)'; expected \(expected)",
          fix: fix))
      return nil
    }
    if case .optional = type {
      if case .null = literal { return .null }
      report(
        Diagnostic(
          .defaultNotAllowed, at: literal.location, "an optional field can only default to nil",
          fix: "remove the '?' to make \(describe(literal)) the default, or remove the default"))
      return nil
    }
    if case .null = literal {
      report(
        Diagnostic(
          .invalidDefault, at: literal.location, "'nil' can only be the default of an optional field",
          fix: "add '?' to the type, or remove the default"))
      return nil
    }
    switch type {
    case .optional:
      return nil
    case .list:
      if case .emptyList = literal { return .emptyList }
      return wrongType("'[]'")
    case .map:
      if case .emptyMap = literal { return .emptyMap }
      return wrongType("'[:]'")
    case .builtin(let builtin):
      return checkScalarDefault(
        literal, builtin: builtin, typeName: typeName, constraints: [constraints], wrongType: wrongType)
    case .named(let reference):
      guard let symbol = symbolsByReference[reference] else { return nil }
      switch symbol.kind {
      case .enum:
        let cases = enumCases[reference] ?? []
        switch literal {
        case .enumCase(let name, let location):
          if cases.contains(name) { return .enumCase(name) }
          report(
            Diagnostic(
              .unknownEnumCase, at: location, "'\(reference.name)' has no case '\(name)'",
              related: [symbol.syntax.name.location],
              fix: suggest(name, among: cases).map { "did you mean '.\($0)'?" }))
          return nil
        case .identifier(let name, let location) where cases.contains(name):
          report(
            Diagnostic(
              .invalidDefault, at: location, "enum case defaults are written with a leading dot",
              fix: "write '.\(name)'"))
          return nil
        default:
          return wrongType("a case such as '.\(cases.first ?? "name")'")
        }
      case .distinctType:
        guard let distinct = distinctTypes[reference] else { return nil }
        return checkScalarDefault(
          literal, builtin: distinct.underlying, typeName: typeName,
          constraints: [distinct.constraints, constraints],
          wrongType: wrongType)
      default:
        report(
          Diagnostic(
            .defaultNotAllowed, at: literal.location,
            "fields of \(AttributeSubject.declaration(symbol.kind).description) type cannot have a default",
            fix: "make the field optional instead"))
        return nil
      }
    }
  }

  private func checkScalarDefault(
    _ literal: LiteralSyntax, builtin: BuiltinType, typeName: String, constraints: [Constraints],
    wrongType: (String, String?) -> DefaultValue?
  ) -> DefaultValue? {
    switch builtin {
    case .bool:
      if case .bool(let value, _) = literal { return .bool(value) }
      return wrongType("true or false", nil)
    case .string:
      guard case .string(let text, _) = literal else { return wrongType("a string literal", nil) }
      checkStringConstraints(text, constraints, at: literal.location)
      return .string(text)
    case .uuid:
      guard case .string(let text, _) = literal else { return wrongType("a UUID string literal", nil) }
      guard UUID(uuidString: text) != nil else {
        return wrongType("a UUID such as \"123e4567-e89b-12d3-a456-426614174000\"", nil)
      }
      return .string(text)
    case .duration:
      guard case .number(let number) = literal, let milliseconds = number.durationMilliseconds else {
        return wrongType("a duration such as 500ms, 2s, 1m or 1h", nil)
      }
      return .duration(milliseconds: milliseconds)
    case .bytes, .timestamp:
      report(
        Diagnostic(
          .defaultNotAllowed, at: literal.location, "'\(typeName)' fields cannot have a default",
          fix: "make the field optional instead"))
      return nil
    default:
      guard case .number(let number) = literal, let value = number.numericValue else {
        return wrongType(builtin.isInteger ? "an integer" : "a number", nil)
      }
      if let bounds = builtin.integerBounds {
        guard case .integer(let integer) = value else { return wrongType("an integer", nil) }
        guard bounds.contains(integer) else {
          return wrongType("a value in \(bounds.lowerBound)...\(bounds.upperBound)", nil)
        }
      }
      for constraint in constraints {
        guard let range = constraint.range else { continue }
        let below = range.lower.map { $0.isAbove(value) } ?? false
        let above = range.upper.map { value.isAbove($0) } ?? false
        if below || above { reportOutside(literal, range) }
      }
      if case .integer(let integer) = value { return .integer(integer) }
      if case .floating(let double) = value { return .floating(double) }
      return nil
    }
  }

  private func reportOutside(_ literal: LiteralSyntax, _ range: NumericRange) {
    report(
      Diagnostic(
        .defaultViolatesConstraint, at: literal.location,
        "default value \(describe(literal)) is outside '@range(\(range))'"))
  }

  private func checkStringConstraints(
    _ text: String, _ constraints: [Constraints], at location: SourceLocation
  ) {
    for constraint in constraints {
      let length = text.unicodeScalars.count
      if let range = constraint.length,
        (range.lower.map { length < $0 } ?? false) || (range.upper.map { length > $0 } ?? false)
      {
        report(
          Diagnostic(
            .defaultViolatesConstraint, at: location,
            "default value has length \(length), outside '@length(\(range))'"))
      }
    }
  }

  /// A literal as shown in messages.
  func describe(_ literal: LiteralSyntax) -> String {
    switch literal {
    case .bool(let value, _): "\(value)"
    case .number(let number): number.spelling
    case .string(let text, _): "\"" + DefaultValue.escape(text) + "\""
    case .enumCase(let name, _): ".\(name)"
    case .identifier(let name, _): name
    case .emptyList: "[]"
    case .emptyMap: "[:]"
    case .null: "nil"
    case .range(let lower, let upper, _): "\(lower?.spelling ?? "")...\(upper?.spelling ?? "")"
    case .invalid: "?"
    }
  }
}
