/// A subscription's topic pattern: dot-separated segments where `*` matches exactly one segment
/// and a final `**` matches any number of remaining segments (zero or more).
///
/// ```swift
/// let pattern = try TopicPattern("shop.orders.*")
/// pattern.matches("shop.orders.orderShipped")   // true
/// pattern.matches("shop.orders")                // false
/// try TopicPattern("shop.**").matches("shop.orders.orderShipped")   // true
/// ```
public struct TopicPattern: Sendable, Hashable, CustomStringConvertible {
  private let segments: [Substring]

  /// The pattern as written.
  public let description: String

  /// Parses a pattern.
  /// - Throws: ``ParleyError`` `VALIDATION_FAILED` for an empty pattern or segment, or a `**`
  ///   that is not the last segment.
  public init(_ text: String) throws(ParleyError) {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    func invalid(_ why: String) -> ParleyError {
      .validationFailed(
        [ParleyError.Violation(path: "topic", message: why)], message: "bad topic pattern \"\(text)\": \(why)"
      )
    }
    guard !text.isEmpty, text.utf8.count <= 512 else { throw invalid("must have 1 to 512 bytes") }
    for (index, part) in parts.enumerated() {
      if part.isEmpty { throw invalid("has an empty segment") }
      if part == "**", index != parts.count - 1 { throw invalid("\"**\" may only be the last segment") }
      if part != "*", part != "**", part.contains("*") { throw invalid("\"*\" must be a whole segment") }
    }
    segments = parts
    description = text
  }

  /// Whether `topic` (e.g. `shop.orders.orderShipped`) matches.
  public func matches(_ topic: String) -> Bool {
    let parts = topic.split(separator: ".", omittingEmptySubsequences: false)
    var index = 0
    for segment in segments {
      if segment == "**" { return true }
      guard index < parts.count else { return false }
      if segment != "*", segment != parts[index] { return false }
      index += 1
    }
    return index == parts.count
  }
}
