import ParleyCompat
import ParleyFrontEnd

/// The changelog between two versions of the contracts, from the compatibility checker.
public enum Changelog {
  /// The compatibility checker's Markdown changelog of `new` against `old`, with per-contract
  /// headings at level 3 (they sit under the docs' own "Changelog" heading).
  @Sendable public static func render(old: ContractSet, new: ContractSet) -> String {
    CompatChecker.changelog(old: old, new: new, headingLevel: 3)
  }
}
