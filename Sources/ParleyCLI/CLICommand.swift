/// One `parley` subcommand.
///
/// To add a command: write a type conforming to `CLICommand` in its own file and list it in
/// `CommandLineTool.commands`. Exit statuses: 0 success, 1 the command found problems (diagnostics,
/// breaking changes, a failed call), 2 usage errors.
protocol CLICommand: Sendable {
  /// The word after `parley`, e.g. `check`.
  var name: String { get }
  /// One line for `parley --help`.
  var summary: String { get }
  /// The full help text for `parley NAME --help`, starting with a `usage:` line.
  var help: String { get }
  /// Runs the command with the arguments after its name; returns the process exit status.
  func run(_ arguments: [String]) async -> Int32
}

/// Exit statuses shared by every command.
enum ExitStatus {
  static let success: Int32 = 0
  static let failure: Int32 = 1
  static let usage: Int32 = 2
}
