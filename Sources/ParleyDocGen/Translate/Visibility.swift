import ParleyFrontEnd

/// Decides what the docs hide: elements whose doc comment has a line that is exactly `@internal`.
///
/// ```
/// /// Used by the back office only.
/// /// @internal
/// rpc rebuildIndex() -> ()
/// ```
///
/// Hidden elements are left out of every page, the search index and the JSON model, unless
/// ``DocOptions/includeInternal`` is set (then they carry an "internal" badge). Links to a hidden
/// declaration render as plain text. Required fields stay in generated examples even when
/// hidden, because a request without them would be refused.
public enum Visibility {
  /// The marker line.
  public static let marker = "@internal"

  /// Whether `doc` marks its element internal.
  public static func isInternal(_ doc: String?) -> Bool {
    guard let doc else { return false }
    return doc.split(separator: "\n", omittingEmptySubsequences: false).contains {
      $0.trimmingCharacters(in: .whitespaces) == marker
    }
  }

  /// `doc` without the marker line, or `nil` when nothing else remains.
  public static func strippingMarker(_ doc: String?) -> String? {
    guard let doc else { return nil }
    let lines = doc.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let kept = lines.map { $0.trimmingCharacters(in: .whitespaces) == marker ? "" : $0 }
    let text = kept.joined(separator: "\n")
    return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
  }
}

extension Character {
  static let whitespaces: Set<Character> = [" ", "\t"]
  static let whitespacesAndNewlines: Set<Character> = [" ", "\t", "\n", "\r"]
}

extension StringProtocol {
  /// The text without leading and trailing characters from `set`.
  func trimmingCharacters(in set: Set<Character>) -> String {
    var slice = self[...]
    while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
    while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
    return String(slice)
  }
}
