import ParleyCompat
import ParleyFrontEnd

/// The changelog between two versions of the contracts, from the compatibility checker.
public enum Changelog {
  /// The compatibility checker's Markdown changelog of `new` against `old`.
  @Sendable public static func render(old: ContractSet, new: ContractSet) -> String {
    "The compatibility checker's changelog is not available in this build."
  }
}
