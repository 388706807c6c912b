import ParleyFrontEnd
import ParleySwiftGen

/// The Swift snippet that shows a call with the generated client, built from the example
/// request so both agree. Names follow ``SwiftSnippetNames``.
///
/// ```swift
/// let connection = try await ClientConnection.connect(to: endpoint)
/// let client = ShopOrders.OrderServiceClient(connection)
/// do {
///   let reply = try await client.getOrder(ShopOrders.GetOrderRequest(id: ShopOrders.OrderID("ord_abc")))
/// } catch let error as ShopOrders.OrderNotFound {
///   print(error)
/// }
/// ```
///
/// A `stream` method iterates the typed stream, an `event` subscribes and publishes through a
/// gateway:
///
/// ```swift
/// let gateway = try await GatewayClient.connect(to: endpoint)  // events travel through a gateway
/// let client = ShopOrders.OrderServiceClient(gateway)
/// for await notice in try await client.orderShipped.subscribe() {
///   print(notice)
/// }
/// try await client.orderShipped.publish(ShopOrders.ShipmentNotice(orderId: "ord_42"))
/// ```
struct SwiftSnippet {
  /// The contracts being documented.
  let contracts: ContractSet
  /// The generated code's names for them.
  let names: SwiftSnippetNames

  /// Snippets for `contracts`, naming types as the Swift generator does under `options`.
  init(_ contracts: ContractSet, options: SwiftGeneratorOptions) {
    self.contracts = contracts
    self.names = SwiftSnippetNames(contracts, options: options)
  }

  /// The snippet for `method` of `service`, calling it with the example request. Follows the
  /// client API of `docs/generated-code.md`: `rpc` methods are `async throws`, `oneway` methods
  /// `throws`, `stream` methods return a typed `AsyncSequence` of the items (iterated with
  /// `for try await`), and an `event` is a client property holding a typed topic with
  /// `subscribe()` and `publish(_:)`, usable on a client built on a gateway.
  func call(_ method: Method, of service: ServiceDeclaration, example: DocExample) -> String {
    let callee = "client." + SwiftSnippetNames.method(method.name, in: service.methods)
    let client = names.client(service)
    var lines = [
      "let connection = try await ClientConnection.connect(to: endpoint)",
      "let client = \(client)(connection)",
    ]
    var argument = ""
    if let request = method.request, let value = example.payloads.first?.value {
      argument = expression(value, as: request, indent: "")
    }
    let locals: Set<String> = ["client", "connection", "gateway", "error", "endpoint"]
    var body: [String]
    switch method.kind {
    case .rpc:
      let call = "try await \(callee)(\(argument))"
      body = [method.response == nil ? call : "let reply = \(call)"]
    case .oneway:
      body = ["try \(callee)(\(argument))"]
    case .stream:
      let item = SwiftSnippetNames.local(for: method.response, fallback: "item", taken: locals)
      body = ["for try await \(item) in try await \(callee)(\(argument)) {", "  print(\(item))", "}"]
    case .event:
      let payload =
        method.request == nil
        ? "_" : SwiftSnippetNames.local(for: method.request, fallback: "payload", taken: locals)
      return [
        "let gateway = try await GatewayClient.connect(to: endpoint)  // events travel through a gateway",
        "let client = \(client)(gateway)",
        "for await \(payload) in try await \(callee).subscribe() {",
        payload == "_" ? "  print(\"\(method.name)\")" : "  print(\(payload))",
        "}",
        "try await \(callee).publish(\(method.request == nil ? "()" : argument))",
      ].joined(separator: "\n")
    }
    let errors = method.errors.filter { contracts.declaration($0) != nil }.map(names.type)
    if errors.isEmpty { return (lines + body).joined(separator: "\n") }
    lines.append("do {")
    lines += body.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 } }
    for error in errors { lines += ["} catch let error as \(error) {", "  print(error)"] }
    lines.append("}")
    return lines.joined(separator: "\n")
  }

  /// A Swift expression that builds `value` as `type`.
  func expression(_ value: JSONValue, as type: TypeReference, indent: String) -> String {
    switch type {
    case .optional(let wrapped):
      if case .null = value { return "nil" }
      return expression(value, as: wrapped, indent: indent)
    case .list(let element):
      guard case .array(let items) = value else { return "[]" }
      return "["
        + items.map { expression($0, as: element, indent: indent) }.joined(
          separator: ", ")
        + "]"
    case .map(let key, let valueType):
      guard case .object(let members) = value, !members.isEmpty else { return "[:]" }
      return "["
        + members.map {
          keyExpression($0.key, as: key) + ": " + expression($0.value, as: valueType, indent: indent)
        }.joined(separator: ", ") + "]"
    case .builtin(let builtin):
      return Self.literal(value, builtin)
    case .named(let reference):
      let name = names.type(reference)
      switch contracts.declaration(reference) {
      case .distinctType(let d)?:
        return "\(name)(\(Self.literal(value, d.underlying)))"
      case .enum(let d)?:
        guard case .string(let item) = value else { return "nil" }
        return "." + SwiftSnippetNames.caseName(item, in: d.cases.map(\.name))
      case .union(let d)?:
        guard case .string(let item)? = value["type"], let variant = d.variant(named: item),
          let carried = value["value"]
        else { return "nil" }
        let caseName = SwiftSnippetNames.caseName(item, in: d.variants.map(\.name))
        return ".\(caseName)(\(expression(carried, as: variant.type, indent: indent)))"
      case .struct(let d)?:
        return initializer(name, d.fields, value, indent: indent)
      case .error(let d)?:
        return initializer(name, d.fields, value, indent: indent)
      default:
        return "nil"
      }
    }
  }

  /// `ShopOrders.Money(amountMinor: 1999, currency: …)`, one argument per line when long.
  private func initializer(_ name: String, _ fields: [Field], _ value: JSONValue, indent: String) -> String {
    let arguments = fields.compactMap { field -> String? in
      guard let member = value[field.name] else { return nil }
      let label = SwiftSnippetNames.label(SwiftSnippetNames.field(field.name, in: fields))
      return "\(label): \(expression(member, as: field.type, indent: indent + "  "))"
    }
    let inline = "\(name)(" + arguments.joined(separator: ", ") + ")"
    guard inline.count + indent.count > 90 || inline.contains("\n"), !arguments.isEmpty else { return inline }
    let inner = indent + "  "
    return "\(name)(\n" + arguments.map { inner + $0 }.joined(separator: ",\n") + "\n" + indent + ")"
  }

  private func keyExpression(_ key: String, as type: TypeReference) -> String {
    switch type {
    case .builtin(let builtin): return builtin.isInteger ? key : Self.literal(.string(key), builtin)
    case .named(let reference):
      switch contracts.declaration(reference) {
      case .enum(let d)?: return "." + SwiftSnippetNames.caseName(key, in: d.cases.map(\.name))
      case .distinctType(let d)?:
        let raw: JSONValue =
          d.underlying.isInteger ? Int128(key).map(JSONValue.integer) ?? .string(key) : .string(key)
        return "\(names.type(reference))(\(Self.literal(raw, d.underlying)))"
      default: return SwiftNames.stringLiteral(key)
      }
    default: return SwiftNames.stringLiteral(key)
    }
  }

  private static func literal(_ value: JSONValue, _ builtin: BuiltinType) -> String {
    switch (builtin, value) {
    case (.bool, .bool(let flag)): return flag ? "true" : "false"
    case (_, .integer(let number)): return "\(number)"
    case (_, .number(let number)): return JSONValue.format(number)
    case (.uuid, .string(let text)): return "UUID(uuidString: \(SwiftNames.stringLiteral(text)))!"
    case (.timestamp, .string(let text)):
      return epochSeconds(text).map { "Date(timeIntervalSince1970: \($0))" } ?? "Date()"
    case (.duration, .string(let text)): return ".seconds(\(text.dropLast()))"
    case (.bytes, .string(let text)): return "Data(base64Encoded: \(SwiftNames.stringLiteral(text)))!"
    case (_, .string(let text)): return SwiftNames.stringLiteral(text)
    default: return "nil"
    }
  }

  /// Seconds since 1970 of an RFC 3339 UTC timestamp such as `2026-01-15T09:30:00Z`.
  static func epochSeconds(_ text: String) -> Int64? {
    let digits = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int64($0) }
    guard text.hasSuffix("Z"), digits.count >= 6 else { return nil }
    let (year, month, day) = (digits[0], digits[1], digits[2])
    // Days from civil (Howard Hinnant's algorithm).
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = era * 146_097 + doe - 719_468
    return days * 86_400 + digits[3] * 3600 + digits[4] * 60 + digits[5]
  }
}
