extension Parser {
  /// `[@attributes] keyword Name …`.
  func parseDeclaration() -> DeclarationSyntax? {
    let start = index
    let location = current.location
    let attributes = parseAttributes(sameLineOnly: false)
    guard current.kind == .identifier, let kind = Parser.declarationKeywords[current.text] else {
      error("expected a declaration after the attributes, found \(current.quoted)")
      return nil
    }
    let keyword = current
    advance()
    guard let nameToken = consume(.identifier) else {
      error("expected a name after '\(keyword.text)', found \(current.quoted)")
      return nil
    }
    let name = NameSyntax(nameToken.text, at: nameToken.location)
    var declaration = DeclarationSyntax(
      kind: kind, name: name, doc: doc(from: start), attributes: attributes, location: location)
    switch kind {
    case .distinctType:
      guard expect(.equals, "'=' after 'type \(name.text)'") != nil else { return declaration }
      declaration.underlying = parseType(depth: 0)
      declaration.attributes += parseAttributes(sameLineOnly: true)
      return declaration
    case .error:
      if consumeKeyword("code") != nil {
        declaration.code = parseNumber()
      } else {
        error(
          "expected 'code N' after 'error \(name.text)', found \(current.quoted)",
          fix: "write 'error \(name.text) code 400 { … }'")
        return declaration
      }
      declaration.attributes += parseAttributes(sameLineOnly: true)
      if current.kind == .leftBrace { parseBody(into: &declaration) }
      return declaration
    default:
      declaration.attributes += parseAttributes(sameLineOnly: true)
      parseBody(into: &declaration)
      return declaration
    }
  }

  /// `{ members }`.
  func parseBody(into declaration: inout DeclarationSyntax) {
    guard let open = expect(.leftBrace, "'{' to open \(declaration.kind.rawValue) '\(declaration.name.text)'")
    else { return }
    while true {
      if gaveUp { return }
      if current.kind == .rightBrace {
        if current.doc != nil {
          diagnostics.append(
            Diagnostic(.danglingDocComment, at: current.location, "doc comment before '}' documents nothing"))
        }
        advance()
        return
      }
      if current.kind == .endOfFile || (current.isAtLineStart && startsTopLevelItem && current.kind != .at) {
        isRecovering = false
        error(
          "expected '}' to close \(declaration.kind.rawValue) '\(declaration.name.text)' opened at \(open.location)"
        )
        isRecovering = false
        return
      }
      let start = index
      let location = current.location
      let attributes = parseAttributes(sameLineOnly: false)
      if current.kind == .number || current.kind == .minus {
        if let member = parseNumberedMember(attributes: attributes, start: start, location: location) {
          declaration.members.append(member)
        }
      } else if current.isKeyword("reserved") {
        if let reserved = parseReserved() { declaration.reserved.append(reserved) }
        if !attributes.isEmpty {
          diagnostics.append(
            Diagnostic(.misplacedAttribute, at: location, "attributes cannot be attached to 'reserved'"))
        }
      } else if current.kind == .identifier, let kind = MethodKind(rawValue: current.text),
        peek(1).kind == .identifier
      {
        if let method = parseMethod(kind: kind, attributes: attributes, start: start, location: location) {
          declaration.methods.append(method)
        }
      } else if current.kind == .rightBrace || current.kind == .endOfFile {
        if !attributes.isEmpty { error("attributes must be followed by a member", at: location) }
        isRecovering = false
        continue
      } else {
        error(
          "expected a numbered member, a method or 'reserved', found \(current.quoted)",
          fix: declaration.kind == .enum ? "cases are written 'N name'" : "fields are written 'N name: Type'")
      }
      if !isRecovering, index != start, !current.isAtLineStart, current.kind != .rightBrace,
        current.kind != .endOfFile
      {
        error(
          "expected a line break after the member, found \(current.quoted)",
          fix: "put each member on its own line")
      }
      if isRecovering || index == start { skipMember() }
    }
  }

  /// `N name [: Type] [= default] [@attributes]`.
  func parseNumberedMember(attributes: [AttributeSyntax], start: Int, location: SourceLocation)
    -> NumberedMemberSyntax?
  {
    guard let number = parseNumber() else { return nil }
    guard let nameToken = consume(.identifier) else {
      error("expected a name after the number, found \(current.quoted)")
      return nil
    }
    var type: TypeSyntax?
    var defaultValue: LiteralSyntax?
    if consume(.colon) != nil {
      type = parseType(depth: 0)
    }
    if !isRecovering, consume(.equals) != nil {
      defaultValue = parseLiteral()
    }
    var all = attributes
    if !isRecovering { all += parseAttributes(sameLineOnly: true) }
    return NumberedMemberSyntax(
      number: number, name: NameSyntax(nameToken.text, at: nameToken.location), type: type,
      defaultValue: defaultValue, attributes: all, doc: doc(from: start), location: location)
  }

  /// `reserved 8, 10...12, "name"`.
  func parseReserved() -> ReservedSyntax? {
    let keyword = current
    advance()
    var entries: [ReservedEntrySyntax] = []
    repeat {
      if current.kind == .string {
        entries.append(.name(current.text, current.location))
        advance()
      } else if current.kind == .number || current.kind == .minus {
        guard let lower = parseNumber() else { return nil }
        var upper: NumberSyntax?
        if consume(.ellipsis) != nil {
          guard let bound = parseNumber() else { return nil }
          upper = bound
        }
        entries.append(.numbers(lower, upper))
      } else {
        error("expected a number, a range or a quoted name after 'reserved', found \(current.quoted)")
        return nil
      }
    } while consume(.comma) != nil
    return ReservedSyntax(entries: entries, location: keyword.location)
  }

  /// `kind name(Request) [-> Response] [throws E, …] [@attributes]`.
  func parseMethod(
    kind: MethodKind, attributes: [AttributeSyntax], start: Int, location: SourceLocation
  ) -> MethodSyntax? {
    advance()
    let nameToken = current
    advance()
    guard expect(.leftParen, "'(' after the method name") != nil else { return nil }
    var request: TypeSyntax?
    if current.kind != .rightParen {
      request = parseType(depth: 0)
    }
    guard expect(.rightParen, "')' after the request type") != nil else { return nil }
    var hasArrow = false
    var response: TypeSyntax?
    var responseLocation: SourceLocation?
    if consume(.arrow) != nil {
      hasArrow = true
      responseLocation = current.location
      if current.kind == .leftParen, peek(1).kind == .rightParen {
        advance()
        advance()
      } else {
        response = parseType(depth: 0)
      }
    }
    var errors: [TypeSyntax] = []
    var throwsLocation: SourceLocation?
    if !isRecovering, let throwsToken = consumeKeyword("throws") {
      throwsLocation = throwsToken.location
      repeat {
        errors.append(parseType(depth: 0))
      } while !isRecovering && consume(.comma) != nil
    }
    var all = attributes
    if !isRecovering { all += parseAttributes(sameLineOnly: true) }
    return MethodSyntax(
      kind: kind, name: NameSyntax(nameToken.text, at: nameToken.location), request: request,
      hasArrow: hasArrow,
      response: response, responseLocation: responseLocation, errors: errors, throwsLocation: throwsLocation,
      attributes: all, doc: doc(from: start), location: location)
  }
}
