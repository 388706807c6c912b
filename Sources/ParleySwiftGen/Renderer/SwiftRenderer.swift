/// Turns the structured Swift model into text. It is deliberately dumb: every decision about
/// names and content was made by the translator; the renderer only owns layout (two-space
/// indentation, one blank line between type members that are types or functions, line endings).
struct SwiftRenderer {
  private var lines: [String] = []
  private var depth = 0

  /// Renders a whole file, ending in exactly one newline.
  static func render(_ file: SwiftFile) -> String {
    var renderer = SwiftRenderer()
    for comment in file.headerComments { renderer.emit("// " + comment) }
    if !file.imports.isEmpty {
      renderer.emit("")
      for module in file.imports { renderer.emit("import " + module) }
    }
    for declaration in file.declarations {
      renderer.emit("")
      renderer.render(declaration)
    }
    return renderer.lines.joined(separator: "\n") + "\n"
  }

  /// Renders one declaration at top level (used by unit tests).
  static func render(_ declaration: SwiftDeclaration) -> String {
    var renderer = SwiftRenderer()
    renderer.render(declaration)
    return renderer.lines.joined(separator: "\n") + "\n"
  }

  /// Renders statements at top level (used by unit tests).
  static func render(_ statements: [SwiftStatement]) -> String {
    var renderer = SwiftRenderer()
    renderer.render(statements)
    return renderer.lines.joined(separator: "\n") + "\n"
  }

  private mutating func emit(_ text: String) {
    if text.isEmpty {
      lines.append("")
    } else {
      lines.append(String(repeating: "  ", count: depth) + text)
    }
  }

  private mutating func indented(_ body: (inout SwiftRenderer) -> Void) {
    depth += 1
    body(&self)
    depth -= 1
  }

  // MARK: Declarations

  private mutating func render(_ declaration: SwiftDeclaration) {
    if let doc = declaration.doc {
      for line in doc.split(separator: "\n", omittingEmptySubsequences: false) {
        emit(line.isEmpty ? "///" : "/// " + line)
      }
    }
    for attribute in declaration.attributes { emit(attribute) }
    let modifiers = declaration.modifiers.map { $0.rawValue + " " }.joined()
    switch declaration.kind {
    case .struct(let name, let conformances, let members):
      renderType(modifiers + "struct " + name + Self.inheritance(conformances), members)
    case .enum(let name, let conformances, let members):
      renderType(modifiers + "enum " + name + Self.inheritance(conformances), members)
    case .protocol(let name, let conformances, let members):
      renderType(modifiers + "protocol " + name + Self.inheritance(conformances), members)
    case .extension(let type, let conformances, let whereClause, let members):
      let clause = whereClause.map { " where " + $0 } ?? ""
      renderType(modifiers + "extension " + type + Self.inheritance(conformances) + clause, members)
    case .enumCase(let enumCase):
      let payload =
        enumCase.associatedTypes.isEmpty ? "" : "(" + enumCase.associatedTypes.joined(separator: ", ") + ")"
      emit(modifiers + "case " + enumCase.name + payload + (enumCase.rawValue.map { " = " + $0 } ?? ""))
    case .typealias(let name, let type):
      emit(modifiers + "typealias " + name + " = " + type)
    case .property(let property):
      renderProperty(modifiers, property)
    case .function(let name, let signature, let body):
      renderFunction(modifiers + "func " + name, signature, body)
    case .initializer(let isFailable, let signature, let body):
      renderFunction(modifiers + (isFailable ? "init?" : "init"), signature, body)
    }
  }

  private static func inheritance(_ conformances: [String]) -> String {
    conformances.isEmpty ? "" : ": " + conformances.joined(separator: ", ")
  }

  private mutating func renderType(_ head: String, _ members: [SwiftDeclaration]) {
    if members.isEmpty {
      emit(head + " {}")
      return
    }
    emit(head + " {")
    indented { renderer in
      var previous: SwiftDeclarationKind?
      for member in members {
        if let previous, Self.wantsBlankLine(between: previous, and: member) {
          renderer.emit("")
        }
        renderer.render(member)
        previous = member.kind
      }
    }
    emit("}")
  }

  /// Consecutive simple members (cases, stored properties, typealiases) stay together unless the
  /// next one has a doc comment; everything else is separated by a blank line.
  private static func wantsBlankLine(between previous: SwiftDeclarationKind, and next: SwiftDeclaration)
    -> Bool
  {
    if !isSimple(previous) || !isSimple(next.kind) { return true }
    return next.doc != nil
  }

  private static func isSimple(_ kind: SwiftDeclarationKind) -> Bool {
    switch kind {
    case .enumCase, .typealias: true
    case .property(let property): property.getter == nil
    default: false
    }
  }

  private mutating func renderProperty(_ modifiers: String, _ property: SwiftProperty) {
    var head = modifiers + (property.isConstant ? "let " : "var ") + property.name
    if let type = property.type { head += ": " + type }
    if property.isRequirement {
      emit(head + (property.setter == nil ? " { get }" : " { get set }"))
      return
    }
    if let initialValue = property.initialValue { head += " = " + initialValue }
    guard let getter = property.getter else {
      emit(head)
      return
    }
    emit(head + " {")
    indented { renderer in
      if let setter = property.setter {
        renderer.block("get", getter)
        renderer.block("set", setter)
      } else {
        renderer.render(getter)
      }
    }
    emit("}")
  }

  private mutating func renderFunction(_ head: String, _ signature: SwiftSignature, _ body: [SwiftStatement]?)
  {
    var text = head
    if let generics = signature.generics { text += "<" + generics + ">" }
    text += "(" + signature.parameters.map(Self.parameter).joined(separator: ", ") + ")"
    if signature.isAsync { text += " async" }
    if let throwsType = signature.throwsType {
      text += throwsType.isEmpty ? " throws" : " throws(" + throwsType + ")"
    }
    if let returnType = signature.returnType { text += " -> " + returnType }
    if let whereClause = signature.whereClause { text += " where " + whereClause }
    if let body {
      block(text, body)
    } else {
      emit(text)
    }
  }

  private static func parameter(_ parameter: SwiftParameter) -> String {
    var text = ""
    if let label = parameter.label, label != parameter.name { text += label + " " }
    text += parameter.name + ": " + parameter.type
    if let value = parameter.defaultValue { text += " = " + value }
    return text
  }

  // MARK: Statements

  private mutating func block(_ head: String, _ body: [SwiftStatement], closing: String = "}") {
    if body.isEmpty {
      emit(head + " {" + closing)
      return
    }
    emit(head + " {")
    indented { $0.render(body) }
    emit(closing)
  }

  private mutating func render(_ statements: [SwiftStatement]) {
    for statement in statements { render(statement) }
  }

  private mutating func render(_ statement: SwiftStatement) {
    switch statement {
    case .line(let text):
      emit(text)
    case .blank:
      emit("")
    case .comment(let text):
      emit("// " + text)
    case .if(let condition, let then, let otherwise):
      emit("if " + condition + " {")
      indented { $0.render(then) }
      var rest = otherwise
      while let current = rest {
        if current.count == 1, case .if(let condition, let then, let next) = current[0] {
          emit("} else if " + condition + " {")
          indented { $0.render(then) }
          rest = next
        } else {
          emit("} else {")
          indented { $0.render(current) }
          rest = nil
        }
      }
      emit("}")
    case .guard(let condition, let otherwise):
      block("guard " + condition + " else", otherwise)
    case .switch(let subject, let cases):
      emit("switch " + subject + " {")
      for switchCase in cases {
        emit(
          switchCase.patterns.isEmpty
            ? "default:" : "case " + switchCase.patterns.joined(separator: ", ") + ":")
        indented { renderer in
          if switchCase.body.isEmpty {
            renderer.emit("break")
          } else {
            renderer.render(switchCase.body)
          }
        }
      }
      emit("}")
    case .for(let pattern, let sequence, let body):
      block("for " + pattern + " in " + sequence, body)
    case .while(let condition, let body):
      block("while " + condition, body)
    case .do(let body, let catches):
      emit("do {")
      indented { $0.render(body) }
      for clause in catches {
        emit("} catch" + (clause.pattern.map { " " + $0 } ?? "") + " {")
        indented { $0.render(clause.body) }
      }
      emit("}")
    case .closure(let opening, let parameters, let body, let closing):
      emit(opening + " {" + (parameters.map { " " + $0 + " in" } ?? ""))
      indented { $0.render(body) }
      emit("}" + closing)
    }
  }
}
