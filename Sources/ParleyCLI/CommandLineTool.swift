import Foundation

/// Dispatches `parley <command> ...` to the registered commands and prints help.
enum CommandLineTool {
  /// Every subcommand, in the order `parley --help` lists them.
  static let commands: [any CLICommand] = [CheckCommand(), GenerateCommand(), CompatCommand(), DocsCommand(), GatewayCommand(), StatusCommand(), CallCommand(), DemoCommand()]

  static func run(_ arguments: [String]) async -> Int32 {
    guard let first = arguments.first else {
      printError(overview)
      return ExitStatus.usage
    }
    if first == "--help" || first == "-h" || first == "help" {
      if arguments.count > 1, let command = command(named: arguments[1]) {
        print(command.help)
      } else {
        print(overview)
      }
      return ExitStatus.success
    }
    guard let command = command(named: first) else {
      printError("error: unknown command '\(first)'\n\n\(overview)")
      return ExitStatus.usage
    }
    let rest = Array(arguments.dropFirst())
    if rest.contains("--help") || rest.contains("-h") {
      print(command.help)
      return ExitStatus.success
    }
    return await command.run(rest)
  }

  static func command(named name: String) -> (any CLICommand)? {
    commands.first { $0.name == name }
  }

  static var overview: String {
    let width = commands.map(\.name.count).max() ?? 0
    let list = commands.map { command in
      "  " + command.name + String(repeating: " ", count: width - command.name.count + 2) + command.summary
    }
    return """
      parley: typed inter-process communication for Swift, built from contracts.

      usage: parley <command> [options]

      commands:
      \(list.joined(separator: "\n"))

      Run 'parley <command> --help' for a command's options.
      """
  }
}

/// Writes a line to standard error.
func printError(_ text: String) {
  var line = text
  if !line.hasSuffix("\n") { line += "\n" }
  FileHandle.standardError.write(Data(line.utf8))
}
