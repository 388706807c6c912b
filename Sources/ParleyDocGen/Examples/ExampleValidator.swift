import ParleyFrontEnd

/// The constraint rules, checked over the resolved model: the one place that decides whether a
/// JSON value is a valid payload of a type.
///
/// It mirrors what a receiver enforces: the shape of every value, required fields, unknown keys
/// (strict mode), `@range`, `@length` (Unicode scalars for `String`, bytes for `Bytes`),
/// `@count`, `@pattern` (Swift `Regex`, matching anywhere unless anchored) and `@format`.
///
/// ```swift
/// let problems = ExampleValidator(contracts).violations(of: json, as: .named(orderRef))
/// // ["$.items: 0 items, expected 1–100 items"]
/// ```
public struct ExampleValidator: Sendable {
  let contracts: ContractSet

  /// Creates a validator that looks named types up in `contracts`.
  public init(_ contracts: ContractSet) { self.contracts = contracts }

  /// Every rule `value` breaks as `type` with `constraints`, each as `path: problem`.
  public func violations(
    of value: JSONValue, as type: TypeReference, constraints: Constraints = Constraints(), path: String = "$"
  ) -> [String] {
    switch type {
    case .optional(let wrapped):
      if case .null = value { return [] }
      return violations(of: value, as: wrapped, constraints: constraints, path: path)
    case .list(let element):
      guard case .array(let items) = value else { return ["\(path): expected a list"] }
      var problems = countProblems(items.count, constraints, path, unit: ("item", "items"))
      for (offset, item) in items.enumerated() {
        problems += violations(of: item, as: element, path: "\(path)[\(offset)]")
      }
      return problems
    case .map(let key, let valueType):
      guard case .object(let members) = value else { return ["\(path): expected a map (JSON object)"] }
      var problems = countProblems(members.count, constraints, path, unit: ("entry", "entries"))
      for (name, member) in members {
        problems += keyViolations(name, as: key, path: "\(path)[\(JSONValue.quote(name))]")
        problems += violations(of: member, as: valueType, path: "\(path)[\(JSONValue.quote(name))]")
      }
      return problems
    case .builtin(let builtin):
      return builtinViolations(value, builtin, constraints, path)
    case .named(let reference):
      guard let declaration = contracts.declaration(reference) else {
        return ["\(path): unknown type \(reference)"]
      }
      switch declaration {
      case .distinctType(let d):
        let own = builtinViolations(value, d.underlying, d.constraints, path)
        guard !constraints.isEmpty else { return own }
        return own + builtinViolations(value, d.underlying, constraints, path).filter { !own.contains($0) }
      case .struct(let d): return fieldsViolations(value, d.fields, path)
      case .error(let d): return fieldsViolations(value, d.fields, path)
      case .enum(let d):
        guard case .string(let name) = value else { return ["\(path): expected an enum case name"] }
        return d.enumCase(named: name) == nil ? ["\(path): '\(name)' is not a case of \(d.name)"] : []
      case .union(let d):
        guard case .object(let members) = value, case .string(let name)? = value["type"] else {
          return ["\(path): expected {\"type\": …, \"value\": …}"]
        }
        guard let variant = d.variant(named: name) else {
          return ["\(path): '\(name)' is not a variant of \(d.name)"]
        }
        var problems = members.filter { $0.key != "type" && $0.key != "value" }.map {
          "\(path): unknown key '\($0.key)'"
        }
        guard let carried = value["value"] else { return problems + ["\(path): missing \"value\""] }
        problems += violations(
          of: carried, as: variant.type, constraints: variant.constraints, path: "\(path).value")
        return problems
      case .service: return ["\(path): a service is not a type"]
      }
    }
  }

  private func fieldsViolations(_ value: JSONValue, _ fields: [Field], _ path: String) -> [String] {
    guard case .object(let members) = value else { return ["\(path): expected an object"] }
    var problems: [String] = []
    for field in fields {
      if let member = value[field.name] {
        problems += violations(
          of: member, as: field.type, constraints: field.constraints, path: "\(path).\(field.name)")
      } else if field.isRequired {
        problems.append("\(path): missing required field '\(field.name)'")
      }
    }
    var seen: Set<String> = []
    for member in members where !seen.insert(member.key).inserted {
      problems.append("\(path): duplicate key '\(member.key)'")
    }
    for member in members where !fields.contains(where: { $0.name == member.key }) {
      problems.append("\(path): unknown key '\(member.key)'")
    }
    return problems
  }

  private func keyViolations(_ key: String, as type: TypeReference, path: String) -> [String] {
    switch type {
    case .builtin(let builtin):
      if builtin.isInteger {
        guard let number = Int128(key) else { return ["\(path): map key '\(key)' is not an integer"] }
        return builtinViolations(.integer(number), builtin, Constraints(), path)
      }
      return builtinViolations(.string(key), builtin, Constraints(), path)
    case .named(let reference):
      switch contracts.declaration(reference) {
      case .enum?: return violations(of: .string(key), as: type, path: path)
      case .distinctType(let d)?:
        if d.underlying.isInteger {
          guard let number = Int128(key) else { return ["\(path): map key '\(key)' is not an integer"] }
          return violations(of: .integer(number), as: type, path: path)
        }
        return violations(of: .string(key), as: type, path: path)
      default: return ["\(path): invalid map key type"]
      }
    default: return ["\(path): invalid map key type"]
    }
  }

  private func builtinViolations(
    _ value: JSONValue, _ builtin: BuiltinType, _ constraints: Constraints, _ path: String
  )
    -> [String]
  {
    var problems: [String] = []
    switch builtin {
    case .bool:
      guard case .bool = value else { return ["\(path): expected true or false"] }
    case _ where builtin.isInteger:
      let number: Int128
      switch value {
      case .integer(let n): number = n
      case .string(let text):
        guard let n = Int128(text) else { return ["\(path): expected an integer"] }
        number = n
      default: return ["\(path): expected an integer"]
      }
      if let bounds = builtin.integerBounds, !bounds.contains(number) {
        return ["\(path): \(number) does not fit in \(builtin.name)"]
      }
      problems += rangeProblems(Double(number), exact: number, constraints, path)
    case .float, .double:
      let number: Double
      switch value {
      case .integer(let n): number = Double(n)
      case .number(let n): number = n
      default: return ["\(path): expected a number"]
      }
      problems += rangeProblems(number, exact: nil, constraints, path)
    case .string:
      guard case .string(let text) = value else { return ["\(path): expected a string"] }
      problems += lengthProblems(
        text.unicodeScalars.count, constraints, path, unit: ("character", "characters"))
      if let pattern = constraints.pattern {
        if let regex = try? Regex(pattern) {
          if (try? regex.firstMatch(in: text)) == nil {
            problems.append("\(path): \(JSONValue.quote(text)) does not match \(pattern)")
          }
        } else {
          problems.append("\(path): pattern \(pattern) does not compile")
        }
      }
      switch constraints.format {
      case .email? where !WireForms.isEmail(text): problems.append("\(path): not an e-mail address")
      case .uri? where !WireForms.isURI(text): problems.append("\(path): not an absolute URI")
      case .uuid? where !WireForms.isUUID(text): problems.append("\(path): not a UUID")
      default: break
      }
    case .bytes:
      guard case .string(let text) = value, let count = WireForms.base64Length(text) else {
        return ["\(path): expected a Base64 string"]
      }
      problems += lengthProblems(count, constraints, path, unit: ("byte", "bytes"))
    case .timestamp:
      guard case .string(let text) = value, WireForms.isTimestamp(text) else {
        return ["\(path): expected an RFC 3339 timestamp"]
      }
    case .duration:
      guard case .string(let text) = value, WireForms.isDuration(text) else {
        return ["\(path): expected a duration such as \"1.5s\""]
      }
    case .uuid:
      guard case .string(let text) = value, WireForms.isUUID(text) else {
        return ["\(path): expected a UUID"]
      }
    default:
      return ["\(path): unsupported type \(builtin.name)"]
    }
    return problems
  }

  private func rangeProblems(_ number: Double, exact: Int128?, _ constraints: Constraints, _ path: String)
    -> [String]
  {
    guard let range = constraints.range else { return [] }
    func below(_ bound: NumericValue) -> Bool {
      if let exact, case .integer(let b) = bound { return exact < b }
      return number < bound.doubleValue
    }
    func above(_ bound: NumericValue) -> Bool {
      if let exact, case .integer(let b) = bound { return exact > b }
      return number > bound.doubleValue
    }
    if let lower = range.lower, below(lower) {
      return ["\(path): below \(ConstraintWording.describe(range))"]
    }
    if let upper = range.upper, above(upper) {
      return ["\(path): above \(ConstraintWording.describe(range))"]
    }
    return []
  }

  private func lengthProblems(
    _ count: Int, _ constraints: Constraints, _ path: String, unit: (String, String)
  )
    -> [String]
  {
    guard let length = constraints.length else { return [] }
    if let lower = length.lower, count < lower {
      return ["\(path): \(count) \(unit.1), expected \(ConstraintWording.describe(length, unit: unit))"]
    }
    if let upper = length.upper, count > upper {
      return ["\(path): \(count) \(unit.1), expected \(ConstraintWording.describe(length, unit: unit))"]
    }
    return []
  }

  private func countProblems(_ count: Int, _ constraints: Constraints, _ path: String, unit: (String, String))
    -> [String]
  {
    guard let range = constraints.count else { return [] }
    if let lower = range.lower, count < lower {
      return ["\(path): \(count) \(unit.1), expected \(ConstraintWording.describe(range, unit: unit))"]
    }
    if let upper = range.upper, count > upper {
      return ["\(path): \(count) \(unit.1), expected \(ConstraintWording.describe(range, unit: unit))"]
    }
    return []
  }
}
