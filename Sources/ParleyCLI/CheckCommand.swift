import ParleyCompiler

/// `parley check FILE|FOLDER…`: parses, resolves and checks contracts and prints every problem.
struct CheckCommand: CLICommand {
  let name = "check"
  let summary = "Check contracts and report every problem."
  let help = """
    usage: parley check <file-or-folder>... [--warnings-as-errors]

    Parses, resolves and checks the given .ipc files (folders are searched recursively for
    .ipc files) together with the files they import. Prints nothing and exits 0 when the
    contracts are clean; otherwise prints every problem as 'path:line:column: error: message'
    on standard error and exits 1. Exits 2 on usage errors.

    options:
      --warnings-as-errors  exit 1 when there are warnings, too
      -h, --help            show this help
    """

  func run(_ arguments: [String]) async -> Int32 {
    var warningsAsErrors = false
    var operands: [String] = []
    var optionsEnded = false
    for argument in arguments {
      if !optionsEnded, argument == "--" {
        optionsEnded = true
      } else if !optionsEnded, argument == "--warnings-as-errors" {
        warningsAsErrors = true
      } else if !optionsEnded, argument.hasPrefix("-"), argument != "-" {
        printError("error: unknown option '\(argument)'\n\n\(help)")
        return ExitStatus.usage
      } else {
        operands.append(argument)
      }
    }
    guard !operands.isEmpty else {
      printError("error: give at least one contract file or folder\n\n\(help)")
      return ExitStatus.usage
    }
    let expansion = ContractInputs.expand(operands)
    for problem in expansion.problems { printError(problem) }
    let result = FrontEnd.load(paths: expansion.paths)
    let text = DiagnosticRenderer.render(result.diagnostics)
    if !text.isEmpty { printError(text) }
    let failed =
      result.hasErrors || !expansion.problems.isEmpty || (warningsAsErrors && !result.diagnostics.isEmpty)
    return failed ? ExitStatus.failure : ExitStatus.success
  }
}
