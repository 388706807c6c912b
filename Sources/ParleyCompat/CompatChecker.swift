import ParleyFrontEnd

/// The compatibility checker as one call: diff → filter → report.
///
/// ```swift
/// let report = CompatChecker.check(old: baseline.contracts, new: current.contracts)
/// print(CompatTextRenderer.render(report), terminator: "")
/// exit(report.failed ? 1 : 0)
/// ```
public enum CompatChecker {
  /// Compares `old` with `new` (and older baselines in `history`) and filters the findings by
  /// `options`, applying `acknowledgements`. `baselineLabel` prefixes the paths of baseline
  /// locations and `lock` adds a lock file's history (see
  /// ``CompatDiffer/diff(old:new:history:lock:baselineLabel:)``).
  public static func check(
    old: ContractSet, new: ContractSet, history: [ContractSet] = [], options: CompatOptions = CompatOptions(),
    acknowledgements: Acknowledgements = Acknowledgements(), lock: MemberHistory = MemberHistory(),
    baselineLabel: String? = nil
  ) -> CompatReport {
    CompatReport(
      findings: CompatDiffer.diff(
        old: old, new: new, history: history, lock: lock, baselineLabel: baselineLabel),
      options: options,
      acknowledgements: acknowledgements)
  }

  /// The Markdown changelog between two versions of the contracts, for `parley docs --against`:
  /// every change, breaking ones first per contract, or `No contract changes.`.
  ///
  /// - Parameters:
  ///   - headingLevel: the Markdown level of the per-contract headings (default 2, `##`).
  public static func changelog(
    old: ContractSet, new: ContractSet, options: CompatOptions = CompatOptions(), headingLevel: Int = 2
  ) -> String {
    CompatMarkdownRenderer.render(check(old: old, new: new, options: options), headingLevel: headingLevel)
  }
}
