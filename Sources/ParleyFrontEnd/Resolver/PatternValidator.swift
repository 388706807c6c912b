/// Checks `@pattern` regular expressions with Swift's own `Regex` parser.
enum PatternValidator {
  /// A description of what is wrong with `pattern`, or `nil` when it compiles.
  static func problem(in pattern: String) -> String? {
    do {
      _ = try Regex(pattern)
      return nil
    } catch {
      let text = String(describing: error)
      return text.isEmpty ? "it does not compile" : text
    }
  }

}
