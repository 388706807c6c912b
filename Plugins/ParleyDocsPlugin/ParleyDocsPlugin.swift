import Foundation
import PackagePlugin

/// `swift package parley-docs`: runs `parley docs` on the package's contracts.
///
/// Without operands it documents every `.ipc` file of the package's Swift targets (or only of
/// those named with `--target NAME`), falling back to a `Contracts/` folder; without `--output`
/// it writes to `parley-docs/` in the package directory. Every other argument is passed to
/// `parley docs` as is (see `docs/docs-generator.md`):
///
/// ```
/// swift package --allow-writing-to-package-directory parley-docs --format markdown --output docs/api
/// swift package parley-docs --check --output docs/api      # CI: fails when the docs are stale
/// ```
@main
struct ParleyDocsPlugin: CommandPlugin {
  /// The `parley` executable, which the plugin sees under its target's name.
  static let toolName = "ParleyCLI"

  func performCommand(context: PluginContext, arguments: [String]) async throws {
    let tool = try context.tool(named: Self.toolName).url
    let packageDirectory = context.package.directoryURL
    var extractor = ArgumentExtractor(arguments)
    let targetNames = extractor.extractOption(named: "target")
    let passed = extractor.remainingArguments
    var invocation = ["docs"] + passed
    if !DocsArguments.hasOperands(passed) {
      var contracts: [String] = []
      for target in context.package.targets {
        guard let swiftTarget = target as? SwiftSourceModuleTarget else { continue }
        guard targetNames.isEmpty || targetNames.contains(target.name) else { continue }
        contracts += swiftTarget.sourceFiles.map(\.url).filter { $0.pathExtension == "ipc" }.map(\.path)
      }
      if contracts.isEmpty {
        let folder = packageDirectory.appendingPathComponent("Contracts")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory),
          isDirectory.boolValue
        {
          contracts = [folder.path]
        }
      }
      guard !contracts.isEmpty else {
        Diagnostics.error("parley-docs: no .ipc contracts found; pass files or folders as arguments")
        throw DocsPluginError.noContracts
      }
      invocation += contracts.sorted()
    }
    if !DocsArguments.hasOption("--output", in: passed) && !DocsArguments.hasOption("-o", in: passed) {
      invocation += ["--output", packageDirectory.appendingPathComponent("parley-docs").path]
    }
    let process = Process()
    process.executableURL = tool
    process.arguments = invocation
    process.currentDirectoryURL = packageDirectory
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      Diagnostics.error("parley docs failed with exit status \(process.terminationStatus)")
      throw DocsPluginError.failed(process.terminationStatus)
    }
  }
}

/// Why the plugin failed.
enum DocsPluginError: Error, CustomStringConvertible {
  /// No contracts to document.
  case noContracts
  /// `parley docs` exited with this status.
  case failed(Int32)

  var description: String {
    switch self {
    case .noContracts: "no .ipc contracts found"
    case .failed(let status): "parley docs exited with status \(status)"
    }
  }
}

/// Reads the `parley docs` arguments the user passed through the plugin.
enum DocsArguments {
  /// The options of `parley docs` that take a value.
  static let valued: Set<String> = ["--format", "--output", "-o", "--against", "--old", "--title"]

  /// Whether any argument is a file or folder operand.
  static func hasOperands(_ arguments: [String]) -> Bool {
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument == "--" { return index + 1 < arguments.count }
      if valued.contains(argument) {
        index += 2
        continue
      }
      if !argument.hasPrefix("-") { return true }
      index += 1
    }
    return false
  }

  /// Whether `option` is given.
  static func hasOption(_ option: String, in arguments: [String]) -> Bool { arguments.contains(option) }
}
