import ParleyFrontEnd

/// The docs generator: resolved contracts → page model → rendered files, as typed stages.
///
/// ```swift
/// let loaded = FrontEnd.load(paths: paths)
/// let output = DocGenerator.generate(loaded.contracts, options: DocOptions(format: .html))
/// for diagnostic in output.diagnostics { print(diagnostic) }
/// try SiteWriter.write(output.site, to: "site")
/// ```
///
/// Each stage is a function tests can call alone: ``translate(_:options:changelog:)`` builds the
/// ``DocSite``; ``render(_:contracts:options:)`` lays it out in the chosen format. Output is
/// deterministic: no timestamps, no machine paths, everything sorted by bytes.
public enum DocGenerator {
  /// Renders the changelog between an old and a new set of contracts as Markdown.
  public typealias ChangelogRenderer = @Sendable (_ old: ContractSet, _ new: ContractSet) -> String

  /// What ``generate(_:options:previous:changelog:)`` returns.
  public struct Output: Sendable {
    /// The files to write.
    public var site: RenderedSite
    /// Warnings (and errors) found on the way, sorted by location.
    public var diagnostics: [DocDiagnostic]
    /// The page model the files were rendered from.
    public var model: DocSite

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
  }

  /// The *translate* stage.
  public static func translate(_ contracts: ContractSet, options: DocOptions, changelog: String? = nil)
    -> (DocSite, [DocDiagnostic])
  {
    var builder = SiteBuilder(contracts, options: options)
    let site = builder.build(changelog: changelog)
    return (site, builder.diagnostics)
  }

  /// The *render* stage.
  public static func render(_ site: DocSite, contracts: ContractSet, options: DocOptions) -> RenderedSite {
    switch options.format {
    case .html: HTMLRenderer.render(site)
    case .markdown: MarkdownRenderer.render(site)
    case .json: JSONModelRenderer.render(contracts, site: site, includeInternal: options.includeInternal)
    }
  }

  /// Runs every stage. With `previous` (the contracts of an older version), a changelog section
  /// rendered by `changelog` is added.
  public static func generate(
    _ contracts: ContractSet, options: DocOptions, previous: ContractSet? = nil,
    changelog: ChangelogRenderer = Changelog.render
  ) -> Output {
    let log = previous.map { changelog($0, contracts) }
    let (site, diagnostics) = translate(contracts, options: options, changelog: log)
    return Output(
      site: render(site, contracts: contracts, options: options), diagnostics: diagnostics, model: site)
  }
}
