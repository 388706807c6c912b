/// Builds the syntax tree of one file from its tokens: the *parse* stage.
///
/// Recursive descent with panic-mode recovery: after an error the parser stays quiet until it
/// resynchronises at the next line (member level) or declaration keyword (top level), so one
/// mistake gives one message. Type nesting is limited to ``maximumTypeDepth`` so that hostile
/// input like 100,000 `[` cannot overflow the stack.
public final class Parser {
  /// Parses the tokens of `lexed`; lexical diagnostics are carried over into the result.
  public static func parse(_ lexed: LexedFile) -> ParsedFile {
    let parser = Parser(lexed)
    let syntax = parser.parseFile()
    return ParsedFile(syntax: syntax, diagnostics: lexed.diagnostics + parser.diagnostics)
  }

  /// How deeply `[`, `[K: V]` may nest in one type.
  public static let maximumTypeDepth = 32
  /// After this many syntax errors in one file the parser stops.
  static let maximumDiagnostics = 100

  static let declarationKeywords: [String: DeclarationKind] = [
    "type": .distinctType, "struct": .struct, "enum": .enum, "union": .union, "error": .error,
    "service": .service,
  ]

  var tokens: [Token]
  var index = 0
  var diagnostics: [Diagnostic] = []
  var isRecovering = false
  var gaveUp = false
  let path: String

  init(_ lexed: LexedFile) {
    var tokens = lexed.tokens
    if tokens.last?.kind != .endOfFile {
      let end = tokens.last?.location ?? SourceLocation(path: lexed.file.path, line: 1, column: 1)
      tokens.append(Token(kind: .endOfFile, text: "", location: end, isAtLineStart: true))
    }
    self.tokens = tokens
    self.path = lexed.file.path
  }

  // MARK: Token access

  var current: Token { tokens[index] }

  func peek(_ ahead: Int) -> Token {
    let target = index + ahead
    return target < tokens.count ? tokens[target] : tokens[tokens.count - 1]
  }

  var atEnd: Bool { current.kind == .endOfFile || gaveUp }

  func advance() {
    if index < tokens.count - 1 { index += 1 }
  }

  func consume(_ kind: TokenKind) -> Token? {
    guard current.kind == kind else { return nil }
    let token = current
    advance()
    return token
  }

  func consumeKeyword(_ word: String) -> Token? {
    guard current.isKeyword(word) else { return nil }
    let token = current
    advance()
    return token
  }

  /// Reports an error unless already recovering from one; enters recovery.
  func error(
    _ message: String, at location: SourceLocation? = nil, kind: DiagnosticKind = .syntax, fix: String? = nil
  ) {
    defer { isRecovering = true }
    // `.invalid` tokens were reported by the lexer: recover without a second message.
    guard !isRecovering, !gaveUp, current.kind != .invalid else { return }
    if diagnostics.count >= Parser.maximumDiagnostics {
      diagnostics.append(
        Diagnostic(
          .tooManyErrors, at: location ?? current.location,
          "too many errors in this file; stopped checking it"))
      gaveUp = true
      return
    }
    diagnostics.append(Diagnostic(kind, at: location ?? current.location, message, fix: fix))
  }

  func expect(_ kind: TokenKind, _ what: String) -> Token? {
    if let token = consume(kind) { return token }
    error("expected \(what), found \(current.quoted)")
    return nil
  }

  /// Member-level resynchronisation: skip to the first token of the next line, a `}` or the end.
  func skipMember() {
    if current.kind != .rightBrace, current.kind != .endOfFile { advance() }
    while !current.isAtLineStart, current.kind != .rightBrace, current.kind != .endOfFile { advance() }
    isRecovering = false
  }

  /// Top-level resynchronisation: skip to a line starting with a declaration keyword, `@` or `import`.
  func skipTopLevel() {
    if current.kind != .endOfFile { advance() }
    while current.kind != .endOfFile {
      if current.isAtLineStart, startsTopLevelItem { break }
      advance()
    }
    isRecovering = false
  }

  var startsTopLevelItem: Bool {
    if current.kind == .at { return true }
    guard current.kind == .identifier else { return false }
    if current.text == "import" || current.text == "contract" {
      return peek(1).kind == .string || peek(1).kind == .identifier
    }
    return Parser.declarationKeywords[current.text] != nil && peek(1).kind == .identifier
  }

  /// The first doc comment among the tokens of the element that starts at `start` and ends just
  /// before the current token (the next element's comment belongs to the next element).
  func doc(from start: Int) -> String? {
    var position = start
    while position < index, position < tokens.count {
      if let doc = tokens[position].doc { return doc }
      position += 1
    }
    return nil
  }

  // MARK: File

  func parseFile() -> SyntaxFile {
    var header: HeaderSyntax?
    var imports: [ImportSyntax] = []
    var declarations: [DeclarationSyntax] = []
    if current.isKeyword("contract") {
      header = parseHeader()
    } else {
      error(
        "a contract file must start with 'contract NAME version N'", kind: .missingHeader,
        fix: "add a first line such as 'contract shop.orders version 1'")
      isRecovering = false
    }
    while !atEnd {
      let start = index
      if current.isKeyword("import"), peek(1).kind == .string {
        imports.append(parseImport())
      } else if current.isKeyword("import"), current.isAtLineStart {
        advance()
        error(
          "expected a quoted path after 'import', found \(current.quoted)", fix: "write import \"common.ipc\""
        )
        skipTopLevel()
        continue
      } else if current.isKeyword("contract"), peek(1).kind == .identifier {
        error("a file holds one contract; 'contract' may appear only once, at the top")
        skipTopLevel()
        continue
      } else if current.kind == .at
        || (current.kind == .identifier && Parser.declarationKeywords[current.text] != nil)
      {
        if let declaration = parseDeclaration() { declarations.append(declaration) }
      } else if current.kind == .rightBrace {
        error("unexpected '}' outside of a declaration")
        skipTopLevel()
        continue
      } else {
        error("expected a declaration (type, struct, enum, union, error or service), found \(current.quoted)")
      }
      if isRecovering || index == start { skipTopLevel() }
    }
    return SyntaxFile(path: path, header: header, imports: imports, declarations: declarations)
  }

  func parseHeader() -> HeaderSyntax? {
    let keyword = current
    advance()
    guard let name = parseDottedName() else {
      error("expected a contract name such as 'shop.orders' after 'contract'", kind: .invalidContractName)
      skipTopLevel()
      return nil
    }
    var version: NumberSyntax?
    if consumeKeyword("version") != nil {
      if current.kind == .number || current.kind == .minus {
        version = parseNumber()
      } else {
        error("expected a version number after 'version', found \(current.quoted)", kind: .invalidVersion)
      }
    } else {
      error(
        "expected 'version N' after the contract name, found \(current.quoted)", kind: .invalidVersion,
        fix: "write 'contract \(name.text) version 1'")
    }
    if isRecovering { skipTopLevel() }
    return HeaderSyntax(name: name, version: version, doc: keyword.doc, location: keyword.location)
  }

  func parseImport() -> ImportSyntax {
    let keyword = current
    advance()
    let pathToken = current
    advance()
    return ImportSyntax(path: pathToken.text, location: keyword.location, pathLocation: pathToken.location)
  }

  /// `a.b.c` as one name.
  func parseDottedName() -> NameSyntax? {
    guard let first = consume(.identifier) else { return nil }
    var text = first.text
    while current.kind == .dot, peek(1).kind == .identifier {
      advance()
      text += "." + current.text
      advance()
    }
    return NameSyntax(text, at: first.location)
  }

  func parseNumber() -> NumberSyntax? {
    let start = current.location
    let negative = consume(.minus) != nil
    guard current.kind == .number else {
      error("expected a number, found \(current.quoted)")
      return nil
    }
    let text = current.text
    advance()
    return NumberSyntax(text: text, isNegative: negative, location: start)
  }
}
