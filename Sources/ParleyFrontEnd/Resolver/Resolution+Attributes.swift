/// What an attribute list is attached to.
enum AttributeSubject {
  /// A struct or error field, or a union variant, of the given type (`nil` when unresolved).
  case member(String, TypeReference?)
  case enumCase
  case method(MethodKind)
  case declaration(DeclarationKind)
  /// `type X = Underlying` (`nil` when the underlying type is invalid).
  case distinctType(BuiltinType?)

  var description: String {
    switch self {
    case .member(let what, _): what
    case .enumCase: "an enum case"
    case .method(let kind):
      switch kind {
      case .rpc: "an rpc method"
      case .oneway: "a oneway method"
      case .event: "an event method"
      case .stream: "a stream method"
      }
    case .declaration(let kind):
      kind == .enum || kind == .error ? "an \(kind.rawValue)" : "a \(kind.rawValue)"
    case .distinctType: "a type declaration"
    }
  }
}

/// The typed outcome of checking an attribute list.
struct AttributeValues {
  var constraints = Constraints()
  var availability = Availability()
  var timeoutMilliseconds: Int64?
  var isIdempotent = false
}

extension Resolution {
  static let knownAttributes = [
    "range", "length", "count", "pattern", "format", "deprecated", "since", "timeout", "idempotent",
  ]

  /// Checks `attributes` against `subject` and returns their typed values.
  func checkAttributes(_ attributes: [AttributeSyntax], on subject: AttributeSubject, version: Int?)
    -> AttributeValues
  {
    var values = AttributeValues()
    var seen: [String: SourceLocation] = [:]
    for attribute in attributes {
      let name = attribute.name.text
      guard Resolution.knownAttributes.contains(name) else {
        report(
          Diagnostic(
            .unknownAttribute, at: attribute.location, "unknown attribute '@\(name)'",
            fix: Suggestions.closest(to: name, among: Resolution.knownAttributes).map {
              "did you mean '@\($0)'?"
            }))
        continue
      }
      if let first = seen[name] {
        report(
          Diagnostic(
            .duplicateAttribute, at: attribute.location, "'@\(name)' is already given", related: [first],
            fix: "remove one of them"))
        continue
      }
      seen[name] = attribute.location
      switch name {
      case "deprecated":
        values.availability.deprecation = deprecation(attribute)
      case "since":
        values.availability.since = since(attribute, version: version)
      case "timeout":
        guard case .method(let kind) = subject, kind == .rpc || kind == .stream else {
          misplaced(attribute, on: subject, "rpc and stream methods")
          continue
        }
        values.timeoutMilliseconds = timeout(attribute)
      case "idempotent":
        guard case .method(let kind) = subject, kind != .event else {
          misplaced(attribute, on: subject, "rpc, oneway and stream methods")
          continue
        }
        if noArguments(attribute) { values.isIdempotent = true }
      default:
        checkConstraint(attribute, on: subject, into: &values.constraints)
      }
    }
    return values
  }

  private func misplaced(_ attribute: AttributeSyntax, on subject: AttributeSubject, _ allowed: String) {
    report(
      Diagnostic(
        .misplacedAttribute, at: attribute.location,
        "'@\(attribute.name.text)' cannot be attached to \(subject.description); it applies to \(allowed)"))
  }

  private func badArgument(
    _ attribute: AttributeSyntax, _ expected: String, at location: SourceLocation? = nil
  ) {
    report(
      Diagnostic(
        .invalidAttributeArgument, at: location ?? attribute.location,
        "'@\(attribute.name.text)' expects \(expected)"))
  }

  private func singleArgument(_ attribute: AttributeSyntax, _ expected: String) -> LiteralSyntax? {
    guard let arguments = attribute.arguments, arguments.count == 1 else {
      badArgument(attribute, expected)
      return nil
    }
    if case .invalid = arguments[0] { return nil }
    return arguments[0]
  }

  private func noArguments(_ attribute: AttributeSyntax) -> Bool {
    guard let arguments = attribute.arguments, !arguments.isEmpty else { return true }
    badArgument(attribute, "no arguments", at: arguments[0].location)
    return false
  }

  /// `@deprecated` or `@deprecated("reason")`; `nil` (reported) for other arguments.
  private func deprecation(_ attribute: AttributeSyntax) -> Deprecation? {
    guard let arguments = attribute.arguments, !arguments.isEmpty else { return Deprecation(reason: nil) }
    guard arguments.count == 1, case .string(let reason, _) = arguments[0] else {
      badArgument(attribute, "no arguments or one string, e.g. @deprecated(\"use getOrder\")")
      return nil
    }
    return Deprecation(reason: reason)
  }

  private func since(_ attribute: AttributeSyntax, version: Int?) -> Int? {
    guard let argument = singleArgument(attribute, "one version number, e.g. @since(2)") else { return nil }
    guard case .number(let number) = argument, let value = number.integerValue else {
      badArgument(attribute, "one version number, e.g. @since(2)", at: argument.location)
      return nil
    }
    if value < 1 {
      report(
        Diagnostic(
          .sinceAboveVersion, at: argument.location, "'@since(\(value))' must name a version of 1 or more"))
      return nil
    }
    if let version, value > Int128(version) {
      report(
        Diagnostic(
          .sinceAboveVersion, at: argument.location,
          "'@since(\(value))' is above the contract version \(version)",
          fix: "raise the contract version to \(value) or lower '@since'"))
      return nil
    }
    // Without a valid contract version (already reported) the bound still holds.
    guard value <= Int128(Int32.max) else {
      report(
        Diagnostic(
          .sinceAboveVersion, at: argument.location,
          "'@since(\(value))' is above the largest contract version, \(Int32.max)"))
      return nil
    }
    return Int(value)
  }

  private func timeout(_ attribute: AttributeSyntax) -> Int64? {
    let expected = "one duration such as 500ms, 2s, 1m or 1h"
    guard let argument = singleArgument(attribute, expected) else { return nil }
    guard case .number(let number) = argument, let milliseconds = number.durationMilliseconds else {
      badArgument(attribute, expected, at: argument.location)
      return nil
    }
    guard milliseconds > 0 else {
      badArgument(attribute, "a duration above zero", at: argument.location)
      return nil
    }
    return milliseconds
  }

  // MARK: Constraints

  private func constrainedShape(_ subject: AttributeSubject) -> (ValueShape, String)? {
    switch subject {
    case .member(_, let type):
      guard let type else { return nil }
      return (shape(of: type), display(type.unwrapped))
    case .distinctType(let underlying):
      guard let underlying else { return nil }
      return (.builtin(underlying), underlying.name)
    default:
      return (.unknown, "")
    }
  }

  private func checkConstraint(
    _ attribute: AttributeSyntax, on subject: AttributeSubject, into constraints: inout Constraints
  ) {
    let name = attribute.name.text
    let allowed: String
    switch name {
    case "range": allowed = "numbers"
    case "length": allowed = "String and Bytes values"
    case "count": allowed = "lists and maps"
    default: allowed = "String values"
    }
    guard let (shape, typeName) = constrainedShape(subject) else { return }
    switch subject {
    case .member, .distinctType: break
    default:
      misplaced(attribute, on: subject, allowed)
      return
    }
    var fits: Bool
    switch (name, shape) {
    case ("range", .builtin(let b)): fits = b.isNumeric
    case ("length", .builtin(let b)): fits = b == .string || b == .bytes
    case ("count", .list), ("count", .map): fits = true
    case ("pattern", .builtin(let b)), ("format", .builtin(let b)): fits = b == .string
    default: fits = false
    }
    if case .unknown = shape { return }
    guard fits else {
      report(
        Diagnostic(
          .misplacedAttribute, at: attribute.location,
          "'@\(name)' applies to \(allowed), not to '\(typeName)'"))
      return
    }
    switch name {
    case "range":
      guard case .builtin(let builtin) = shape else { return }
      constraints.range = numericRange(attribute, for: builtin)
    case "length":
      constraints.length = countRange(attribute)
    case "count":
      constraints.count = countRange(attribute)
    case "pattern":
      guard let argument = singleArgument(attribute, "one string holding a regular expression") else {
        return
      }
      guard case .string(let pattern, let location) = argument else {
        badArgument(attribute, "one string holding a regular expression", at: argument.location)
        return
      }
      if let problem = PatternValidator.problem(in: pattern) {
        report(
          Diagnostic(.invalidPattern, at: location, "invalid regular expression in '@pattern': \(problem)"))
        return
      }
      constraints.pattern = pattern
    default:
      let expected = "one of " + StringFormat.allCases.map(\.rawValue).joined(separator: ", ")
      guard let argument = singleArgument(attribute, expected) else { return }
      var word: String?
      if case .identifier(let text, _) = argument { word = text }
      if case .string(let text, _) = argument { word = text }
      guard let word, let format = StringFormat(rawValue: word) else {
        badArgument(attribute, expected, at: argument.location)
        return
      }
      constraints.format = format
    }
  }

  private func rangeArgument(_ attribute: AttributeSyntax, _ example: String) -> (
    NumberSyntax?, NumberSyntax?, SourceLocation
  )? {
    let expected = "a range such as \(example)"
    guard let argument = singleArgument(attribute, expected) else { return nil }
    guard case .range(let lower, let upper, let location) = argument else {
      badArgument(attribute, expected, at: argument.location)
      return nil
    }
    if lower == nil, upper == nil {
      report(
        Diagnostic(
          .emptyRange, at: location, "'@\(attribute.name.text)(...)' needs at least one bound",
          fix: "write e.g. \(example)"))
      return nil
    }
    return (lower, upper, location)
  }

  private func numericRange(_ attribute: AttributeSyntax, for type: BuiltinType) -> NumericRange? {
    guard let (lowerSyntax, upperSyntax, location) = rangeArgument(attribute, "1...100") else { return nil }
    func value(_ syntax: NumberSyntax?) -> NumericValue?? {
      guard let syntax else { return .some(nil) }
      guard let value = syntax.numericValue else {
        report(Diagnostic(.invalidNumber, at: syntax.location, "'\(syntax.spelling)' is not a valid number"))
        return nil
      }
      if let bounds = type.integerBounds {
        guard case .integer(let integer) = value else {
          badArgument(attribute, "integer bounds on '\(type.name)'", at: syntax.location)
          return nil
        }
        guard bounds.contains(integer) else {
          report(
            Diagnostic(
              .rangeOutsideType, at: syntax.location,
              "bound \(syntax.spelling) is outside the values of '\(type.name)' (\(bounds.lowerBound)...\(bounds.upperBound))"
            ))
          return nil
        }
      }
      return .some(value)
    }
    guard let lower = value(lowerSyntax), let upper = value(upperSyntax) else { return nil }
    if let lower, let upper, lower.isAbove(upper) {
      report(
        Diagnostic(
          .emptyRange, at: location,
          "range \(lowerSyntax?.spelling ?? "")...\(upperSyntax?.spelling ?? "") is empty: its lower bound is above its upper bound",
          fix: "swap the bounds"))
      return nil
    }
    return NumericRange(lower: lower, upper: upper)
  }

  private func countRange(_ attribute: AttributeSyntax) -> CountRange? {
    guard let (lowerSyntax, upperSyntax, location) = rangeArgument(attribute, "1...64") else { return nil }
    func value(_ syntax: NumberSyntax?) -> Int?? {
      guard let syntax else { return .some(nil) }
      guard let value = syntax.integerValue else {
        badArgument(attribute, "whole-number bounds", at: syntax.location)
        return nil
      }
      guard value >= 0, value <= Int128(Int32.max) else {
        report(
          Diagnostic(
            .rangeOutsideType, at: syntax.location,
            "bound \(syntax.spelling) of '@\(attribute.name.text)' must be between 0 and \(Int32.max)"))
        return nil
      }
      return .some(Int(value))
    }
    guard let lower = value(lowerSyntax), let upper = value(upperSyntax) else { return nil }
    if let lower, let upper, lower > upper {
      report(
        Diagnostic(
          .emptyRange, at: location,
          "range \(lower)...\(upper) is empty: its lower bound is above its upper bound",
          fix: "swap the bounds"))
      return nil
    }
    return CountRange(lower: lower, upper: upper)
  }
}

extension NumericValue {
  /// Whether `self` is strictly greater than `other`, comparing integers exactly.
  func isAbove(_ other: NumericValue) -> Bool {
    switch (self, other) {
    case (.integer(let a), .integer(let b)): a > b
    default: doubleValue > other.doubleValue
    }
  }
}
