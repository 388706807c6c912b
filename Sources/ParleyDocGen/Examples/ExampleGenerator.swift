import ParleyFrontEnd

/// Generates example JSON payloads from the model that satisfy every constraint.
///
/// Strings come from `@format`, then from the `@pattern` (see ``PatternExample``), then from
/// field-name heuristics (`email`, `currency`, `sku`, …); numbers from name heuristics and the
/// bounds of `@range`. Every candidate is checked with ``ExampleValidator``; when none passes, a
/// placeholder `"<…>"` is used and a ``DocDiagnostic/Kind/noValidExample`` warning is recorded.
///
/// Required fields are always present; optional and defaulted fields appear near the top of the
/// payload only (so recursive types stay small), defaulted ones with their default.
///
/// ```swift
/// var generator = ExampleGenerator(contracts)
/// let json = generator.example(for: .named(getOrderRequest), at: method.location)
/// // {"id": "ord_abc"}
/// ```
public struct ExampleGenerator {
  let contracts: ContractSet
  let validator: ExampleValidator
  let includeInternal: Bool
  /// Warnings for values no candidate could satisfy.
  public private(set) var diagnostics: [DocDiagnostic] = []

  /// Creates a generator over `contracts`; internal optional fields are left out unless
  /// `includeInternal`.
  public init(_ contracts: ContractSet, includeInternal: Bool = false) {
    self.contracts = contracts
    self.validator = ExampleValidator(contracts)
    self.includeInternal = includeInternal
  }

  /// An example value of `type`; `location` is blamed when no valid value is found.
  public mutating func example(for type: TypeReference, at location: SourceLocation) -> JSONValue {
    value(type, Constraints(), hints: [], depth: 0, stack: [], location: location)
  }

  private mutating func value(
    _ type: TypeReference, _ constraints: Constraints, hints: [String], depth: Int,
    stack: Set<DeclarationReference>, location: SourceLocation
  ) -> JSONValue {
    guard depth < 12 else { return .null }
    switch type {
    case .optional(let wrapped):
      return value(wrapped, constraints, hints: hints, depth: depth, stack: stack, location: location)
    case .list(let element):
      let count = collectionCount(constraints.count, depth: depth, recursive: isRecursive(element, stack))
      return .array(
        (0..<count).map { _ in
          value(element, Constraints(), hints: hints, depth: depth + 1, stack: stack, location: location)
        })
    case .map(let key, let valueType):
      let count = collectionCount(constraints.count, depth: depth, recursive: isRecursive(valueType, stack))
      var members: [(key: String, value: JSONValue)] = []
      for offset in 0..<count {
        let name = mapKey(key, offset: offset, hints: hints, location: location)
        guard !members.contains(where: { $0.key == name }) else { continue }
        let item = value(
          valueType, Constraints(), hints: hints, depth: depth + 1, stack: stack, location: location)
        members.append((name, item))
      }
      return .object(members)
    case .builtin(let builtin):
      return scalar(builtin, type: type, constraints, hints: hints, location: location)
    case .named(let reference):
      guard let declaration = contracts.declaration(reference) else { return .null }
      switch declaration {
      case .distinctType(let d):
        let merged = Self.merge(constraints, over: d.constraints)
        return scalar(
          d.underlying, type: type, merged, hints: hints + [d.name], location: location, own: constraints)
      case .struct(let d):
        return object(d.fields, depth: depth, stack: stack.union([reference]))
      case .error(let d):
        return object(d.fields, depth: depth, stack: stack.union([reference]))
      case .enum(let d):
        let chosen = d.cases.first { !$0.availability.isDeprecated } ?? d.cases.first
        return .string(chosen?.name ?? "")
      case .union(let d):
        let usable = d.variants.filter { !$0.availability.isDeprecated }
        let chosen =
          usable.first { !isRecursive($0.type, stack.union([reference])) } ?? usable.first ?? d.variants.first
        guard let variant = chosen else { return .object([]) }
        let carried = value(
          variant.type, variant.constraints, hints: [variant.name], depth: depth + 1,
          stack: stack.union([reference]),
          location: variant.location)
        return .object([("type", .string(variant.name)), ("value", carried)])
      case .service:
        return .null
      }
    }
  }

  private mutating func object(_ fields: [Field], depth: Int, stack: Set<DeclarationReference>) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = []
    for field in fields {
      let hidden = !includeInternal && Visibility.isInternal(field.doc)
      if field.isRequired {
        members.append(
          (
            field.name,
            value(
              field.type, field.constraints, hints: [field.name], depth: depth + 1, stack: stack,
              location: field.location)
          ))
        continue
      }
      guard depth <= 1, !hidden, !field.availability.isDeprecated else { continue }
      if let defaultValue = field.defaultValue {
        if depth == 0 { members.append((field.name, Self.json(defaultValue))) }
      } else if !isRecursive(field.type, stack) {
        members.append(
          (
            field.name,
            value(
              field.type, field.constraints, hints: [field.name], depth: depth + 1, stack: stack,
              location: field.location)
          ))
      }
    }
    return .object(members)
  }

  private func collectionCount(_ range: CountRange?, depth: Int, recursive: Bool) -> Int {
    let lower = range?.lower ?? 0
    let upper = range?.upper ?? Int.max
    let wanted = (depth <= 2 && !recursive) ? 1 : 0
    return min(max(wanted, lower), upper, 1000)
  }

  private func isRecursive(_ type: TypeReference, _ stack: Set<DeclarationReference>) -> Bool {
    type.referencedDeclarations.contains { stack.contains($0) }
  }

  private mutating func mapKey(_ key: TypeReference, offset: Int, hints: [String], location: SourceLocation)
    -> String
  {
    switch key {
    case .builtin(let builtin) where builtin.isInteger:
      return "\(offset + 1)"
    case .builtin(.uuid):
      return offset == 0
        ? WireForms.sampleUUID : String(WireForms.sampleUUID.dropLast(2)) + String(format2(offset))
    case .named(let reference):
      switch contracts.declaration(reference) {
      case .enum(let d)?:
        return d.cases.isEmpty ? "" : d.cases[offset % d.cases.count].name
      default:
        let generated = value(
          key, Constraints(), hints: hints + ["key"], depth: 3, stack: [], location: location)
        switch generated {
        case .string(let text): return offset == 0 ? text : text + "\(offset)"
        case .integer(let number): return "\(number + Int128(offset))"
        default: return "\(offset)"
        }
      }
    default:
      return offset == 0 ? "key" : "key\(offset + 1)"
    }
  }

  private func format2(_ number: Int) -> String {
    let text = String(number % 100)
    return text.count < 2 ? "0" + text : text
  }

  private mutating func scalar(
    _ builtin: BuiltinType, type: TypeReference, _ constraints: Constraints, hints: [String],
    location: SourceLocation,
    own: Constraints? = nil
  ) -> JSONValue {
    let check = own ?? constraints
    let candidates = ExampleCandidates.values(for: builtin, constraints, hints: hints)
    for candidate in candidates
    where validator.violations(of: candidate, as: type, constraints: check).isEmpty {
      return candidate
    }
    let what =
      constraints.pattern.map { "the pattern \($0)" }
      ?? ConstraintWording.describe(constraints, for: type).map(\.plain).joined(separator: ", ")
    diagnostics.append(
      DocDiagnostic(
        .noValidExample, at: location,
        "no example \(builtin.name) satisfies \(what); the docs show a placeholder",
        fix: "simplify the pattern or give the field a default"))
    return .string("<\(builtin.name.lowercased()) matching \(constraints.pattern ?? what)>")
  }

  /// `field` constraints override `base` ones property by property (both still apply when
  /// checking; this is only for choosing candidates).
  static func merge(_ field: Constraints, over base: Constraints) -> Constraints {
    Constraints(
      range: field.range ?? base.range, length: field.length ?? base.length, count: field.count ?? base.count,
      pattern: field.pattern ?? base.pattern, format: field.format ?? base.format)
  }

  /// The JSON form of a default value.
  static func json(_ value: DefaultValue) -> JSONValue {
    switch value {
    case .bool(let v): .bool(v)
    case .integer(let v): .integer(v)
    case .floating(let v): .number(v)
    case .string(let v): .string(v)
    case .duration(let milliseconds): .string(ExampleCandidates.duration(milliseconds: milliseconds))
    case .enumCase(let name): .string(name)
    case .emptyList: .array([])
    case .emptyMap: .object([])
    case .null: .null
    }
  }
}
