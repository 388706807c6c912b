import ParleySwiftGen

/// What `parley docs` generates and how.
public struct DocOptions: Hashable, Sendable {
  /// The output formats.
  public enum Format: String, CaseIterable, Hashable, Sendable {
    /// A static, self-contained HTML site (`index.html` + one page per contract).
    case html
    /// GitHub-flavoured Markdown (`README.md` + one file per contract).
    case markdown
    /// The resolved model as JSON (`contracts.json`), schema in `docs/docs-generator.md`.
    case json
  }

  /// The output format.
  public var format: Format
  /// Show elements marked `@internal` (with a badge) instead of hiding them.
  public var includeInternal: Bool
  /// The title of the index page.
  public var title: String
  /// The Swift generator's options (a `parley-config.json`): the Swift snippets name the
  /// generated types as the generator does with them (`typePrefix`, renames of taken names).
  public var generator: SwiftGeneratorOptions

  /// Creates options; the defaults are HTML, internal items hidden, title "API reference", the
  /// generator's default options.
  public init(
    format: Format = .html, includeInternal: Bool = false, title: String = "API reference",
    generator: SwiftGeneratorOptions = SwiftGeneratorOptions()
  ) {
    self.format = format
    self.includeInternal = includeInternal
    self.title = title
    self.generator = generator
  }
}
