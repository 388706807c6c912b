/// A position in a contract file: the file's path as the user gave it, a 1-based line and a
/// 1-based column counted in Unicode scalars.
///
/// Every node of the resolved model and every ``Diagnostic`` carries one, so that messages can
/// point at the offending token: `orders.ipc:14:3`.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The file's path as shown to the user (relative when the user passed relative paths).
  public var path: String
  /// The 1-based line number.
  public var line: Int
  /// The 1-based column number, in Unicode scalars.
  public var column: Int

  /// Creates a location.
  public init(path: String, line: Int, column: Int) {
    self.path = path
    self.line = line
    self.column = column
  }

  /// `path:line:column`, the form compilers and editors understand.
  public var description: String { "\(path):\(line):\(column)" }

  /// Orders by path (bytes), then line, then column.
  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    if lhs.path != rhs.path { return Array(lhs.path.utf8).lexicographicallyPrecedes(rhs.path.utf8) }
    if lhs.line != rhs.line { return lhs.line < rhs.line }
    return lhs.column < rhs.column
  }
}
