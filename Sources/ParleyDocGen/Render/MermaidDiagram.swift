/// A Mermaid class diagram of one contract's structs, errors, enums and unions, with an arrow
/// for every field or variant that holds another declared type.
///
/// ```mermaid
/// classDiagram
///   class Order {
///     OrderID id
///     List~LineItem~ items
///   }
///   Order --> LineItem : items
/// ```
enum MermaidDiagram {
  static func classDiagram(_ page: ContractPage) -> String {
    let shown = page.types.filter { $0.kind != .distinctType } + page.errors
    guard !shown.isEmpty else { return "" }
    var lines = ["classDiagram"]
    var edges: [String] = []
    for declaration in shown {
      let name = identifier(declaration.header.name)
      lines.append("  class \(name) {")
      switch declaration.kind {
      case .enum:
        lines.append("    <<enumeration>>")
        for item in declaration.cases { lines.append("    \(identifier(item.header.name))") }
      case .union:
        lines.append("    <<union>>")
        for variant in declaration.variants {
          lines.append("    \(type(variant.type)) \(identifier(variant.header.name))")
          for target in Set(variant.type.namedTypes.map(\.name)).sorted(by: bytes)
          where isDiagrammed(target, page: page) {
            edges.append("  \(name) --> \(identifier(target)) : \(identifier(variant.header.name))")
          }
        }
      default:
        if declaration.kind == .error { lines.append("    <<error>>") }
        for field in declaration.fields {
          lines.append("    \(type(field.type)) \(identifier(field.header.name))")
          for target in Set(field.type.namedTypes.map(\.name)).sorted(by: bytes)
          where isDiagrammed(target, page: page) {
            edges.append("  \(name) --> \(identifier(target)) : \(identifier(field.header.name))")
          }
        }
      }
      lines.append("  }")
    }
    return (lines + edges).joined(separator: "\n")
  }

  private static func bytes(_ a: String, _ b: String) -> Bool {
    Array(a.utf8).lexicographicallyPrecedes(b.utf8)
  }

  /// Whether a type gets a box (distinct types are shown as member types only).
  private static func isDiagrammed(_ name: String, page: ContractPage) -> Bool {
    if let local = (page.types + page.errors).first(where: { $0.header.name == name }) {
      return local.kind != .distinctType
    }
    return false
  }

  /// Mermaid-safe names: letters, digits and `_`.
  private static func identifier(_ name: String) -> String {
    String(name.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
  }

  private static func type(_ type: DocType) -> String {
    switch type {
    case .builtin(let name), .named(let name, _): identifier(name)
    case .list(let element): "List~\(self.type(element))~"
    case .map(let key, let value): "Map~\(self.type(key)),\(self.type(value))~"
    case .optional(let wrapped): "Optional~\(self.type(wrapped))~"
    }
  }
}
