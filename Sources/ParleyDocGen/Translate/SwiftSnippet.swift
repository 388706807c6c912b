import ParleyFrontEnd

/// The Swift snippet that shows a call with the generated client, built from the example
/// request so both agree.
///
/// It follows the Swift generator's naming (`docs/generated-code.md`): types keep their
/// contract names, members are escaped like Swift requires (`` `default` ``, `self_`), the
/// client of `service OrderService` is `OrderServiceClient`, and each method is an `async throws`
/// function of the same name taking the request value.
///
/// ```swift
/// let client = OrderServiceClient(connection: connection)
/// let reply = try await client.getOrder(GetOrderRequest(id: OrderID("ord_abc")))
/// ```
enum SwiftSnippet {
  /// The snippet for `method`.
  static func call(
    _ method: Method, of service: ServiceDeclaration, example: DocExample, contracts: ContractSet
  ) -> String {
    let client = "client"
    let callee = "\(client).\(member(method.name))"
    var lines = ["let \(client) = \(service.name)Client(connection: connection)"]
    var argument = ""
    if let request = method.request, let value = example.payloads.first?.value {
      argument = expression(value, as: request, contracts: contracts, indent: "")
    }
    let errors = method.errors.compactMap { reference -> String? in
      guard case .error(let e)? = contracts.declaration(reference) else { return nil }
      return e.name
    }
    var body: [String]
    switch method.kind {
    case .rpc:
      let call = "try await \(callee)(\(argument))"
      body = [method.response == nil ? call : "let reply = \(call)"]
    case .oneway:
      body = ["try await \(callee)(\(argument))"]
    case .event:
      body = ["for try await event in \(client).\(member(method.name))() {", "  print(event)", "}"]
    case .stream:
      body = ["for try await item in \(callee)(\(argument)) {", "  print(item)", "}"]
    }
    if errors.isEmpty {
      lines += body
    } else {
      lines.append("do {")
      lines += body.map { "  " + $0 }
      for error in errors { lines.append("} catch let error as \(error) {"); lines.append("  print(error)") }
      lines.append("}")
    }
    return lines.joined(separator: "\n")
  }

  /// A Swift expression that builds `value` as `type`.
  static func expression(_ value: JSONValue, as type: TypeReference, contracts: ContractSet, indent: String)
    -> String
  {
    switch type {
    case .optional(let wrapped):
      if case .null = value { return "nil" }
      return expression(value, as: wrapped, contracts: contracts, indent: indent)
    case .list(let element):
      guard case .array(let items) = value else { return "[]" }
      return "["
        + items.map { expression($0, as: element, contracts: contracts, indent: indent) }.joined(
          separator: ", ") + "]"
    case .map(let key, let valueType):
      guard case .object(let members) = value, !members.isEmpty else { return "[:]" }
      return "["
        + members.map {
          keyExpression($0.key, as: key, contracts: contracts) + ": "
            + expression($0.value, as: valueType, contracts: contracts, indent: indent)
        }.joined(separator: ", ") + "]"
    case .builtin(let builtin):
      return literal(value, builtin)
    case .named(let reference):
      switch contracts.declaration(reference) {
      case .distinctType(let d)?:
        return "\(d.name)(\(literal(value, d.underlying)))"
      case .enum?:
        if case .string(let name) = value { return "." + member(name) }
        return ".unknown"
      case .union(let d)?:
        guard case .string(let name)? = value["type"], let variant = d.variant(named: name),
          let carried = value["value"]
        else { return "nil" }
        return
          ".\(member(name))(\(expression(carried, as: variant.type, contracts: contracts, indent: indent)))"
      case .struct(let d)?:
        return initializer(d.name, d.fields, value, contracts: contracts, indent: indent)
      case .error(let d)?:
        return initializer(d.name, d.fields, value, contracts: contracts, indent: indent)
      default:
        return "nil"
      }
    }
  }

  private static func initializer(
    _ name: String, _ fields: [Field], _ value: JSONValue, contracts: ContractSet, indent: String
  ) -> String {
    let arguments = fields.compactMap { field -> String? in
      guard let member = value[field.name] else { return nil }
      let label = field.name == "_" ? "_" : bare(field.name)
      return "\(label): \(expression(member, as: field.type, contracts: contracts, indent: indent + "  "))"
    }
    let inline = "\(name)(" + arguments.joined(separator: ", ") + ")"
    guard inline.count + indent.count > 80, arguments.count > 1 else { return inline }
    let inner = indent + "    "
    return "\(name)(\n" + arguments.map { inner + $0 }.joined(separator: ",\n") + "\n" + indent + "  )"
  }

  private static func keyExpression(_ key: String, as type: TypeReference, contracts: ContractSet) -> String {
    if case .builtin(let builtin) = type, builtin.isInteger { return key }
    if case .named(let reference) = type {
      switch contracts.declaration(reference) {
      case .enum?: return "." + member(key)
      case .distinctType(let d)? where d.underlying.isInteger: return "\(d.name)(\(key))"
      case .distinctType(let d)? where d.underlying == .uuid:
        return "\(d.name)(UUID(uuidString: \(string(key)))!)"
      case .distinctType(let d)?: return "\(d.name)(\(string(key)))"
      default: break
      }
    }
    if case .builtin(.uuid) = type { return "UUID(uuidString: \(string(key)))!" }
    return string(key)
  }

  private static func literal(_ value: JSONValue, _ builtin: BuiltinType) -> String {
    switch (builtin, value) {
    case (.bool, .bool(let flag)): return flag ? "true" : "false"
    case (_, .integer(let number)): return "\(number)"
    case (_, .number(let number)): return JSONValue.format(number)
    case (.uuid, .string(let text)): return "UUID(uuidString: \(string(text)))!"
    case (.timestamp, .string(let text)): return "try Date(\(string(text)), strategy: .iso8601)"
    case (.duration, .string(let text)): return ".seconds(\(text.dropLast()))"
    case (.bytes, .string(let text)): return "Data(base64Encoded: \(string(text)))!"
    case (_, .string(let text)): return string(text)
    default: return "nil"
    }
  }

  /// A member name as written after a dot or as an argument label.
  static func member(_ name: String) -> String {
    if ["self", "Self", "Type", "Protocol", "init", "Any", "_"].contains(name) { return name + "_" }
    return keywords.contains(name) ? "`\(name)`" : name
  }

  /// Argument labels need no backticks except for `inout`, `var` and `let`.
  static func bare(_ name: String) -> String {
    if ["self", "Self", "Type", "Protocol", "init", "Any"].contains(name) { return name + "_" }
    return ["inout", "var", "let"].contains(name) ? "`\(name)`" : name
  }

  static func string(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case "\r": result += "\\r"
      default:
        if scalar.value < 0x20 {
          result += "\\u{" + String(scalar.value, radix: 16) + "}"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }

  static let keywords: Set<String> = [
    "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate", "func",
    "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "package", "private",
    "precedencegroup", "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
    "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard",
    "if",
    "in", "repeat", "return", "throw", "switch", "where", "while", "as", "Any", "await", "false", "is", "nil",
    "self", "Self", "super", "throws", "true", "try", "_",
  ]
}
