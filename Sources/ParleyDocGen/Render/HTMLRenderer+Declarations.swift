extension HTMLRenderer {
  /// One declaration: heading, doc, and the table or method list of its kind.
  static func declaration(_ declaration: DocDeclaration, page: ContractPage, into html: inout HTMLWriter) {
    let header = declaration.header
    let classes =
      "decl decl-\(declaration.kind.rawValue)" + (header.deprecation != nil ? " is-deprecated" : "")
    html.newline()
    html.element("section", ["class": classes, "id": header.anchor]) { section in
      section.element("h3") { h in
        kindBadge(declaration.kind.rawValue, into: &h)
        h.text(" ")
        h.element("a", ["class": "anchor", "href": "#" + header.anchor]) { $0.element("code", header.name) }
        if let code = declaration.code { h.element("span", ["class": "badge badge-code"], "code \(code)") }
        badges(header, into: &h)
      }
      deprecationNote(header, into: &section)
      if let underlying = declaration.underlying {
        section.element("p", ["class": "signature"]) { p in
          p.element("code") { code in
            code.text("type \(header.name) = ")
            type(underlying, page: page.page, into: &code)
          }
          if !declaration.constraints.isEmpty {
            p.text(" — ")
            constraintList(declaration.constraints, separator: ", ", into: &p)
          }
        }
      }
      if !header.doc.isEmpty {
        section.element("div", ["class": "doc"]) { docText(header.doc, page: page.page, into: &$0) }
      }
      if declaration.kind == .service {
        for method in declaration.methods {
          self.method(method, service: header.name, page: page, into: &section)
        }
      }
      if !declaration.fields.isEmpty { fieldTable(declaration.fields, page: page, into: &section) }
      if declaration.kind == .error && declaration.fields.isEmpty {
        section.element("p", ["class": "muted"], "No payload fields.")
      }
      if !declaration.cases.isEmpty { caseTable(declaration.cases, page: page, into: &section) }
      if !declaration.variants.isEmpty { variantTable(declaration.variants, page: page, into: &section) }
      if let reserved = declaration.reserved {
        section.element("p", ["class": "reserved", "id": Anchors.reserved(header.name)]) { p in
          p.element("strong", "Reserved")
          p.text(" (never reuse): ")
          var parts: [String] = []
          if !reserved.numbers.isEmpty { parts.append("numbers " + reserved.numbers.joined(separator: ", ")) }
          if !reserved.names.isEmpty {
            parts.append("names " + reserved.names.map { "“\($0)”" }.joined(separator: ", "))
          }
          p.text(parts.joined(separator: "; "))
        }
      }
      if !declaration.thrownBy.isEmpty {
        usageList("Thrown by", declaration.thrownBy, id: nil, page: page, into: &section)
      }
      if declaration.kind != .service && !(declaration.kind == .error && declaration.usedBy.isEmpty) {
        usageList("Used by", declaration.usedBy, id: Anchors.usedBy(header.name), page: page, into: &section)
      }
    }
  }

  static func usageList(
    _ title: String, _ links: [DocReferenceLink], id: String?, page: ContractPage, into html: inout HTMLWriter
  ) {
    html.element("p", ["class": "used-by", "id": id]) { p in
      p.element("strong", title)
      p.text(": ")
      if links.isEmpty {
        p.element("span", ["class": "muted"], "nothing in these contracts")
        return
      }
      for (offset, link) in links.enumerated() {
        if offset > 0 { p.text(", ") }
        if let target = href(link.link, from: page.page) {
          p.element("a", ["href": target]) { $0.element("code", link.text) }
        } else {
          p.element("code", link.text)
        }
        if let role = link.role, role != "field", role != "throws" {
          p.element("span", ["class": "muted"], " (\(role))")
        }
      }
    }
  }

  /// The member table of a struct or error: number, field, type, presence, constraints and
  /// description, one row a field.
  static func fieldTable(_ fields: [DocField], page: ContractPage, into html: inout HTMLWriter) {
    memberTable(
      fields, headings: ["Field", "Type", "Presence", "Constraints"], header: \.header, number: \.number,
      page: page, into: &html
    ) { field, row in
      row.element("td", ["class": "type", "data-label": "Type"]) { cell in
        cell.element("code") { type(field.type, page: page.page, into: &$0) }
      }
      row.element("td", ["class": "presence-cell", "data-label": "Presence"]) { cell in
        let css: String =
          switch field.presence {
          case .required: "presence required"
          case .optional: "presence optional"
          case .defaulted: "presence defaulted"
          }
        if case .defaulted(let value) = field.presence {
          cell.element("span", ["class": css]) { span in
            span.text("default ")
            span.element("code", value)
          }
        } else {
          cell.element("span", ["class": css], field.presence.text)
        }
      }
      row.element("td", ["class": "constraints", "data-label": "Constraints"]) { cell in
        constraintList(field.constraints, into: &cell)
      }
    }
  }

  static func constraintList(
    _ constraints: [DocConstraint], separator: String = "<br>", into html: inout HTMLWriter
  ) {
    for (offset, phrase) in constraints.enumerated() {
      if offset > 0 { html.trusted(separator) }
      html.text(phrase.text)
      if let code = phrase.code {
        html.text(" ")
        html.element("code", code)
      }
      if let source = phrase.source { html.element("span", ["class": "muted"], " (from \(source))") }
    }
  }

  /// The member table of an enum: number, case and description, one row a case.
  static func caseTable(_ cases: [DocCase], page: ContractPage, into html: inout HTMLWriter) {
    memberTable(cases, headings: ["Case"], header: \.header, number: \.number, page: page, into: &html) {
      _, _ in
    }
  }

  /// The member table of a union: number, variant, carried type, constraints and description,
  /// one row a variant.
  static func variantTable(_ variants: [DocVariant], page: ContractPage, into html: inout HTMLWriter) {
    memberTable(
      variants, headings: ["Variant", "Carries", "Constraints"], header: \.header, number: \.number,
      page: page, into: &html
    ) { variant, row in
      row.element("td", ["class": "type", "data-label": "Type"]) { cell in
        cell.element("code") { type(variant.type, page: page.page, into: &$0) }
      }
      row.element("td", ["class": "constraints", "data-label": "Constraints"]) { cell in
        constraintList(variant.constraints, into: &cell)
      }
    }
  }

  /// A table of numbered members (fields, cases or variants), one row a member, anchored at it:
  /// its number, its name with badges, the cells `columns` writes (under `headings`), and its
  /// deprecation note and doc.
  ///
  /// ```html
  /// <div class="table-wrap"><table class="members"><thead><tr><th class="num">#</th><th>Case</th>
  /// <th>Description</th></tr></thead><tbody>
  /// <tr id="…"><td class="num">1</td><td class="name"><a class="anchor" href="#…"><code>paid</code>
  /// </a></td><td class="doc">…</td></tr></tbody></table></div>
  /// ```
  static func memberTable<Member>(
    _ members: [Member], headings: [String], header: (Member) -> DocHeader, number: (Member) -> Int,
    page: ContractPage, into html: inout HTMLWriter, columns: (Member, inout HTMLWriter) -> Void
  ) {
    html.element("div", ["class": "table-wrap"]) { wrap in
      wrap.element("table", ["class": "members"]) { table in
        table.trusted(
          "<thead><tr><th class=\"num\">#</th>" + headings.map { "<th>\($0)</th>" }.joined()
            + "<th>Description</th></tr></thead>")
        table.open("tbody")
        for member in members {
          let header = header(member)
          table.newline()
          table.element("tr", ["id": header.anchor, "class": header.deprecation != nil ? "deprecated" : nil])
          {
            row in
            row.element("td", ["class": "num"], "\(number(member))")
            row.element("td", ["class": "name"]) { cell in
              cell.element("a", ["class": "anchor", "href": "#" + header.anchor]) {
                $0.element("code", header.name)
              }
              badges(header, into: &cell)
            }
            columns(member, &row)
            row.element("td", ["class": "doc"]) { cell in
              deprecationNote(header, into: &cell)
              docText(header.doc, page: page.page, into: &cell)
            }
          }
        }
        table.close("tbody")
      }
    }
  }
}
