import ParleyFrontEnd

/// One problem in a `parley-config.json` file, located at the offending key or value.
///
/// ```swift
/// ConfigurationProblem(at: SourceLocation(path: "parley-config.json", line: 2, column: 3),
///                      "unknown key 'acessLevel'; did you mean 'accessLevel'?")
/// // renders: parley-config.json:2:3: error: unknown key 'acessLevel'; did you mean 'accessLevel'?
/// ```
public struct ConfigurationProblem: Hashable, Sendable, CustomStringConvertible {
  /// Where the problem is: the configuration file's path, 1-based line and column (in Unicode
  /// scalars), like contract diagnostics.
  public var location: SourceLocation
  /// What is wrong, as one sentence without a trailing period.
  public var message: String

  /// Creates a problem.
  public init(at location: SourceLocation, _ message: String) {
    self.location = location
    self.message = message
  }

  /// `path:line:column: error: message`, the form compilers and editors understand.
  public var description: String { "\(location): error: \(message)" }
}

/// Thrown when a configuration file cannot be read or is not a valid Parley configuration.
///
/// It carries every problem found in the file, not just the first one.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The problems, in file order.
  public var problems: [ConfigurationProblem]

  /// Creates an error from its problems.
  public init(_ problems: [ConfigurationProblem]) { self.problems = problems }

  /// Each problem rendered on its own line (no trailing newline).
  public var description: String { problems.map(\.description).joined(separator: "\n") }
}
