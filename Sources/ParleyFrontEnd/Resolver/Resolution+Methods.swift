extension Resolution {
  /// The methods of a service, with their shape, payload types, errors and attributes checked.
  func buildMethods(_ syntax: DeclarationSyntax, unit: Int) -> [Method] {
    var byName: [String: MethodSyntax] = [:]
    var methods: [Method] = []
    let version = units[unit].version
    for method in syntax.methods {
      if let first = byName[method.name.text] {
        report(
          Diagnostic(
            .duplicateMember, at: method.name.location,
            "method '\(method.name.text)' is already declared in '\(syntax.name.text)'",
            related: [first.name.location], fix: "rename one of them"))
      } else {
        byName[method.name.text] = method
      }
      checkShape(method)
      let request = method.request.flatMap { payload($0, unit: unit) }
      let response = method.response.flatMap { payload($0, unit: unit) }
      let errors = thrownErrors(method, unit: unit)
      let values = checkAttributes(method.attributes, on: .method(method.kind), version: version)
      let keepsResponse = method.kind == .rpc || method.kind == .stream
      methods.append(
        Method(
          kind: method.kind, name: method.name.text, request: request,
          response: keepsResponse ? response : nil,
          errors: errors, timeoutMilliseconds: values.timeoutMilliseconds, isIdempotent: values.isIdempotent,
          availability: values.availability, doc: method.doc, location: method.location,
          nameLocation: method.name.location))
    }
    return methods
  }

  private func checkShape(_ method: MethodSyntax) {
    let kind = method.kind.rawValue
    switch method.kind {
    case .rpc:
      if !method.hasArrow {
        report(
          Diagnostic(
            .invalidMethodShape, at: method.name.location, "rpc '\(method.name.text)' needs a response type",
            fix: "write '-> Type', or '-> ()' for none"))
      }
    case .stream:
      if !method.hasArrow || method.response == nil {
        report(
          Diagnostic(
            .invalidMethodShape, at: method.responseLocation ?? method.name.location,
            "stream '\(method.name.text)' needs an item type", fix: "write '-> ItemType'"))
      }
    case .oneway, .event:
      if method.hasArrow {
        report(
          Diagnostic(
            .invalidMethodShape, at: method.responseLocation ?? method.name.location,
            "\(kind) '\(method.name.text)' has no response", fix: "remove '-> …', or make it an rpc"))
      }
      if let location = method.throwsLocation {
        report(
          Diagnostic(
            .invalidMethodShape, at: location,
            "\(kind) '\(method.name.text)' cannot throw: nobody receives its errors",
            fix: "remove 'throws …', or make it an rpc"))
      }
    }
  }

  private func payload(_ type: TypeSyntax, unit: Int) -> TypeReference? {
    guard let resolved = resolveType(type, from: unit) else { return nil }
    if resolved.isOptional {
      report(
        Diagnostic(
          .invalidMethodShape, at: type.location, "a method payload cannot be optional",
          fix: "use '()' for no payload, or a struct with an optional field"))
      return nil
    }
    return resolved
  }

  private func thrownErrors(_ method: MethodSyntax, unit: Int) -> [DeclarationReference] {
    var seen: [DeclarationReference: SourceLocation] = [:]
    var errors: [DeclarationReference] = []
    for type in method.errors {
      guard case .named(let segments, let location) = type else {
        if case .invalid = type { continue }
        report(
          Diagnostic(
            .throwsNonError, at: type.location, "'throws' lists error declarations, not types like this one"))
        continue
      }
      if segments.count == 1, BuiltinType(rawValue: segments[0]) != nil {
        report(
          Diagnostic(
            .throwsNonError, at: location, "'\(segments[0])' is a built-in type, not an error",
            fix: "declare 'error Name code N { … }' and list it"))
        continue
      }
      guard let symbol = lookup(segments, at: location, from: unit) else { continue }
      guard symbol.kind == .error else {
        report(
          Diagnostic(
            .throwsNonError, at: location,
            "'\(segments.joined(separator: "."))' is \(AttributeSubject.declaration(symbol.kind).description), not an error",
            related: [symbol.syntax.name.location], fix: "'throws' lists error declarations"))
        continue
      }
      if let first = seen[symbol.reference] {
        report(
          Diagnostic(
            .duplicateThrows, at: location, "'\(symbol.reference.name)' is already listed", related: [first],
            fix: "remove the repetition"))
        continue
      }
      seen[symbol.reference] = location
      errors.append(symbol.reference)
    }
    return errors
  }
}
