import Foundation
import ParleyCompiler

/// `parley generate [--config FILE] [--output DIR] [--root DIR] FILE|FOLDER…`: writes one Swift
/// file per contract, the same files the build-tool plugin generates during `swift build`.
///
/// Stages: arguments → inputs (folders expanded) → configuration → ``SwiftGenerationRun`` (front
/// end → generator → layout → writer, only changed files). Any problem stops before anything is
/// written.
struct GenerateCommand: CLICommand {
  let name = "generate"
  let summary = "Generate Swift code (types, clients, servers) from contracts."
  let help = """
    usage: parley generate [--config FILE] [--output DIR] [--root DIR] <file-or-folder>...

    Checks the given .ipc files (folders are searched recursively for .ipc files) and writes
    one Swift file per contract into the output folder, named after the contract's path relative
    to the root with '/' folded to '_': shop/orders.ipc becomes shop_orders.swift. Imported
    contracts that are not named are used for checking but not generated. A file is rewritten
    only when its content changed. Problems are printed as 'path:line:column: error: message'
    on standard error; nothing is written then and the exit status is 1. Usage errors exit 2.

    options:
      --config FILE  a parley-config.json (access level, parts, type prefix; see docs/plugin.md);
                     default: ROOT/parley-config.json when it exists, otherwise built-in defaults
      --output DIR   where to write the Swift files (created if needed); default: .
      --root DIR     the folder output names are relative to; default: the folder argument, or
                     the closest folder containing every argument
      --verbose      list every file written or left unchanged on standard output
      -h, --help     show this help
    """

  /// The parsed command line.
  struct Arguments: Equatable {
    var config: String?
    var output = "."
    var root: String?
    var verbose = false
    var operands: [String] = []
  }

  func run(_ arguments: [String]) async -> Int32 {
    let parsed: Arguments
    switch Self.parse(arguments) {
    case .success(let value): parsed = value
    case .failure(let problem):
      printError("error: \(problem.message)\n\n\(help)")
      return ExitStatus.usage
    }

    let expansion = ContractInputs.expand(parsed.operands)
    for problem in expansion.problems { printError(problem) }
    guard expansion.problems.isEmpty else { return ExitStatus.failure }

    let (paths, root) = Self.pathsAndRoot(expansion.inputs, root: parsed.root)

    let options: SwiftGeneratorOptions
    do {
      options = try Self.loadOptions(config: parsed.config, root: root)
    } catch {
      printError(error.description)
      return ExitStatus.failure
    }

    let outcome = SwiftGenerationRun.run(
      paths: paths, root: root, options: options, outputDirectory: parsed.output)
    if !outcome.problems.isEmpty { printError(outcome.problems) }
    guard outcome.succeeded, let report = outcome.report else { return ExitStatus.failure }
    if parsed.verbose {
      for name in report.written { print("wrote \(name)") }
      for name in report.unchanged { print("unchanged \(name)") }
    }
    return ExitStatus.success
  }

  // MARK: Stages

  /// A usage problem found while parsing arguments.
  struct UsageProblem: Error, Equatable {
    var message: String
  }

  /// Parses the arguments after `generate`; `--name value` and `--name=value` are both accepted.
  static func parse(_ arguments: [String]) -> Result<Arguments, UsageProblem> {
    var result = Arguments()
    var optionsEnded = false
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
        result.operands.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      if argument == "--verbose" {
        result.verbose = true
        continue
      }
      var name = argument
      var value: String?
      if let equals = argument.firstIndex(of: "=") {
        name = String(argument[..<equals])
        value = String(argument[argument.index(after: equals)...])
      }
      guard ["--config", "--output", "--root"].contains(name) else {
        return .failure(UsageProblem(message: "unknown option '\(argument)'"))
      }
      if value == nil {
        guard index < arguments.count else { return .failure(UsageProblem(message: "\(name) needs a value")) }
        value = arguments[index]
        index += 1
      }
      guard let value, !value.isEmpty else { return .failure(UsageProblem(message: "\(name) needs a value")) }
      switch name {
      case "--config": result.config = value
      case "--output": result.output = value
      default: result.root = value
      }
    }
    guard !result.operands.isEmpty else {
      return .failure(UsageProblem(message: "give at least one contract file or folder"))
    }
    return .success(result)
  }

  /// The contract paths and the root they are named relative to. When one of the root and the
  /// paths is absolute and the other relative, the relative ones are made absolute so that the
  /// front end can relate them.
  static func pathsAndRoot(_ inputs: [ContractInput], root: String?) -> (paths: [String], root: String) {
    var paths = inputs.map(\.path)
    var root = root.map(ContractPath.normalize) ?? commonDirectory(inputs.map(\.baseDirectory))
    let anyAbsolute = root.hasPrefix("/") || paths.contains { $0.hasPrefix("/") }
    if anyAbsolute {
      root = absolute(root)
      paths = paths.map(absolute)
    }
    return (paths, root)
  }

  /// The options from `config`, else from `root/parley-config.json` when that exists, else defaults.
  static func loadOptions(config: String?, root: String) throws(ConfigurationError) -> SwiftGeneratorOptions {
    if let config { return try GeneratorConfiguration.load(contentsOf: config) }
    let implicit =
      root == "." ? GeneratorConfiguration.fileName : root + "/" + GeneratorConfiguration.fileName
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: implicit, isDirectory: &isDirectory), !isDirectory.boolValue {
      return try GeneratorConfiguration.load(contentsOf: implicit)
    }
    return SwiftGeneratorOptions()
  }

  /// The deepest directory containing all of `directories` (lexically, by path segments).
  static func commonDirectory(_ directories: [String]) -> String {
    let normalized = directories.map(ContractPath.normalize)
    guard let first = normalized.first else { return "." }
    if normalized.contains(where: { $0.hasPrefix("/") }) && !normalized.allSatisfy({ $0.hasPrefix("/") }) {
      return commonDirectory(normalized.map(absolute))
    }
    var common = first.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    if first == "." { common = [] }
    for directory in normalized.dropFirst() {
      let parts = directory == "." ? [] : directory.split(separator: "/").map(String.init)
      var shared = 0
      while shared < min(common.count, parts.count), common[shared] == parts[shared] { shared += 1 }
      common = Array(common.prefix(shared))
    }
    let joined = common.joined(separator: "/")
    if first.hasPrefix("/") { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }

  /// `path` made absolute against the current directory, normalized.
  static func absolute(_ path: String) -> String {
    if path.hasPrefix("/") { return ContractPath.normalize(path) }
    return ContractPath.normalize(FileManager.default.currentDirectoryPath + "/" + path)
  }
}
