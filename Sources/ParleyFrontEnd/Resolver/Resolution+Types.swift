/// Where a type is written, for the rules that depend on it.
enum TypePosition {
  case top
  case optionalWrapped
  case listElement
  case mapKey
  case mapValue
}

/// What a value of some type is, for the attribute and default rules.
enum ValueShape {
  case builtin(BuiltinType)
  case list
  case map
  case enumeration(DeclarationReference)
  case structure
  case union
  case unknown
}

extension Resolution {
  /// Resolves a written type; reports problems and returns `nil` when it cannot be resolved.
  func resolveType(_ type: TypeSyntax, from index: Int, position: TypePosition = .top) -> TypeReference? {
    switch type {
    case .invalid:
      return nil
    case .optional(let wrapped, let location):
      switch position {
      case .listElement, .mapKey, .mapValue:
        report(
          Diagnostic(
            .optionalInCollection, at: location, "list elements, map keys and map values cannot be optional",
            fix: "remove the '?'"))
        return nil
      case .optionalWrapped:
        return nil
      case .top:
        break
      }
      return resolveType(wrapped, from: index, position: .optionalWrapped).map { .optional($0) }
    case .list(let element, _):
      return resolveType(element, from: index, position: .listElement).map { .list($0) }
    case .map(let key, let value, _):
      let keyType = resolveType(key, from: index, position: .mapKey)
      let valueType = resolveType(value, from: index, position: .mapValue)
      if let keyType, !isAllowedMapKey(keyType) {
        report(
          Diagnostic(
            .invalidMapKey, at: key.location, "'\(display(keyType))' cannot be a map key",
            fix: "use String, an integer type, UUID, an enum or a distinct type of those"))
        return nil
      }
      guard let keyType, let valueType else { return nil }
      return .map(key: keyType, value: valueType)
    case .named(let segments, let location):
      if segments.count == 1, let builtin = BuiltinType(rawValue: segments[0]) { return .builtin(builtin) }
      guard let symbol = lookup(segments, at: location, from: index) else { return nil }
      switch symbol.kind {
      case .service, .error:
        let what = symbol.kind == .service ? "a service" : "an error"
        report(
          Diagnostic(
            .notAType, at: location, "'\(segments.joined(separator: "."))' is \(what), not a data type",
            related: [symbol.syntax.name.location],
            fix: symbol.kind == .error ? "errors can only be listed after 'throws'" : nil))
        return nil
      default:
        return .named(symbol.reference)
      }
    }
  }

  func isAllowedMapKey(_ type: TypeReference) -> Bool {
    switch shape(of: type) {
    case .builtin(let builtin): builtin.isAllowedMapKey
    case .enumeration: true
    default: false
    }
  }

  /// The shape of values of `type` after removing one `?`; distinct types show their underlying type.
  func shape(of type: TypeReference) -> ValueShape {
    switch type.unwrapped {
    case .builtin(let builtin): return .builtin(builtin)
    case .list: return .list
    case .map: return .map
    case .optional: return .unknown
    case .named(let reference):
      guard let symbol = symbolsByReference[reference] else { return .unknown }
      switch symbol.kind {
      case .distinctType:
        guard let underlying = distinctTypes[reference]?.underlying else { return .unknown }
        return .builtin(underlying)
      case .enum: return .enumeration(reference)
      case .struct: return .structure
      case .union: return .union
      case .error, .service: return .unknown
      }
    }
  }

  /// The type as the user would write it (declaration names unqualified).
  func display(_ type: TypeReference) -> String {
    switch type {
    case .builtin(let builtin): builtin.name
    case .list(let element): "[\(display(element))]"
    case .map(let key, let value): "[\(display(key)): \(display(value))]"
    case .optional(let wrapped): "\(display(wrapped))?"
    case .named(let reference): reference.name
    }
  }
}
