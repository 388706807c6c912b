/// A doc comment parsed as the safe Markdown subset (see ``DocMarkdownParser``): what renderers
/// turn into HTML or Markdown. Everything outside the subset is kept as plain text.
public struct DocText: Hashable, Sendable {
  /// The blocks in order.
  public var blocks: [DocBlock]

  /// Creates a text.
  public init(blocks: [DocBlock] = []) { self.blocks = blocks }

  /// Whether there is nothing to show.
  public var isEmpty: Bool { blocks.isEmpty }

  /// The text without markup, blocks separated by spaces (for search and summaries).
  public var plainText: String {
    blocks.map { block in
      switch block {
      case .paragraph(let inlines), .heading(_, let inlines): DocInline.plain(inlines)
      case .list(_, let items): items.map(DocInline.plain).joined(separator: " ")
      case .code(let text): text
      }
    }.joined(separator: " ")
  }

  /// The first sentence of the plain text (up to the first `. `), for one-line summaries.
  public var summary: String {
    let text = plainText
    var searchStart = text.startIndex
    while let range = text.range(of: ". ", range: searchStart..<text.endIndex) {
      let before = text[..<range.lowerBound]
      let lastWord = before.split(separator: " ").last.map(String.init) ?? ""
      if !["e.g", "i.e", "etc", "vs", "cf"].contains(lastWord.lowercased()) {
        return String(before) + "."
      }
      searchStart = range.upperBound
    }
    return text
  }
}

/// A block of a doc comment.
public enum DocBlock: Hashable, Sendable {
  /// A paragraph of inline content.
  case paragraph([DocInline])
  /// A bulleted (`- item`) or numbered (`1. item`) list; each item is inline content.
  case list(ordered: Bool, items: [[DocInline]])
  /// A fenced code block (```` ``` ````), shown verbatim.
  case code(String)
  /// A heading (`# Title` … `#### Title`), demoted by renderers below the element's own heading.
  case heading(level: Int, [DocInline])
}

/// Inline content of a doc comment.
public indirect enum DocInline: Hashable, Sendable {
  /// Plain text (renderers escape it).
  case text(String)
  /// A code span: `` `x` ``.
  case code(String)
  /// `*x*` or `_x_`.
  case emphasis([DocInline])
  /// `**x**` or `__x__`.
  case strong([DocInline])
  /// `[text](url)` with an allowed URL (`http:`, `https:`, `mailto:` or a `#fragment`).
  case link([DocInline], url: String)
  /// `[TypeName]` or `[Type.member]`: a checked link to a documented element; `target` is `nil`
  /// when it does not resolve (rendered as plain code then, and reported as a diagnostic).
  case reference(String, target: DocLink?)

  /// The plain text of `inlines`.
  public static func plain(_ inlines: [DocInline]) -> String {
    inlines.map { inline in
      switch inline {
      case .text(let text), .code(let text): text
      case .emphasis(let inner), .strong(let inner), .link(let inner, _): plain(inner)
      case .reference(let name, _): name
      }
    }.joined()
  }
}

/// Where an element is documented: a page (the contract's full name, or `index`) and an anchor.
public struct DocLink: Hashable, Sendable, Comparable {
  /// The page, without extension: a contract's full name such as `shop.orders`.
  public var page: String
  /// The anchor within the page, e.g. `Order.id` (see ``Anchors``).
  public var anchor: String

  /// Creates a link.
  public init(page: String, anchor: String) {
    self.page = page
    self.anchor = anchor
  }

  /// Orders by page, then anchor (bytes).
  public static func < (lhs: DocLink, rhs: DocLink) -> Bool {
    if lhs.page != rhs.page { return Array(lhs.page.utf8).lexicographicallyPrecedes(rhs.page.utf8) }
    return Array(lhs.anchor.utf8).lexicographicallyPrecedes(rhs.anchor.utf8)
  }
}
