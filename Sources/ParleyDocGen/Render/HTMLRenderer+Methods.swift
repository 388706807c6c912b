extension HTMLRenderer {
  /// One method: signature, facts (errors, timeout, idempotency), doc and examples.
  static func method(_ method: DocMethod, service: String, page: ContractPage, into html: inout HTMLWriter) {
    let header = method.header
    html.newline()
    html.element(
      "article",
      ["class": "method" + (header.deprecation != nil ? " is-deprecated" : ""), "id": header.anchor]
    ) { article in
      article.element("h4") { h in
        kindBadge(method.kind.rawValue, into: &h)
        h.text(" ")
        h.element("a", ["class": "anchor", "href": "#" + header.anchor]) { $0.element("code", header.name) }
        badges(header, into: &h)
        if method.isIdempotent {
          h.element(
            "span", ["class": "badge badge-idempotent", "title": "The runtime may retry this call"],
            "idempotent")
        }
        if let timeout = method.timeout {
          h.element("span", ["class": "badge badge-timeout"], "timeout \(timeout)")
        }
      }
      article.element("pre", ["class": "signature"]) { pre in
        pre.element("code") { code in signature(method, page: page.page, into: &code) }
      }
      deprecationNote(header, into: &article)
      if !header.doc.isEmpty {
        article.element("div", ["class": "doc"]) { docText(header.doc, page: page.page, into: &$0) }
      }
      article.element("dl", ["class": "facts"]) { facts in
        facts.element("dt", "Kind")
        facts.element("dd", kindDescription(method))
        if !method.errors.isEmpty {
          facts.element("dt", "Errors")
          facts.element("dd") { dd in
            for (offset, error) in method.errors.enumerated() {
              if offset > 0 { dd.text(", ") }
              if let target = href(error.link, from: page.page) {
                dd.element("a", ["href": target]) { $0.element("code", error.name) }
              } else {
                dd.element("code", error.name)
              }
              if let code = error.code { dd.element("span", ["class": "muted"], " (\(code))") }
            }
          }
        }
        facts.element("dt", "Timeout")
        facts.element("dd", method.timeout ?? "the caller's default")
        if method.kind == .rpc || method.kind == .stream || method.kind == .oneway {
          facts.element("dt", "Retries")
          facts.element(
            "dd",
            method.isIdempotent
              ? "idempotent: the runtime may retry it after a lost connection or timeout"
              : "not idempotent: retried only when it certainly did not run")
        }
        if let since = header.since {
          facts.element("dt", "Since")
          facts.element("dd", "contract version \(since)")
        }
      }
      article.element("details", ["class": "example", "open": ""]) { details in
        details.element("summary", "Example")
        details.element("div", ["class": "example-grid", "id": Anchors.example(service, header.name)]) {
          grid in
          for payload in method.example.payloads {
            grid.element("figure") { figure in
              figure.element("figcaption", payload.label + " (JSON)")
              figure.element("pre") { $0.element("code", ["class": "json"], payload.json) }
            }
          }
          grid.element("figure", ["class": "swift"]) { figure in
            figure.element("figcaption", "Swift, with the generated client")
            figure.element("pre") { $0.element("code", ["class": "swift"], method.swiftSnippet) }
          }
        }
      }
    }
  }

  /// `rpc getOrder(GetOrderRequest) -> Order throws OrderNotFound`, with links.
  static func signature(_ method: DocMethod, page: String, into html: inout HTMLWriter) {
    html.element("span", ["class": "keyword"], method.kind.rawValue)
    html.text(" \(method.header.name)(")
    if let request = method.request { type(request, page: page, into: &html) }
    html.text(")")
    if method.kind == .rpc || method.kind == .stream {
      html.text(" -> ")
      if let response = method.response { type(response, page: page, into: &html) } else { html.text("()") }
    }
    if !method.errors.isEmpty {
      html.text(" ")
      html.element("span", ["class": "keyword"], "throws")
      html.text(" ")
      for (offset, error) in method.errors.enumerated() {
        if offset > 0 { html.text(", ") }
        if let target = href(error.link, from: page) {
          html.element("a", ["href": target], error.name)
        } else {
          html.text(error.name)
        }
      }
    }
  }

  static func kindDescription(_ method: DocMethod) -> String {
    switch method.kind {
    case .rpc: "rpc — request and reply"
    case .oneway: "oneway — fire-and-forget: no reply, no error"
    case .event: "event — published by the service to every subscriber"
    case .stream: "stream — the service sends many items, then ends or fails"
    }
  }

  // MARK: Doc comments

  /// A parsed doc comment; headings are demoted below the element's own heading, unless
  /// `realHeadings` (the changelog), where they become `<h3>`…`<h5>`.
  static func docText(_ text: DocText, page: String, realHeadings: Bool = false, into html: inout HTMLWriter)
  {
    for block in text.blocks {
      switch block {
      case .paragraph(let inlines):
        html.element("p") { inline(inlines, page: page, into: &$0) }
      case .heading(let level, let inlines) where realHeadings:
        html.element("h\(min(max(level, 3), 5))") { inline(inlines, page: page, into: &$0) }
      case .heading(_, let inlines):
        html.element("p", ["class": "doc-heading"]) { p in
          p.element("strong") { inline(inlines, page: page, into: &$0) }
        }
      case .list(let ordered, let items):
        html.element(ordered ? "ol" : "ul") { list in
          for item in items { list.element("li") { inline(item, page: page, into: &$0) } }
        }
      case .code(let code):
        html.element("pre") { $0.element("code", code) }
      }
    }
  }

  static func inline(_ inlines: [DocInline], page: String, into html: inout HTMLWriter) {
    for item in inlines {
      switch item {
      case .text(let text): html.text(text)
      case .code(let code): html.element("code", code)
      case .emphasis(let inner): html.element("em") { inline(inner, page: page, into: &$0) }
      case .strong(let inner): html.element("strong") { inline(inner, page: page, into: &$0) }
      case .link(let inner, let url):
        html.element("a", ["href": url]) { inline(inner, page: page, into: &$0) }
      case .reference(let name, let target):
        if let link = href(target, from: page) {
          html.element("a", ["href": link]) { $0.element("code", name) }
        } else {
          html.element("code", name)
        }
      }
    }
  }
}
