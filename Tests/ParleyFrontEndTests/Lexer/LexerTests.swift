import ParleyFrontEnd
import Testing

@Suite("Lexer")
struct LexerTests {
  func lex(_ text: String) -> LexedFile { Lexer.lex(SourceFile(path: "t.ipc", text: text)) }

  @Test("punctuation, identifiers, numbers and strings with their locations")
  func tokens() {
    let lexed = lex("struct A {\n  1 a: [String: Int32]? = \"x\" @range(1...2) -> .b\n}")
    #expect(
      lexed.tokens.map(\.kind) == [
        .identifier, .identifier, .leftBrace, .number, .identifier, .colon, .leftBracket, .identifier, .colon,
        .identifier, .rightBracket, .question, .equals, .string, .at, .identifier, .leftParen, .number,
        .ellipsis,
        .number, .rightParen, .arrow, .dot, .identifier, .rightBrace, .endOfFile,
      ])
    #expect(lexed.diagnostics.isEmpty)
    let one = lexed.tokens[3]
    #expect(one.text == "1" && one.location.line == 2 && one.location.column == 3 && one.isAtLineStart)
    #expect(!lexed.tokens[4].isAtLineStart)
  }

  @Test("doc comments attach to the next token, joined, without '/// '")
  func docComments() {
    let lexed = lex("/// First line.\n///Second line.\n//// not a doc\n// plain\nstruct A {}")
    #expect(lexed.tokens[0].doc == "First line.\nSecond line.")
    #expect(lexed.tokens[1].doc == nil)
  }

  @Test("columns count Unicode scalars, not bytes")
  func columns() {
    let lexed = lex("\"é😀\" x")
    #expect(lexed.tokens[1].location.column == 6)
  }

  @Test("string escapes are decoded")
  func escapes() {
    let lexed = lex(#""a\"b\\c\n\t\u{1F600}""#)
    #expect(lexed.tokens[0].text == "a\"b\\c\n\t😀")
    #expect(lexed.diagnostics.isEmpty)
  }

  @Test("an unknown escape is reported and kept literally")
  func unknownEscape() {
    let lexed = lex(#""^\d+$""#)
    #expect(lexed.tokens[0].text == #"^\d+$"#)
    #expect(lexed.diagnostics.map(\.kind) == [.invalidEscape])
  }

  @Test("block comments nest")
  func nestedComments() {
    let lexed = lex("/* a /* b */ c */ x")
    #expect(lexed.tokens.map(\.text) == ["x", ""])
    #expect(lex("/* a /* b */ x").diagnostics.map(\.kind) == [.unterminatedComment])
  }

  @Test("numbers keep underscores, fractions, exponents and unit suffixes")
  func numbers() {
    let lexed = lex("1_000 0.5 -1e3 2s 500ms 1...5")
    #expect(lexed.tokens.map(\.text) == ["1_000", "0.5", "-", "1e3", "2s", "500ms", "1", "...", "5", ""])
  }

  @Test("problems are diagnostics with locations")
  func problems() {
    #expect(lex("\"open").diagnostics.map(\.kind) == [.unterminatedString])
    #expect(lex("a ; b").diagnostics.map(\.description) == ["t.ipc:1:3: error: unexpected character ';'"])
    let invalid = Lexer.lex(SourceFile(path: "t.ipc", bytes: Array("ab\ncd".utf8) + [0xFF]))
    #expect(invalid.diagnostics.first?.kind == .invalidUTF8)
    #expect(invalid.diagnostics.first?.location == SourceLocation(path: "t.ipc", line: 2, column: 3))
  }

  @Test("a leading byte order mark is skipped")
  func byteOrderMark() {
    let lexed = Lexer.lex(SourceFile(path: "t.ipc", bytes: [0xEF, 0xBB, 0xBF] + Array("contract".utf8)))
    #expect(lexed.diagnostics.isEmpty)
    #expect(lexed.tokens.first?.text == "contract")
    #expect(lexed.tokens.first?.location.column == 1)
  }

  @Test("a doc comment at the end of the file is a warning")
  func danglingDoc() {
    #expect(lex("struct A {}\n/// nothing").diagnostics.map(\.kind) == [.danglingDocComment])
  }

  @Test("the number of lexical diagnostics per file is capped")
  func cap() {
    let lexed = lex(String(repeating: "\"\n", count: 500))
    #expect(lexed.diagnostics.count == 51)
    #expect(lexed.diagnostics.last?.kind == .tooManyErrors)
  }
}
