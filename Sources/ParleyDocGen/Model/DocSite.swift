import ParleyFrontEnd

/// The page model of the generated docs: everything a renderer shows, already decided
/// (names, anchors, links, constraint wording, examples). Renderers only lay it out.
public struct DocSite: Hashable, Sendable {
  /// The site title, e.g. `API reference`.
  public var title: String
  /// One page per contract, sorted by contract name (bytes).
  public var contracts: [ContractPage]
  /// The changes since an older version, when one was given (`--against` / `--old`).
  public var changelog: DocChangelog?

  /// Creates a site.
  public init(title: String, contracts: [ContractPage], changelog: DocChangelog? = nil) {
    self.title = title
    self.contracts = contracts
    self.changelog = changelog
  }
}

/// The changelog section: the compatibility checker's Markdown report, parsed for display.
public struct DocChangelog: Hashable, Sendable {
  /// The report as the checker rendered it.
  public var markdown: String
  /// The same, parsed as the safe Markdown subset.
  public var text: DocText

  /// Creates a changelog.
  public init(markdown: String, text: DocText) {
    self.markdown = markdown
    self.text = text
  }
}

/// The page of one contract.
public struct ContractPage: Hashable, Sendable {
  /// The full contract name, e.g. `shop.orders`.
  public var name: String
  /// The contract version.
  public var version: Int
  /// The file, relative to the load root, e.g. `orders/orders.ipc`.
  public var path: String
  /// The contract's doc comment.
  public var doc: DocText
  /// Whether the contract was only loaded because another one imports it.
  public var isImportedOnly: Bool
  /// The contracts it imports (links to their pages).
  public var imports: [DocReferenceLink]
  /// Services in source order.
  public var services: [DocDeclaration]
  /// Structs, enums, unions and distinct types in source order.
  public var types: [DocDeclaration]
  /// Errors in source order.
  public var errors: [DocDeclaration]

  /// The page name (see ``Anchors/page(of:)``).
  public var page: String { Anchors.page(of: name) }

  /// Creates a page.
  public init(
    name: String, version: Int, path: String, doc: DocText, isImportedOnly: Bool, imports: [DocReferenceLink],
    services: [DocDeclaration], types: [DocDeclaration], errors: [DocDeclaration]
  ) {
    self.name = name
    self.version = version
    self.path = path
    self.doc = doc
    self.isImportedOnly = isImportedOnly
    self.imports = imports
    self.services = services
    self.types = types
    self.errors = errors
  }
}

/// What every documented element has: a name, an anchor, its doc and availability.
public struct DocHeader: Hashable, Sendable {
  /// The element's name as written in the contract.
  public var name: String
  /// Its anchor on the page (see ``Anchors``).
  public var anchor: String
  /// The parsed doc comment.
  public var doc: DocText
  /// `@since(N)`.
  public var since: Int?
  /// `@deprecated`, with its reason.
  public var deprecation: Deprecation?
  /// Marked `@internal` (shown only with ``DocOptions/includeInternal``).
  public var isInternal: Bool

  /// Creates a header.
  public init(
    name: String, anchor: String, doc: DocText, since: Int?, deprecation: Deprecation?, isInternal: Bool
  ) {
    self.name = name
    self.anchor = anchor
    self.doc = doc
    self.since = since
    self.deprecation = deprecation
    self.isInternal = isInternal
  }
}

/// A link with its text, e.g. `OrderService.getOrder` in a "used by" list.
public struct DocReferenceLink: Hashable, Sendable {
  /// The text shown.
  public var text: String
  /// How it is used (`field`, `request`, `response`, `variant`, `throws`), if that matters.
  public var role: String?
  /// The target; `nil` when it is not documented (hidden).
  public var link: DocLink?

  /// Creates a link.
  public init(text: String, role: String? = nil, link: DocLink?) {
    self.text = text
    self.role = role
    self.link = link
  }
}

/// A type as shown in signatures and tables, with every named type linked.
public indirect enum DocType: Hashable, Sendable {
  /// A built-in type such as `String`.
  case builtin(String)
  /// A declared type, shown as `Order` (same contract) or `common.Money` (another contract).
  case named(String, link: DocLink?)
  /// `[T]`.
  case list(DocType)
  /// `[K: V]`.
  case map(DocType, DocType)
  /// `T?`.
  case optional(DocType)

  /// The type as text: `[LineItem]`, `common.Money?`.
  public var text: String {
    switch self {
    case .builtin(let name), .named(let name, _): name
    case .list(let element): "[\(element.text)]"
    case .map(let key, let value): "[\(key.text): \(value.text)]"
    case .optional(let wrapped): "\(wrapped.text)?"
    }
  }

  /// Every named type in it, in order.
  public var namedTypes: [(name: String, link: DocLink?)] {
    switch self {
    case .builtin: []
    case .named(let name, let link): [(name, link)]
    case .list(let element), .optional(let element): element.namedTypes
    case .map(let key, let value): key.namedTypes + value.namedTypes
    }
  }
}
