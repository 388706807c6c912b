/// Every check the front end performs, one case per kind of diagnostic.
///
/// The raw value is a stable identifier; `docs/language.md` lists each one with an example.
public enum DiagnosticKind: String, CaseIterable, Hashable, Sendable {
  // MARK: Files and imports
  /// A path given on the command line does not exist or holds no `.ipc` files.
  case fileNotFound = "file-not-found"
  /// An `import` names a file that does not exist.
  case missingImport = "missing-import"
  /// Files import each other in a cycle.
  case importCycle = "import-cycle"
  /// Two files declare the same contract name.
  case duplicateContract = "duplicate-contract"
  /// The same file is imported twice by one file.
  case duplicateImport = "duplicate-import"

  // MARK: Lexical
  /// The file is not valid UTF-8.
  case invalidUTF8 = "invalid-utf8"
  /// A character that cannot start any token.
  case unexpectedCharacter = "unexpected-character"
  /// A string literal without its closing quote.
  case unterminatedString = "unterminated-string"
  /// An unknown escape sequence in a string literal.
  case invalidEscape = "invalid-escape"
  /// A `/*` comment without its closing `*/`.
  case unterminatedComment = "unterminated-comment"
  /// A malformed or too large number literal.
  case invalidNumber = "invalid-number"

  // MARK: Syntax
  /// The parser expected something else here.
  case syntax = "syntax"
  /// The file does not start with `contract NAME version N`.
  case missingHeader = "missing-header"
  /// The contract name is not a dotted lowercase path.
  case invalidContractName = "invalid-contract-name"
  /// The version is not a positive integer.
  case invalidVersion = "invalid-version"
  /// Types nest deeper than the front end allows.
  case nestingTooDeep = "nesting-too-deep"
  /// A file has so many errors that checking it stopped.
  case tooManyErrors = "too-many-errors"
  /// A `///` doc comment that documents nothing.
  case danglingDocComment = "dangling-doc-comment"

  // MARK: Names
  /// Two declarations of a contract share a name.
  case duplicateDeclaration = "duplicate-declaration"
  /// Two fields, cases, variants or methods of one declaration share a name.
  case duplicateMember = "duplicate-member"
  /// A declaration uses the name of a built-in type.
  case builtinNameRedeclared = "builtin-name-redeclared"

  /// A member that its declaration cannot hold (a method in a struct, a typed enum case, …).
  case misplacedMember = "misplaced-member"

  // MARK: Numbers
  /// Two fields, cases or variants of one declaration share a number.
  case duplicateNumber = "duplicate-number"
  /// A field, case, variant or reserved number is outside 1…536,870,911.
  case numberOutOfRange = "number-out-of-range"
  /// Two errors of one contract share a code.
  case duplicateErrorCode = "duplicate-error-code"
  /// An error code is outside 1…2,147,483,647.
  case errorCodeOutOfRange = "error-code-out-of-range"
  /// A member uses a number listed in `reserved`.
  case reservedNumberUsed = "reserved-number-used"
  /// A member uses a name listed in `reserved`.
  case reservedNameUsed = "reserved-name-used"
  /// A `reserved` range is inverted.
  case invalidReservedRange = "invalid-reserved-range"

  // MARK: Types
  /// A type name that resolves to nothing.
  case unknownType = "unknown-type"
  /// An unqualified type name that several imported contracts declare.
  case ambiguousType = "ambiguous-type"
  /// A service or error used where a data type is expected.
  case notAType = "not-a-type"
  /// An optional of an optional (`T??`).
  case nestedOptional = "nested-optional"
  /// An optional list element, map key or map value.
  case optionalInCollection = "optional-in-collection"
  /// A map key type outside String, integers, UUID, enums and distinct types of those.
  case invalidMapKey = "invalid-map-key"
  /// `type X = …` over something other than a built-in scalar type.
  case invalidDistinctType = "invalid-distinct-type"
  /// A union variant whose type is optional.
  case optionalVariant = "optional-variant"
  /// A struct that contains itself through required fields.
  case recursiveStruct = "recursive-struct"

  // MARK: Attributes
  /// An attribute name the language does not define.
  case unknownAttribute = "unknown-attribute"
  /// An attribute on the wrong kind of declaration, member or type.
  case misplacedAttribute = "misplaced-attribute"
  /// The same attribute twice on one thing.
  case duplicateAttribute = "duplicate-attribute"
  /// Missing, extra or malformed attribute arguments.
  case invalidAttributeArgument = "invalid-attribute-argument"
  /// A range whose lower bound is above its upper bound, or without any bound.
  case emptyRange = "empty-range"
  /// A range bound outside what the type can hold.
  case rangeOutsideType = "range-outside-type"
  /// A `@pattern` that is not a valid regular expression.
  case invalidPattern = "invalid-pattern"
  /// `@since(N)` with N above the contract version (or below 1).
  case sinceAboveVersion = "since-above-version"

  // MARK: Defaults
  /// A default value of the wrong type.
  case invalidDefault = "invalid-default"
  /// A default `.case` that the enum does not declare.
  case unknownEnumCase = "unknown-enum-case"
  /// A default value on a type that cannot have one.
  case defaultNotAllowed = "default-not-allowed"
  /// A default value that breaks the field's own constraints.
  case defaultViolatesConstraint = "default-violates-constraint"

  // MARK: Services
  /// `throws` names something that is not an `error` declaration.
  case throwsNonError = "throws-non-error"
  /// The same error listed twice in one `throws`.
  case duplicateThrows = "duplicate-throws"
  /// A method shape its kind does not allow (e.g. `oneway` with a response, `throws` on `event`).
  case invalidMethodShape = "invalid-method-shape"

  /// The severity this kind is reported with.
  public var defaultSeverity: Diagnostic.Severity {
    switch self {
    case .duplicateImport, .danglingDocComment, .duplicateThrows: .warning
    default: .error
    }
  }
}
