import ParleyFrontEnd

/// The whole generation pipeline for a list of contract files, shared by `parley generate` and
/// the build-tool plugin's tool: load and check (front end) → generate (Swift generator) → lay
/// out (``OutputLayout``) → write changed files (``OutputWriter``). Nothing is written when any
/// stage finds a problem.
///
/// ```swift
/// let outcome = SwiftGenerationRun.run(
///   paths: ["Sources/Shop/shop/orders.ipc"], root: "Sources/Shop", options: options, outputDirectory: "out")
/// print(outcome.problems, terminator: "")
/// ```
public enum SwiftGenerationRun {
  /// What a run did.
  public struct Outcome: Sendable {
    /// Every diagnostic and problem, rendered one per line as `path:line:column: severity: message`
    /// (warnings included); empty when there were none.
    public var problems: String
    /// Whether the files were written (no errors).
    public var succeeded: Bool
    /// Which files were written or left unchanged; `nil` when the run failed.
    public var report: OutputWriteReport?
  }

  /// Generates one Swift file per contract in `paths` into `outputDirectory`.
  ///
  /// - Parameters:
  ///   - paths: contract files (not folders); imported files are loaded and checked, not generated.
  ///   - root: the folder output names and headers are relative to (`root/shop/orders.ipc` →
  ///     `shop_orders.swift`); must be absolute when `paths` are, relative when they are.
  ///   - options: what to generate.
  ///   - outputDirectory: where to write; created if needed.
  public static func run(
    paths: [String], root: String, options: SwiftGeneratorOptions, outputDirectory: String
  ) -> Outcome {
    let result = FrontEnd.load(paths: paths, options: FrontEnd.Options(root: root))
    var problems = DiagnosticRenderer.render(result.diagnostics)
    guard !result.hasErrors else { return Outcome(problems: problems, succeeded: false, report: nil) }

    let sources = SwiftGenerator.generate(result.contracts, options: options)
    var pathByRelativePath: [String: String] = [:]
    for contract in result.contracts.requestedContracts {
      pathByRelativePath[contract.relativePath] = contract.path
    }
    do {
      let files = try OutputLayout.plan(sources) { pathByRelativePath[$0.sourcePath] ?? $0.sourcePath }
      let report = try OutputWriter.write(files, to: outputDirectory)
      return Outcome(problems: problems, succeeded: true, report: report)
    } catch let error as OutputLayoutError {
      problems += error.description + "\n"
    } catch {
      problems += String(describing: error) + "\n"
    }
    return Outcome(problems: problems, succeeded: false, report: nil)
  }
}
