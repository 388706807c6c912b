/// Splits a contract file into tokens: the *lex* stage.
///
/// Works on bytes in one pass without recursion; invalid input becomes diagnostics and
/// `.invalid` tokens, never a crash.
public final class Lexer {
  /// Lexes `file`.
  public static func lex(_ file: SourceFile) -> LexedFile {
    let lexer = Lexer(file: file)
    return lexer.run()
  }

  /// At most this many lexical diagnostics are reported per file.
  static let maximumDiagnostics = 50

  private let file: SourceFile
  private let bytes: [UInt8]
  private var offset = 0
  private var line = 1
  private var column = 1
  private var sawTokenOnLine = false
  private var pendingDoc: [String] = []
  private var tokens: [Token] = []
  private var diagnostics: [Diagnostic] = []
  private var reportedUTF8 = false

  private init(file: SourceFile) {
    self.file = file
    self.bytes = file.bytes
  }

  private var location: SourceLocation { SourceLocation(path: file.path, line: line, column: column) }

  private func peek(_ ahead: Int = 0) -> UInt8? {
    let index = offset + ahead
    return index < bytes.count ? bytes[index] : nil
  }

  private func advance() {
    guard offset < bytes.count else { return }
    let byte = bytes[offset]
    offset += 1
    if byte == UInt8(ascii: "\n") {
      line += 1
      column = 1
      sawTokenOnLine = false
    } else if byte & 0xC0 != 0x80 {
      column += 1
    }
  }

  private func report(
    _ kind: DiagnosticKind, at location: SourceLocation, _ message: String, fix: String? = nil
  ) {
    if diagnostics.count == Lexer.maximumDiagnostics {
      diagnostics.append(
        Diagnostic(.tooManyErrors, at: location, "too many lexical errors; stopped reporting them"))
    }
    guard diagnostics.count < Lexer.maximumDiagnostics else { return }
    diagnostics.append(Diagnostic(kind, at: location, message, fix: fix))
  }

  private func emit(_ kind: TokenKind, _ text: String, at start: SourceLocation, atLineStart: Bool) {
    let doc = pendingDoc.isEmpty ? nil : pendingDoc.joined(separator: "\n")
    pendingDoc.removeAll()
    tokens.append(Token(kind: kind, text: text, location: start, isAtLineStart: atLineStart, doc: doc))
  }

  private func run() -> LexedFile {
    checkUTF8()
    // A UTF-8 byte order mark, as some editors write it, is not part of the text.
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
    while let byte = peek() {
      let start = location
      let atLineStart = !sawTokenOnLine
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
        advance()
        continue
      case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
        lineComment()
        continue
      case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
        blockComment()
        continue
      default:
        break
      }
      sawTokenOnLine = true
      if isIdentifierStart(byte) {
        let begin = offset
        while let next = peek(), isIdentifierContinue(next) { advance() }
        emit(.identifier, text(begin, offset), at: start, atLineStart: atLineStart)
      } else if isDigit(byte) {
        number(start: start, atLineStart: atLineStart)
      } else if byte == UInt8(ascii: "\"") {
        string(start: start, atLineStart: atLineStart)
      } else if let kind = punctuation(byte) {
        advance()
        emit(kind, String(UnicodeScalar(byte)), at: start, atLineStart: atLineStart)
      } else if byte == UInt8(ascii: "-") {
        advance()
        if peek() == UInt8(ascii: ">") {
          advance()
          emit(.arrow, "->", at: start, atLineStart: atLineStart)
        } else {
          emit(.minus, "-", at: start, atLineStart: atLineStart)
        }
      } else if byte == UInt8(ascii: ".") {
        advance()
        if peek() == UInt8(ascii: "."), peek(1) == UInt8(ascii: ".") {
          advance()
          advance()
          emit(.ellipsis, "...", at: start, atLineStart: atLineStart)
        } else if peek() == UInt8(ascii: "."), peek(1) == UInt8(ascii: "<") {
          advance()
          advance()
          report(
            .unexpectedCharacter, at: start, "half-open ranges '..<' are not supported",
            fix: "write a closed range such as 1...9")
          emit(.ellipsis, "...", at: start, atLineStart: atLineStart)
        } else {
          emit(.dot, ".", at: start, atLineStart: atLineStart)
        }
      } else {
        // Swallow a run of bytes that start no token, reporting it once.
        let begin = offset
        advance()
        while let next = peek(), !startsToken(next) { advance() }
        let bad = text(begin, offset)
        if byte >= 0x80, bad.unicodeScalars.first == "\u{FFFD}" {
          report(
            .unexpectedCharacter, at: start, "unexpected byte 0x\(String(byte, radix: 16, uppercase: true))")
        } else {
          let shown = bad.unicodeScalars.first.map { String($0) } ?? "?"
          report(.unexpectedCharacter, at: start, "unexpected character '\(printable(shown))'")
        }
        emit(.invalid, bad, at: start, atLineStart: atLineStart)
      }
    }
    if !pendingDoc.isEmpty {
      report(.danglingDocComment, at: location, "doc comment at the end of the file documents nothing")
      pendingDoc.removeAll()
    }
    tokens.append(Token(kind: .endOfFile, text: "", location: location, isAtLineStart: true))
    return LexedFile(file: file, tokens: tokens, diagnostics: diagnostics)
  }

  private func checkUTF8() {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var scalarCount = 0
    var lineNumber = 1
    var columnNumber = 1
    loop: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        scalarCount += 1
        if scalar == "\n" {
          lineNumber += 1
          columnNumber = 1
        } else {
          columnNumber += 1
        }
      case .emptyInput:
        break loop
      case .error:
        let at = SourceLocation(path: file.path, line: lineNumber, column: columnNumber)
        report(.invalidUTF8, at: at, "the file is not valid UTF-8", fix: "save it as UTF-8")
        break loop
      }
    }
  }

  private func lineComment() {
    let isDoc = peek(2) == UInt8(ascii: "/") && peek(3) != UInt8(ascii: "/")
    advance()
    advance()
    if isDoc { advance() }
    let begin = offset
    while let byte = peek(), byte != UInt8(ascii: "\n") { advance() }
    guard isDoc else { return }
    var body = text(begin, offset)
    if body.hasSuffix("\r") { body.removeLast() }
    if body.hasPrefix(" ") { body.removeFirst() }
    pendingDoc.append(body)
  }

  private func blockComment() {
    let start = location
    advance()
    advance()
    var depth = 1
    while depth > 0 {
      guard let byte = peek() else {
        report(.unterminatedComment, at: start, "unterminated '/*' comment", fix: "close it with '*/'")
        return
      }
      if byte == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
        advance()
        advance()
        depth -= 1
      } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
        advance()
        advance()
        depth += 1
      } else {
        advance()
      }
    }
  }

  private func number(start: SourceLocation, atLineStart: Bool) {
    let begin = offset
    while let byte = peek(), isDigit(byte) || byte == UInt8(ascii: "_") { advance() }
    if peek() == UInt8(ascii: "."), let after = peek(1), isDigit(after) {
      advance()
      while let byte = peek(), isDigit(byte) || byte == UInt8(ascii: "_") { advance() }
    }
    if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
      let sign = peek(1)
      if let sign, isDigit(sign) {
        advance()
      } else if let sign, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), let digit = peek(2),
        isDigit(digit)
      {
        advance()
        advance()
      }
      while let byte = peek(), isDigit(byte) { advance() }
    }
    // A unit suffix such as `ms` belongs to the number (duration literals).
    while let byte = peek(), isIdentifierContinue(byte) { advance() }
    emit(.number, text(begin, offset), at: start, atLineStart: atLineStart)
  }

  private func string(start: SourceLocation, atLineStart: Bool) {
    advance()
    var value: [UInt8] = []
    var kind = TokenKind.string
    while true {
      guard let byte = peek(), byte != UInt8(ascii: "\n") else {
        report(
          .unterminatedString, at: start, "unterminated string literal",
          fix: "close it with '\"' on the same line")
        kind = .invalid
        break
      }
      if byte == UInt8(ascii: "\"") {
        advance()
        break
      }
      if byte == UInt8(ascii: "\\") {
        let escapeLocation = location
        advance()
        guard let escaped = peek(), escaped != UInt8(ascii: "\n") else { continue }
        advance()
        switch escaped {
        case UInt8(ascii: "n"): value.append(10)
        case UInt8(ascii: "t"): value.append(9)
        case UInt8(ascii: "r"): value.append(13)
        case UInt8(ascii: "0"): value.append(0)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "'"): value.append(escaped)
        case UInt8(ascii: "u") where peek() == UInt8(ascii: "{"):
          advance()
          let digitsStart = offset
          while let hex = peek(), isHexDigit(hex), offset - digitsStart < 8 { advance() }
          let digits = text(digitsStart, offset)
          if peek() == UInt8(ascii: "}"), let code = UInt32(digits, radix: 16),
            let scalar = UnicodeScalar(code)
          {
            advance()
            value.append(contentsOf: Array(String(scalar).utf8))
          } else {
            report(
              .invalidEscape, at: escapeLocation, "invalid unicode escape",
              fix: "write \\u{1F600} with 1 to 8 hex digits")
          }
        default:
          value.append(UInt8(ascii: "\\"))
          value.append(escaped)
          let shown = printable(String(UnicodeScalar(escaped)))
          report(
            .invalidEscape, at: escapeLocation, "invalid escape sequence '\\\(shown)' in string literal",
            fix: "write '\\\\\(shown)' for a backslash followed by '\(shown)'")
        }
        continue
      }
      value.append(byte)
      advance()
    }
    emit(kind, String(decoding: value, as: UTF8.self), at: start, atLineStart: atLineStart)
  }

  private func text(_ begin: Int, _ end: Int) -> String {
    String(decoding: bytes[begin..<end], as: UTF8.self)
  }

  private func printable(_ text: String) -> String {
    text.unicodeScalars.map { scalar in
      scalar.value < 0x20 || scalar.value == 0x7F ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
    }.joined()
  }

  private func punctuation(_ byte: UInt8) -> TokenKind? {
    switch byte {
    case UInt8(ascii: "{"): .leftBrace
    case UInt8(ascii: "}"): .rightBrace
    case UInt8(ascii: "("): .leftParen
    case UInt8(ascii: ")"): .rightParen
    case UInt8(ascii: "["): .leftBracket
    case UInt8(ascii: "]"): .rightBracket
    case UInt8(ascii: ":"): .colon
    case UInt8(ascii: ","): .comma
    case UInt8(ascii: "="): .equals
    case UInt8(ascii: "?"): .question
    case UInt8(ascii: "@"): .at
    default: nil
    }
  }

  private func startsToken(_ byte: UInt8) -> Bool {
    isIdentifierStart(byte) || isDigit(byte) || punctuation(byte) != nil
      || [
        UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: "\""),
        UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"),
      ].contains(byte)
  }

  private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  private func isHexDigit(_ byte: UInt8) -> Bool {
    isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
      || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
  }

  private func isIdentifierStart(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
      || byte == UInt8(ascii: "_")
  }

  private func isIdentifierContinue(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }
}
