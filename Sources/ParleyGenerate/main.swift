// `parley-generate`: the generator alone, as the build-tool plugin runs it.
//
// The plugin cannot run `parley` itself: `parley demo` depends on a target (ParleyExamples) that
// uses the plugin, and a plugin's tool must not depend on the plugin's users. This executable is
// `parley generate` without the rest of the CLI: it compiles the very same GenerateCommand,
// ContractInputs and CLICommand sources (symbolic links to Sources/ParleyCLI), so both produce
// byte-identical files. `parley-generate generate ARGS` and `parley-generate ARGS` are the same.
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a line to standard error.
func printError(_ text: String) {
  var line = text
  if !line.hasSuffix("\n") { line += "\n" }
  FileHandle.standardError.write(Data(line.utf8))
}

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "generate" { arguments.removeFirst() }
let command = GenerateCommand()
if arguments.contains("--help") || arguments.contains("-h") {
  print(command.help)
  exit(ExitStatus.success)
}
exit(await command.run(arguments))
