/// The client-side search index: one entry per documented element, built from the page model.
///
/// Serialized as a JSON array of `{"n": name, "k": kind, "s": summary, "u": "page.html#anchor"}`,
/// written as `search-index.json` and embedded in every HTML page.
enum SearchIndex {
  struct Entry: Hashable {
    var name: String
    var kind: String
    var summary: String
    var link: DocLink
  }

  static func entries(for site: DocSite) -> [Entry] {
    var entries: [Entry] = []
    for page in site.contracts {
      entries.append(
        Entry(
          name: page.name, kind: "contract", summary: page.doc.summary,
          link: DocLink(page: page.page, anchor: "")))
      for declaration in page.services + page.types + page.errors {
        let name = declaration.header.name
        entries.append(
          Entry(
            name: name, kind: declaration.kind.rawValue,
            summary: page.name + " · " + declaration.header.doc.summary,
            link: DocLink(page: page.page, anchor: declaration.header.anchor)))
        func member(_ header: DocHeader, _ kind: String) {
          entries.append(
            Entry(
              name: "\(name).\(header.name)", kind: kind, summary: header.doc.summary,
              link: DocLink(page: page.page, anchor: header.anchor)))
        }
        declaration.methods.forEach { member($0.header, $0.kind.rawValue) }
        declaration.fields.forEach { member($0.header, "field") }
        declaration.cases.forEach { member($0.header, "case") }
        declaration.variants.forEach { member($0.header, "variant") }
      }
    }
    return entries
  }

  /// The index as compact JSON, with page links ending in `fileExtension`.
  static func json(for site: DocSite, fileExtension: String) -> String {
    let values: [JSONValue] = entries(for: site).map { entry in
      let url =
        entry.link.page + "." + fileExtension + (entry.link.anchor.isEmpty ? "" : "#" + entry.link.anchor)
      return .object([
        ("n", .string(entry.name)), ("k", .string(entry.kind)), ("s", .string(entry.summary)),
        ("u", .string(url)),
      ])
    }
    return JSONValue.array(values).compact
  }
}
