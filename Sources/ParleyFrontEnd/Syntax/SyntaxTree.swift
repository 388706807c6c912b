/// The output of the *parse* stage for one file: what was written, not yet resolved or checked.
public struct SyntaxFile: Sendable {
  /// The file's normalized path.
  public var path: String
  /// `contract NAME version N`, when present.
  public var header: HeaderSyntax?
  /// The `import` statements in source order.
  public var imports: [ImportSyntax]
  /// The declarations in source order.
  public var declarations: [DeclarationSyntax]

  /// Creates a syntax file.
  public init(path: String, header: HeaderSyntax?, imports: [ImportSyntax], declarations: [DeclarationSyntax])
  {
    self.path = path
    self.header = header
    self.imports = imports
    self.declarations = declarations
  }
}

/// A name as written, with its location.
public struct NameSyntax: Hashable, Sendable {
  /// The text.
  public var text: String
  /// Where it is.
  public var location: SourceLocation

  /// Creates a name.
  public init(_ text: String, at location: SourceLocation) {
    self.text = text
    self.location = location
  }
}

/// `contract shop.orders version 3`.
public struct HeaderSyntax: Sendable {
  /// The dotted name.
  public var name: NameSyntax
  /// The version number as written (`nil` when missing).
  public var version: NumberSyntax?
  /// The doc comment before `contract`.
  public var doc: String?
  /// Where `contract` is.
  public var location: SourceLocation

  /// Creates a header.
  public init(name: NameSyntax, version: NumberSyntax?, doc: String?, location: SourceLocation) {
    self.name = name
    self.version = version
    self.doc = doc
    self.location = location
  }
}

/// `import "common.ipc"`.
public struct ImportSyntax: Sendable {
  /// The path as written.
  public var path: String
  /// Where `import` is.
  public var location: SourceLocation
  /// Where the path string is.
  public var pathLocation: SourceLocation

  /// Creates an import.
  public init(path: String, location: SourceLocation, pathLocation: SourceLocation) {
    self.path = path
    self.location = location
    self.pathLocation = pathLocation
  }
}

/// A number literal as written, with an optional leading minus.
public struct NumberSyntax: Hashable, Sendable {
  /// The digits (and fraction, exponent, unit suffix) as written, without the sign.
  public var text: String
  /// Whether a `-` precedes it.
  public var isNegative: Bool
  /// Where it starts (at the minus, if any).
  public var location: SourceLocation

  /// Creates a number.
  public init(text: String, isNegative: Bool, location: SourceLocation) {
    self.text = text
    self.isNegative = isNegative
    self.location = location
  }
}

/// A type as written.
public indirect enum TypeSyntax: Sendable {
  /// `Name` or `qualifier.Name` (segments split at dots).
  case named([String], SourceLocation)
  /// `[Element]`.
  case list(TypeSyntax, SourceLocation)
  /// `[Key: Value]`.
  case map(TypeSyntax, TypeSyntax, SourceLocation)
  /// `Wrapped?`.
  case optional(TypeSyntax, SourceLocation)
  /// A type that could not be parsed (already reported).
  case invalid(SourceLocation)

  /// Where the type starts.
  public var location: SourceLocation {
    switch self {
    case .named(_, let l), .list(_, let l), .map(_, _, let l), .optional(_, let l), .invalid(let l): l
    }
  }
}

/// A literal in a default value or attribute argument.
public enum LiteralSyntax: Sendable {
  /// `true` / `false`.
  case bool(Bool, SourceLocation)
  /// A number (integer, floating or duration).
  case number(NumberSyntax)
  /// A string literal (decoded).
  case string(String, SourceLocation)
  /// `.name`.
  case enumCase(String, SourceLocation)
  /// A bare identifier (e.g. `email` in `@format(email)`).
  case identifier(String, SourceLocation)
  /// `[]`.
  case emptyList(SourceLocation)
  /// `[:]`.
  case emptyMap(SourceLocation)
  /// `nil`.
  case null(SourceLocation)
  /// `a...b`, `a...`, `...b` (bounds are numbers).
  case range(NumberSyntax?, NumberSyntax?, SourceLocation)
  /// Something that could not be parsed (already reported).
  case invalid(SourceLocation)

  /// Where the literal starts.
  public var location: SourceLocation {
    switch self {
    case .bool(_, let l), .string(_, let l), .enumCase(_, let l), .identifier(_, let l), .emptyList(let l),
      .emptyMap(let l), .null(let l), .range(_, _, let l), .invalid(let l):
      l
    case .number(let n): n.location
    }
  }
}

/// `@name` or `@name(arguments)`.
public struct AttributeSyntax: Sendable {
  /// The name without `@`.
  public var name: NameSyntax
  /// The arguments; `nil` when there are no parentheses.
  public var arguments: [LiteralSyntax]?
  /// Where `@` is.
  public var location: SourceLocation

  /// Creates an attribute.
  public init(name: NameSyntax, arguments: [LiteralSyntax]?, location: SourceLocation) {
    self.name = name
    self.arguments = arguments
    self.location = location
  }
}

/// A numbered member: a struct or error field (`1 id: OrderID = … @attr`), a union variant
/// (`1 card: Card`) or an enum case (`1 pending`).
public struct NumberedMemberSyntax: Sendable {
  /// The number as written.
  public var number: NumberSyntax
  /// The name.
  public var name: NameSyntax
  /// The type after `:`, if any.
  public var type: TypeSyntax?
  /// The default after `=`, if any.
  public var defaultValue: LiteralSyntax?
  /// Attributes before and after the member.
  public var attributes: [AttributeSyntax]
  /// The doc comment.
  public var doc: String?
  /// Where the member starts (its number, or a leading attribute).
  public var location: SourceLocation

  /// Creates a member.
  public init(
    number: NumberSyntax, name: NameSyntax, type: TypeSyntax?, defaultValue: LiteralSyntax?,
    attributes: [AttributeSyntax], doc: String?, location: SourceLocation
  ) {
    self.number = number
    self.name = name
    self.type = type
    self.defaultValue = defaultValue
    self.attributes = attributes
    self.doc = doc
    self.location = location
  }
}

/// One entry of a `reserved` line.
public enum ReservedEntrySyntax: Sendable {
  /// `8` or `10...12`.
  case numbers(NumberSyntax, NumberSyntax?)
  /// `"legacyCode"`.
  case name(String, SourceLocation)
}

/// `reserved 8, 10...12, "legacyCode"`.
public struct ReservedSyntax: Sendable {
  /// The entries.
  public var entries: [ReservedEntrySyntax]
  /// Where `reserved` is.
  public var location: SourceLocation

  /// Creates a reserved line.
  public init(entries: [ReservedEntrySyntax], location: SourceLocation) {
    self.entries = entries
    self.location = location
  }
}

/// `rpc name(Request) -> Response throws E1, E2 @attrs`.
public struct MethodSyntax: Sendable {
  /// The kind keyword.
  public var kind: MethodKind
  /// The name.
  public var name: NameSyntax
  /// The request type; `nil` for `()`.
  public var request: TypeSyntax?
  /// Whether `-> …` was written.
  public var hasArrow: Bool
  /// The response type after `->`; `nil` for `()` or no arrow.
  public var response: TypeSyntax?
  /// Where the response (or `()`) is written.
  public var responseLocation: SourceLocation?
  /// The names after `throws`, as written.
  public var errors: [TypeSyntax]
  /// Where `throws` is, if written.
  public var throwsLocation: SourceLocation?
  /// Attributes before and after the method.
  public var attributes: [AttributeSyntax]
  /// The doc comment.
  public var doc: String?
  /// Where the method starts.
  public var location: SourceLocation

  /// Creates a method.
  public init(
    kind: MethodKind, name: NameSyntax, request: TypeSyntax?, hasArrow: Bool, response: TypeSyntax?,
    responseLocation: SourceLocation?, errors: [TypeSyntax], throwsLocation: SourceLocation?,
    attributes: [AttributeSyntax], doc: String?, location: SourceLocation
  ) {
    self.kind = kind
    self.name = name
    self.request = request
    self.hasArrow = hasArrow
    self.response = response
    self.responseLocation = responseLocation
    self.errors = errors
    self.throwsLocation = throwsLocation
    self.attributes = attributes
    self.doc = doc
    self.location = location
  }
}

/// One top-level declaration as written. Which parts are filled depends on ``kind``; the
/// resolver reports parts that the kind does not allow (e.g. a method inside a struct).
public struct DeclarationSyntax: Sendable {
  /// The declaration keyword.
  public var kind: DeclarationKind
  /// The name.
  public var name: NameSyntax
  /// The doc comment.
  public var doc: String?
  /// Attributes before the keyword, and for `type`, after the underlying type.
  public var attributes: [AttributeSyntax]
  /// Where the declaration starts.
  public var location: SourceLocation
  /// `type X = Underlying`: the underlying type.
  public var underlying: TypeSyntax?
  /// `error X code N`: the code.
  public var code: NumberSyntax?
  /// Numbered members (fields, variants, cases) in source order.
  public var members: [NumberedMemberSyntax]
  /// Methods in source order.
  public var methods: [MethodSyntax]
  /// `reserved` lines in source order.
  public var reserved: [ReservedSyntax]

  /// Creates a declaration.
  public init(
    kind: DeclarationKind, name: NameSyntax, doc: String?, attributes: [AttributeSyntax],
    location: SourceLocation,
    underlying: TypeSyntax? = nil, code: NumberSyntax? = nil, members: [NumberedMemberSyntax] = [],
    methods: [MethodSyntax] = [], reserved: [ReservedSyntax] = []
  ) {
    self.kind = kind
    self.name = name
    self.doc = doc
    self.attributes = attributes
    self.location = location
    self.underlying = underlying
    self.code = code
    self.members = members
    self.methods = methods
    self.reserved = reserved
  }
}

/// The output of the *parse* stage: a file's syntax tree and the problems found so far.
public struct ParsedFile: Sendable {
  /// The syntax tree.
  public var syntax: SyntaxFile
  /// Lexical and syntax problems.
  public var diagnostics: [Diagnostic]

  /// Creates a parsed file.
  public init(syntax: SyntaxFile, diagnostics: [Diagnostic]) {
    self.syntax = syntax
    self.diagnostics = diagnostics
  }
}
