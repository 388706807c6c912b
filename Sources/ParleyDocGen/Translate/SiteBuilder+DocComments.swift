import ParleyFrontEnd

extension SiteBuilder {
  /// Parses a doc comment and reports `[Name]` references that resolve to nothing.
  ///
  /// Doc comments have no location of their own in the model: the comment is taken to be the
  /// lines right above the element (`location`), each starting with `/// ` in the element's
  /// column, which is how contracts are written.
  mutating func docText(_ doc: String?, in contract: Contract, at location: SourceLocation) -> DocText {
    guard let doc else { return DocText() }
    let source = doc.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: Character.whitespaces) == Visibility.marker ? "" : String($0) }
      .joined(separator: "\n")
    let builder = self
    let result = DocMarkdownParser.parse(source) { name in builder.resolveReference(name, in: contract).link }
    let lineCount = doc.split(separator: "\n", omittingEmptySubsequences: false).count
    for reference in result.unresolved where !resolveReference(reference.name, in: contract).exists {
      let at = SourceLocation(
        path: location.path, line: max(1, location.line - lineCount + reference.line),
        column: location.column + 4 + reference.column)
      diagnostics.append(
        DocDiagnostic(
          .unknownDocLink, at: at, "doc link '[\(reference.name)]' names no type or member in scope",
          fix: suggestion(for: reference.name, in: contract)))
    }
    return result.text
  }

  /// The contracts a doc comment of `contract` can refer to: itself, then its imports.
  func scope(of contract: Contract) -> [Contract] {
    [contract] + contract.imports.compactMap { $0.contract.flatMap(contracts.contract(named:)) }
  }

  /// Resolves `Order`, `Order.id`, `common.Money`, `shop.common.Money.currency`.
  /// `exists` is true when the element exists (even if hidden); `link` only when it is shown.
  func resolveReference(_ name: String, in contract: Contract) -> (exists: Bool, link: DocLink?) {
    let parts = name.split(separator: ".").map(String.init)
    let scope = scope(of: contract)
    var candidates: [(Contract, ArraySlice<String>)] = scope.map { ($0, parts[...]) }
    for split in 1..<max(1, parts.count) {
      let qualifier = parts[0..<split].joined(separator: ".")
      for other in scope where other.name == qualifier || other.shortName == qualifier {
        candidates.append((other, parts[split...]))
      }
    }
    for (owner, rest) in candidates {
      guard let first = rest.first, let declaration = owner.declaration(named: first) else { continue }
      let reference = declaration.reference
      if rest.count == 1 {
        return (true, isShown(declaration.doc) ? Anchors.link(to: reference) : nil)
      }
      guard rest.count == 2, let member = rest.last, let found = self.member(member, of: declaration) else {
        continue
      }
      let shown = isShown(declaration.doc) && isShown(found.doc)
      return (true, shown ? Anchors.link(to: reference, member: member) : nil)
    }
    return (false, nil)
  }

  /// A member that a doc link can name, with its doc comment.
  private struct LinkableMember {
    var doc: String?
  }

  /// The field, case, variant or method `name` of `declaration`, if it has one.
  private func member(_ name: String, of declaration: Declaration) -> LinkableMember? {
    switch declaration {
    case .struct(let d): d.field(named: name).map { LinkableMember(doc: $0.doc) }
    case .error(let d): d.field(named: name).map { LinkableMember(doc: $0.doc) }
    case .enum(let d): d.enumCase(named: name).map { LinkableMember(doc: $0.doc) }
    case .union(let d): d.variant(named: name).map { LinkableMember(doc: $0.doc) }
    case .service(let d): d.method(named: name).map { LinkableMember(doc: $0.doc) }
    case .distinctType: nil
    }
  }

  private func suggestion(for name: String, in contract: Contract) -> String? {
    let last = name.split(separator: ".").last.map(String.init) ?? name
    let names = scope(of: contract).flatMap { $0.declarations.map(\.name) }
    let best = names.map { ($0, Self.editDistance($0.lowercased(), last.lowercased())) }
      .filter { $0.1 <= max(2, last.count / 3) }
      .min { $0.1 != $1.1 ? $0.1 < $1.1 : Array($0.0.utf8).lexicographicallyPrecedes($1.0.utf8) }
    if let best { return "did you mean '\(best.0)'?" }
    return "write the name of a declaration, or escape the bracket as '\\['"
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    guard !x.isEmpty else { return y.count }
    guard !y.isEmpty else { return x.count }
    var previous = Array(0...y.count)
    for i in 1...x.count {
      var current = [i] + Array(repeating: 0, count: y.count)
      for j in 1...y.count {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[y.count]
  }
}
