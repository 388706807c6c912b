import ParleyFrontEnd

/// One documented declaration: a service, struct, enum, union, distinct type or error. Only the
/// parts its kind has are filled in.
public struct DocDeclaration: Hashable, Sendable {
  /// Which kind of declaration.
  public var kind: DeclarationKind
  /// Name, anchor, doc, availability.
  public var header: DocHeader
  /// A distinct type's underlying built-in type.
  public var underlying: DocType?
  /// A distinct type's constraints in words.
  public var constraints: [DocConstraint]
  /// An error's code.
  public var code: Int?
  /// Struct and error fields.
  public var fields: [DocField]
  /// Enum cases.
  public var cases: [DocCase]
  /// Union variants.
  public var variants: [DocVariant]
  /// Service methods.
  public var methods: [DocMethod]
  /// Retired numbers and names.
  public var reserved: DocReserved?
  /// Declarations, fields and methods that use this type.
  public var usedBy: [DocReferenceLink]
  /// For errors: the methods that declare it in `throws`.
  public var thrownBy: [DocReferenceLink]

  /// Creates a declaration with only a kind and a header; fill in the rest.
  public init(kind: DeclarationKind, header: DocHeader) {
    self.kind = kind
    self.header = header
    self.underlying = nil
    self.constraints = []
    self.code = nil
    self.fields = []
    self.cases = []
    self.variants = []
    self.methods = []
    self.reserved = nil
    self.usedBy = []
    self.thrownBy = []
  }
}

/// A row of a field table.
public struct DocField: Hashable, Sendable {
  /// The field number.
  public var number: Int
  /// Name, anchor, doc, availability.
  public var header: DocHeader
  /// The type, linked.
  public var type: DocType
  /// Whether it must be present.
  public var presence: DocPresence
  /// Its constraints (and those of its distinct type) in words.
  public var constraints: [DocConstraint]

  /// Creates a field row.
  public init(
    number: Int, header: DocHeader, type: DocType, presence: DocPresence, constraints: [DocConstraint]
  ) {
    self.number = number
    self.header = header
    self.type = type
    self.presence = presence
    self.constraints = constraints
  }
}

/// Whether a field must be sent.
public enum DocPresence: Hashable, Sendable {
  /// Its absence is a decode error.
  case required
  /// `T?`: may be absent or null.
  case optional
  /// May be absent; the default (as written in the contract) fills in.
  case defaulted(String)

  /// `required`, `optional`, `default: 50`.
  public var text: String {
    switch self {
    case .required: "required"
    case .optional: "optional"
    case .defaulted(let value): "default: \(value)"
    }
  }
}

/// An enum case.
public struct DocCase: Hashable, Sendable {
  /// The case number.
  public var number: Int
  /// Name, anchor, doc, availability.
  public var header: DocHeader

  /// Creates a case row.
  public init(number: Int, header: DocHeader) {
    self.number = number
    self.header = header
  }
}

/// A union variant.
public struct DocVariant: Hashable, Sendable {
  /// The variant number.
  public var number: Int
  /// Name, anchor, doc, availability.
  public var header: DocHeader
  /// The carried type, linked.
  public var type: DocType
  /// Constraints on the carried value, in words.
  public var constraints: [DocConstraint]

  /// Creates a variant row.
  public init(number: Int, header: DocHeader, type: DocType, constraints: [DocConstraint]) {
    self.number = number
    self.header = header
    self.type = type
    self.constraints = constraints
  }
}

/// Retired numbers and names, as text: `8`, `10–12`, `legacyCode`.
public struct DocReserved: Hashable, Sendable {
  /// Numbers and ranges.
  public var numbers: [String]
  /// Names.
  public var names: [String]

  /// Creates a reserved list.
  public init(numbers: [String], names: [String]) {
    self.numbers = numbers
    self.names = names
  }
}

/// A service method with everything a caller needs.
public struct DocMethod: Hashable, Sendable {
  /// rpc, oneway, event or stream.
  public var kind: MethodKind
  /// Name, anchor, doc, availability.
  public var header: DocHeader
  /// The request (event payload) type; `nil` for `()`.
  public var request: DocType?
  /// The response (stream item) type; `nil` for `()`, oneway and event.
  public var response: DocType?
  /// The declared errors with their codes.
  public var errors: [DocErrorReference]
  /// `@timeout` as written in words, e.g. `2 s`.
  public var timeout: String?
  /// `@idempotent`.
  public var isIdempotent: Bool
  /// Example payloads.
  public var example: DocExample
  /// A Swift snippet of the call with the generated client.
  public var swiftSnippet: String

  /// Creates a method.
  public init(
    kind: MethodKind, header: DocHeader, request: DocType?, response: DocType?, errors: [DocErrorReference],
    timeout: String?, isIdempotent: Bool, example: DocExample, swiftSnippet: String
  ) {
    self.kind = kind
    self.header = header
    self.request = request
    self.response = response
    self.errors = errors
    self.timeout = timeout
    self.isIdempotent = isIdempotent
    self.example = example
    self.swiftSnippet = swiftSnippet
  }
}

/// An error listed in a method's `throws`.
public struct DocErrorReference: Hashable, Sendable {
  /// The error's name as shown (`OrderNotFound`, `users.UserNotFound`).
  public var name: String
  /// Its code.
  public var code: Int?
  /// Its definition.
  public var link: DocLink?

  /// Creates an error reference.
  public init(name: String, code: Int?, link: DocLink?) {
    self.name = name
    self.code = code
    self.link = link
  }
}

/// Example JSON payloads of one method, pretty-printed, each valid under the constraints.
public struct DocExample: Hashable, Sendable {
  /// One labelled payload.
  public struct Payload: Hashable, Sendable {
    /// What it is: `Request`, `Reply`, `Event payload`, `Stream item`, `Error reply`.
    public var label: String
    /// The JSON text.
    public var json: String
    /// The value, for checks.
    public var value: JSONValue

    /// Creates a payload.
    public init(label: String, value: JSONValue) {
      self.label = label
      self.json = value.rendered()
      self.value = value
    }
  }

  /// The payloads in order: request, then reply or item, then an error reply.
  public var payloads: [Payload]

  /// Creates an example.
  public init(payloads: [Payload]) { self.payloads = payloads }
}
