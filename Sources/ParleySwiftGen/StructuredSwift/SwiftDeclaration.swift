/// A declaration modifier, rendered in the order given.
enum SwiftModifier: String, Hashable, Sendable {
  case `public`, `package`, `internal`, `fileprivate`, `private`
  case `static`, `mutating`, `nonisolated`, `indirect`, `final`
  /// `nonisolated(nonsending)` (SE-0461): an `async` function that runs on its caller's
  /// executor instead of switching to the global concurrent executor.
  case nonisolatedNonsending = "nonisolated(nonsending)"
}

/// One declaration with its doc comment, attributes and modifiers.
///
/// ```swift
/// /// <doc line 1>
/// @<attribute>
/// <modifiers> <kind>
/// ```
struct SwiftDeclaration: Hashable, Sendable {
  /// The `///` doc comment (lines joined with `\n`), or `nil`.
  var doc: String?
  /// Attributes without line breaks, e.g. `@available(*, deprecated, message: "…")`, `@inlinable`.
  var attributes: [String] = []
  /// Modifiers such as `public static`.
  var modifiers: [SwiftModifier] = []
  /// What is declared.
  var kind: SwiftDeclarationKind

  /// Creates a declaration.
  init(
    doc: String? = nil, attributes: [String] = [], modifiers: [SwiftModifier] = [],
    _ kind: SwiftDeclarationKind
  ) {
    self.doc = doc
    self.attributes = attributes
    self.modifiers = modifiers
    self.kind = kind
  }
}

/// A function or initializer parameter: `label name: Type = default`.
struct SwiftParameter: Hashable, Sendable {
  /// The argument label; `nil` uses the name as label, `"_"` suppresses it.
  var label: String?
  /// The parameter name (already escaped).
  var name: String
  /// The type, e.g. `Swift.String` or `inout Parley.BinaryReader`.
  var type: String
  /// A default value expression, if any.
  var defaultValue: String?

  /// Creates a parameter.
  init(label: String? = nil, name: String, type: String, defaultValue: String? = nil) {
    self.label = label
    self.name = name
    self.type = type
    self.defaultValue = defaultValue
  }
}

/// The part of a function declaration after its name: parameters, effects and result.
struct SwiftSignature: Hashable, Sendable {
  /// Generic parameter clause content, e.g. `T: Parley.ParleyJSONCodable`; `nil` for none.
  var generics: String? = nil
  /// The parameters.
  var parameters: [SwiftParameter] = []
  /// `async`.
  var isAsync: Bool = false
  /// The throws clause: `nil` (none), `""` (`throws`) or a type (`throws(ValidationError)`).
  var throwsType: String? = nil
  /// The result type; `nil` for `Void`.
  var returnType: String? = nil
  /// A `where` clause without the keyword.
  var whereClause: String? = nil
}

/// One case of an enum declaration: `case name(Type)`.
struct SwiftEnumCase: Hashable, Sendable {
  /// The case name (already escaped).
  var name: String
  /// The associated value types; empty for none.
  var associatedTypes: [String] = []
  /// The raw value expression (`= "id"`), if any.
  var rawValue: String? = nil
}

/// The kinds of declarations generated code uses.
indirect enum SwiftDeclarationKind: Hashable, Sendable {
  /// `struct Name: Conformances { members }`.
  case `struct`(name: String, conformances: [String], members: [SwiftDeclaration])
  /// `enum Name: Conformances { members }`.
  case `enum`(name: String, conformances: [String], members: [SwiftDeclaration])
  /// `protocol Name: Conformances { members }`.
  case `protocol`(name: String, conformances: [String], members: [SwiftDeclaration])
  /// `extension Type: Conformances where … { members }`.
  case `extension`(type: String, conformances: [String], whereClause: String?, members: [SwiftDeclaration])
  /// `case name(Types)`.
  case enumCase(SwiftEnumCase)
  /// `typealias Name = Type`.
  case `typealias`(name: String, type: String)
  /// `let`/`var name: Type = value`, or a computed property `var name: Type { getter }`, or one with
  /// `get`/`set` accessors.
  case property(SwiftProperty)
  /// `func name<generics>(parameters) async throws -> Result where … { body }`; `body == nil`
  /// for a protocol requirement.
  case function(name: String, signature: SwiftSignature, body: [SwiftStatement]?)
  /// `init?(parameters) throws { body }`; `body == nil` for a protocol requirement.
  case initializer(isFailable: Bool, signature: SwiftSignature, body: [SwiftStatement]?)
}

/// A stored or computed property.
struct SwiftProperty: Hashable, Sendable {
  /// `let` (stored constant) or `var`.
  var isConstant: Bool
  /// The name (already escaped).
  var name: String
  /// The type, or `nil` to leave it to inference.
  var type: String?
  /// The initial value of a stored property.
  var initialValue: String? = nil
  /// The body of a read-only computed property.
  var getter: [SwiftStatement]? = nil
  /// The body of a `set` accessor (then `getter` is rendered as `get`).
  var setter: [SwiftStatement]? = nil
  /// For a protocol requirement: `{ get }` (when `setter == nil`) or `{ get set }`.
  var isRequirement: Bool = false
}
