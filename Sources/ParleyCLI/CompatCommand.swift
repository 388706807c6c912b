import Foundation
import ParleyCompiler

/// `parley compat`: classifies every change between two versions of contracts as breaking or not,
/// per direction and wire. The work is done by ``CompatCommandLine`` in ParleyCompat; this command
/// supplies the shared folder expansion and prints the outcome.
struct CompatCommand: CLICommand {
  let name = "compat"
  let summary = "Check two versions of contracts for breaking changes."
  var help: String { CompatCommandLine.help }

  func run(_ arguments: [String]) async -> Int32 {
    let environment = CompatCommandLine.Environment(expand: { arguments in
      let expansion = ContractInputs.expand(arguments)
      return (expansion.paths, expansion.problems)
    })
    let outcome = CompatCommandLine.run(arguments, environment: environment)
    if !outcome.standardOutput.isEmpty { FileHandle.standardOutput.write(Data(outcome.standardOutput.utf8)) }
    if !outcome.standardError.isEmpty { FileHandle.standardError.write(Data(outcome.standardError.utf8)) }
    return outcome.status
  }
}
