/// The kinds of tokens of the contract language. Keywords are contextual, so they lex as
/// identifiers (a field may be called `type` or `error`).
public enum TokenKind: Hashable, Sendable {
  /// `[A-Za-z_][A-Za-z0-9_]*`.
  case identifier
  /// A number, possibly with a fraction, exponent or unit suffix (`42`, `1_000`, `0.5`, `2s`).
  case number
  /// A string literal; the token's text is the decoded value.
  case string
  /// `{`
  case leftBrace
  /// `}`
  case rightBrace
  /// `(`
  case leftParen
  /// `)`
  case rightParen
  /// `[`
  case leftBracket
  /// `]`
  case rightBracket
  /// `:`
  case colon
  /// `,`
  case comma
  /// `=`
  case equals
  /// `?`
  case question
  /// `@`
  case at
  /// `.`
  case dot
  /// `...`
  case ellipsis
  /// `->`
  case arrow
  /// `-`
  case minus
  /// A character that starts no token (already reported by the lexer).
  case invalid
  /// The end of the file.
  case endOfFile
}

/// One token with its location and the `///` doc comment written right before it.
public struct Token: Hashable, Sendable {
  /// What kind of token this is.
  public var kind: TokenKind
  /// The source text (for strings: the decoded value without quotes).
  public var text: String
  /// Where the token starts.
  public var location: SourceLocation
  /// Whether the token is the first one on its line.
  public var isAtLineStart: Bool
  /// The `///` lines before this token, joined with `\n`, each without `///` and one space.
  public var doc: String?

  /// Creates a token.
  public init(
    kind: TokenKind, text: String, location: SourceLocation, isAtLineStart: Bool, doc: String? = nil
  ) {
    self.kind = kind
    self.text = text
    self.location = location
    self.isAtLineStart = isAtLineStart
    self.doc = doc
  }

  /// Whether this is the identifier `word` (used for contextual keywords).
  public func isKeyword(_ word: String) -> Bool { kind == .identifier && text == word }

  /// How the token reads in a message: `'struct'`, `string "x"`, `end of file`.
  var quoted: String {
    switch kind {
    case .endOfFile: "end of file"
    case .string: "string literal"
    default: "'\(text)'"
    }
  }
}

/// The output of the *lex* stage: a file's tokens (ending with `.endOfFile`) and lexical problems.
public struct LexedFile: Sendable {
  /// The file that was lexed.
  public var file: SourceFile
  /// The tokens, the last one always `.endOfFile`.
  public var tokens: [Token]
  /// Invalid UTF-8, unterminated strings and comments, stray characters.
  public var diagnostics: [Diagnostic]

  /// Creates a lexed file.
  public init(file: SourceFile, tokens: [Token], diagnostics: [Diagnostic]) {
    self.file = file
    self.tokens = tokens
    self.diagnostics = diagnostics
  }
}
