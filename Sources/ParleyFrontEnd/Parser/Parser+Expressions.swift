extension Parser {
  /// A type: `Name`, `a.Name`, `[T]`, `[K: V]`, each optionally followed by `?`s.
  /// Nesting deeper than ``Parser/maximumTypeDepth`` is reported and skipped, without recursion.
  func parseType(depth: Int) -> TypeSyntax {
    let location = current.location
    var base: TypeSyntax
    if current.kind == .leftBracket {
      if depth >= Parser.maximumTypeDepth {
        error(
          "type is nested more than \(Parser.maximumTypeDepth) levels deep", kind: .nestingTooDeep,
          fix: "declare a struct for the inner part")
        return .invalid(location)
      }
      advance()
      let element = parseType(depth: depth + 1)
      if isRecovering { return .invalid(location) }
      if consume(.colon) != nil {
        let value = parseType(depth: depth + 1)
        if isRecovering { return .invalid(location) }
        guard expect(.rightBracket, "']' to close the map type") != nil else { return .invalid(location) }
        base = .map(element, value, location)
      } else {
        guard expect(.rightBracket, "']' to close the list type") != nil else { return .invalid(location) }
        base = .list(element, location)
      }
    } else if current.kind == .identifier {
      var segments = [current.text]
      advance()
      while current.kind == .dot, peek(1).kind == .identifier {
        advance()
        segments.append(current.text)
        advance()
      }
      base = .named(segments, location)
    } else {
      error("expected a type, found \(current.quoted)")
      return .invalid(location)
    }
    if current.kind == .question {
      base = .optional(base, current.location)
      advance()
      if current.kind == .question {
        let extra = current.location
        while current.kind == .question { advance() }
        diagnostics.append(
          Diagnostic(
            .nestedOptional, at: extra, "a type can be optional only once", fix: "remove the extra '?'"))
      }
    }
    return base
  }

  /// A literal for a default value or attribute argument.
  func parseLiteral() -> LiteralSyntax {
    let token = current
    switch token.kind {
    case .identifier:
      advance()
      switch token.text {
      case "true": return .bool(true, token.location)
      case "false": return .bool(false, token.location)
      case "nil": return .null(token.location)
      default: return .identifier(token.text, token.location)
      }
    case .string:
      advance()
      return .string(token.text, token.location)
    case .dot:
      advance()
      guard let name = consume(.identifier) else {
        error("expected a case name after '.', found \(current.quoted)")
        return .invalid(token.location)
      }
      return .enumCase(name.text, token.location)
    case .number, .minus:
      guard let number = parseNumber() else { return .invalid(token.location) }
      return .number(number)
    case .leftBracket:
      advance()
      if consume(.rightBracket) != nil { return .emptyList(token.location) }
      if current.kind == .colon, peek(1).kind == .rightBracket {
        advance()
        advance()
        return .emptyMap(token.location)
      }
      error("only the empty list '[]' and the empty map '[:]' can be written as defaults", at: token.location)
      return .invalid(token.location)
    default:
      error("expected a value, found \(current.quoted)")
      return .invalid(token.location)
    }
  }

  /// An attribute argument: a literal or a range `a...b`, `a...`, `...b`.
  func parseArgument() -> LiteralSyntax {
    let location = current.location
    if consume(.ellipsis) != nil {
      guard current.kind == .number || current.kind == .minus else {
        return .range(nil, nil, location)
      }
      return .range(nil, parseNumber(), location)
    }
    let literal = parseLiteral()
    guard case .number(let lower) = literal, consume(.ellipsis) != nil else { return literal }
    if current.kind == .number || current.kind == .minus {
      return .range(lower, parseNumber(), location)
    }
    return .range(lower, nil, location)
  }

  /// A run of `@name` / `@name(args)`; with `sameLineOnly`, stops at an `@` that starts a new line
  /// (that one belongs to the next member).
  func parseAttributes(sameLineOnly: Bool) -> [AttributeSyntax] {
    var attributes: [AttributeSyntax] = []
    while current.kind == .at, !(sameLineOnly && current.isAtLineStart), !isRecovering {
      let at = current
      advance()
      guard let name = consume(.identifier) else {
        error("expected an attribute name after '@', found \(current.quoted)")
        return attributes
      }
      var arguments: [LiteralSyntax]?
      if current.kind == .leftParen {
        advance()
        var list: [LiteralSyntax] = []
        if current.kind != .rightParen {
          repeat {
            list.append(parseArgument())
          } while !isRecovering && consume(.comma) != nil
        }
        if isRecovering { return attributes }
        guard expect(.rightParen, "')' to close the arguments of '@\(name.text)'") != nil else {
          return attributes
        }
        arguments = list
      }
      attributes.append(
        AttributeSyntax(
          name: NameSyntax(name.text, at: name.location), arguments: arguments, location: at.location))
    }
    return attributes
  }
}
