/// The member names generated code gives a contract's fields, cases and methods: public so that
/// other back ends (the docs generator's Swift snippets) write exactly the names the generator
/// emits instead of restating its rules.
extension SwiftNames {
  /// Names the generated service types declare themselves, which a method must not take: the
  /// client's `transport` property (and `init`), the handler extension's `register(on:…)` and
  /// `parleyRegistration(…)`, and `close`, `connection`, `descriptor`, kept reserved from the
  /// first client design so that no method name changes between versions.
  ///
  /// A method that converts to one of them gets `_` appended: `rpc transport(…)` →
  /// `client.transport_(…)`, `event register(…)` → `client.register_`.
  public static let serviceMembers: Set<String> = [
    "transport", "register", "parleyRegistration", "close", "connection", "descriptor",
  ]

  /// The Swift names of a service's methods (client methods, event properties, handler
  /// requirements), by contract name: lower camel case, escaped, unique, never one of
  /// ``serviceMembers``.
  ///
  /// ```swift
  /// SwiftNames.methodNames(["get_order", "transport"])  // ["get_order": "getOrder", "transport": "transport_"]
  /// ```
  public static func methodNames(_ names: [String]) -> [String: String] {
    uniqueMembers(names, reserved: serviceMembers)
  }

  /// The Swift property names (and initializer labels) of a struct's or error's fields, by
  /// contract name: lower camel case, escaped, unique, never a generated member
  /// (``reservedMembers`` except `unknown`).
  public static func fieldNames(_ names: [String]) -> [String: String] {
    uniqueMembers(names, reserved: reservedMembers.subtracting(["unknown"]))
  }

  /// The Swift case names of enum cases or union variants, by contract name: lower camel case,
  /// escaped, unique, never `unknown` (the generated extra case) or another generated member.
  public static func caseNames(_ names: [String]) -> [String: String] {
    uniqueMembers(names, reserved: reservedMembers)
  }

  private static func uniqueMembers(_ names: [String], reserved: Set<String>) -> [String: String] {
    var namer = UniqueNamer(reserved: reserved)
    var result: [String: String] = [:]
    for name in names {
      result[name] = escaped(namer.claim(lowerCamelCase(name)))
    }
    return result
  }
}
