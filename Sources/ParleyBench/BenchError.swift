/// A failure of the benchmark itself (bad arguments, a child that did not start, a scenario that
/// could not complete), printed as `parley-bench: <description>`.
struct BenchError: Error, CustomStringConvertible {
  /// What went wrong, for a person.
  var description: String

  init(_ description: String) { self.description = description }
}
