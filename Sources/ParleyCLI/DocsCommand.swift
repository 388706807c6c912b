import Foundation
import ParleyCompiler

/// `parley docs FILE|FOLDER…`: generates contract documentation (HTML, Markdown or JSON).
struct DocsCommand: CLICommand {
  let name = "docs"
  let summary = "Generate documentation for contracts (HTML site, Markdown or JSON)."
  let help = """
    usage: parley docs <file-or-folder>... [--format html|markdown|json] [--output <dir>] [--check]
                       [--against <git-ref> | --old <dir>] [--include-internal] [--title <text>]
                       [--config <file>] [--warnings-as-errors]

    Generates documentation for the given .ipc files (folders are searched recursively) and the
    files they import. Output is deterministic, so it can be committed and checked in CI.

    options:
      --format <format>     html (default): a self-contained static site;
                            markdown: README.md plus one file per contract;
                            json: contracts.json, the resolved model (schema parley-docs-model/1)
      --output <dir>        where to write (default: site)
      --check               write nothing; exit 1 and list the files when <dir> is stale
      --against <git-ref>   add a changelog against the same contracts at a git revision
      --old <dir>           add a changelog against the contracts in <dir>
      --include-internal    show elements whose doc comment has an '@internal' line
      --title <text>        the title of the index page (default: API reference)
      --config <file>       the parley-config.json the Swift code is generated with, so that the
                            Swift snippets name the types as it does (typePrefix); default: the
                            contracts' folder's parley-config.json when it exists
      --warnings-as-errors  exit 1 when there are warnings
      -h, --help            show this help

    Exit status: 0 on success, 1 on contract errors, stale docs (--check) or warnings with
    --warnings-as-errors, 2 on usage errors.
    """

  /// The parsed command line.
  private struct Arguments {
    var operands: [String] = []
    var options = DocOptions()
    var output = "site"
    var check = false
    var against: String?
    var old: String?
    var config: String?
    var warningsAsErrors = false
  }

  func run(_ arguments: [String]) async -> Int32 {
    let parsed: Arguments
    switch parse(arguments) {
    case .success(let value): parsed = value
    case .failure(let message):
      printError("error: \(message)\n\n\(help)")
      return ExitStatus.usage
    }
    let expansion = ContractInputs.expand(parsed.operands)
    for problem in expansion.problems { printError(problem) }
    let root = expansion.inputs.first?.baseDirectory
    let loaded = FrontEnd.load(paths: expansion.paths, options: FrontEnd.Options(root: root))
    let frontEndText = DiagnosticRenderer.render(loaded.diagnostics)
    if !frontEndText.isEmpty { printError(frontEndText) }
    guard !loaded.hasErrors, expansion.problems.isEmpty else { return ExitStatus.failure }
    var options = parsed.options
    do {
      options.generator = try GenerateCommand.loadOptions(
        config: parsed.config,
        root: GenerateCommand.commonDirectory(expansion.inputs.map(\.baseDirectory)))
    } catch {
      printError(error.description)
      return ExitStatus.failure
    }

    var previous: ContractSet? = nil
    if parsed.against != nil || parsed.old != nil {
      switch OldContracts.load(against: parsed.against, old: parsed.old, operands: parsed.operands) {
      case .success(let set): previous = set
      case .failure(let problem):
        printError("error: \(problem.message)")
        return ExitStatus.failure
      }
    }

    let output = DocGenerator.generate(loaded.contracts, options: options, previous: previous)
    for diagnostic in output.diagnostics { printError(diagnostic.description) }
    if output.hasErrors { return ExitStatus.failure }
    let warned = parsed.warningsAsErrors && (!output.diagnostics.isEmpty || !loaded.diagnostics.isEmpty)

    if parsed.check {
      let stale = SiteWriter.staleFiles(output.site, in: parsed.output)
      guard stale.isEmpty else {
        printError(
          "error: the docs in '\(parsed.output)' are stale (\(stale.count) file\(stale.count == 1 ? "" : "s")):"
        )
        for file in stale { printError("  \(file)") }
        printError("run 'parley docs' with the same arguments without --check to update them")
        return ExitStatus.failure
      }
      return warned ? ExitStatus.failure : ExitStatus.success
    }
    do {
      let written = try SiteWriter.write(output.site, to: parsed.output)
      print("parley docs: wrote \(written.count) of \(output.site.files.count) files to \(parsed.output)")
    } catch {
      printError("error: \(error.description)")
      return ExitStatus.failure
    }
    return warned ? ExitStatus.failure : ExitStatus.success
  }

  private enum ParseResult {
    case success(Arguments)
    case failure(String)
  }

  private func parse(_ arguments: [String]) -> ParseResult {
    var result = Arguments()
    var index = 0
    var optionsEnded = false
    func value(_ option: String) -> String? {
      guard index + 1 < arguments.count else { return nil }
      index += 1
      return arguments[index]
    }
    while index < arguments.count {
      let argument = arguments[index]
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
        result.operands.append(argument)
      } else {
        switch argument {
        case "--": optionsEnded = true
        case "--format":
          guard let text = value(argument) else { return .failure("--format needs a value") }
          guard let format = DocOptions.Format(rawValue: text) else {
            return .failure("unknown format '\(text)'; use html, markdown or json")
          }
          result.options.format = format
        case "--output", "-o":
          guard let text = value(argument), !text.isEmpty else { return .failure("--output needs a folder") }
          result.output = text.count > 1 && text.hasSuffix("/") ? String(text.dropLast()) : text
        case "--check": result.check = true
        case "--against":
          guard let text = value(argument), !text.isEmpty else {
            return .failure("--against needs a git revision")
          }
          result.against = text
        case "--old":
          guard let text = value(argument), !text.isEmpty else { return .failure("--old needs a folder") }
          result.old = text
        case "--include-internal": result.options.includeInternal = true
        case "--title":
          guard let text = value(argument) else { return .failure("--title needs a value") }
          result.options.title = text
        case "--config":
          guard let text = value(argument), !text.isEmpty else { return .failure("--config needs a file") }
          result.config = text
        case "--warnings-as-errors": result.warningsAsErrors = true
        default: return .failure("unknown option '\(argument)'")
        }
      }
      index += 1
    }
    if result.operands.isEmpty { return .failure("give at least one contract file or folder") }
    if result.against != nil && result.old != nil {
      return .failure("use either --against or --old, not both")
    }
    return .success(result)
  }
}

/// Loads the older version of the contracts for the changelog: from a folder (`--old`) or from a
/// git revision (`--against`, extracted with `git archive` into a temporary folder).
private enum OldContracts {
  struct Problem: Error {
    var message: String
  }

  static func load(against: String?, old: String?, operands: [String]) -> Result<ContractSet, Problem> {
    if let old {
      let expansion = ContractInputs.expand([old])
      if let problem = expansion.problems.first { return .failure(Problem(message: problem)) }
      return check(
        FrontEnd.load(paths: expansion.paths, options: FrontEnd.Options(root: old)), what: "'\(old)'")
    }
    guard let revision = against else { return .failure(Problem(message: "nothing to compare against")) }
    guard !revision.hasPrefix("-") else {
      return .failure(Problem(message: "invalid git revision '\(revision)'"))
    }
    guard let top = git(["rev-parse", "--show-toplevel"])?.trimmed,
      let prefix = git(["rev-parse", "--show-prefix"])?.trimmed
    else {
      return .failure(Problem(message: "--against needs a git work tree (git rev-parse failed)"))
    }
    let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parley-docs-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
    defer { try? FileManager.default.removeItem(at: temporary) }
    do {
      try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
    } catch {
      return .failure(Problem(message: "cannot create a temporary folder: \(error.localizedDescription)"))
    }
    let status = run(
      "/bin/sh",
      ["-c", "git archive --format=tar \"$1\" | tar -x -C \"$2\"", "sh", revision, temporary.path],
      directory: top)
    guard status == 0 else {
      return .failure(Problem(message: "cannot read revision '\(revision)' with git archive"))
    }
    var paths: [String] = []
    for operand in operands {
      let relative: String
      if operand.hasPrefix("/") {
        guard operand.hasPrefix(top + "/") else { continue }
        relative = String(operand.dropFirst(top.count + 1))
      } else {
        relative = prefix + operand
      }
      paths.append(temporary.path + "/" + relative)
    }
    let expansion = ContractInputs.expand(paths.filter { FileManager.default.fileExists(atPath: $0) })
    let root = expansion.inputs.first?.baseDirectory
    return check(
      FrontEnd.load(paths: expansion.paths, options: FrontEnd.Options(root: root)),
      what: "revision '\(revision)'")
  }

  private static func check(_ result: FrontEnd.Result, what: String) -> Result<ContractSet, Problem> {
    guard !result.hasErrors else {
      let first = result.diagnostics.first { $0.severity == .error }.map(DiagnosticRenderer.render) ?? ""
      return .failure(Problem(message: "the contracts of \(what) have errors, so no changelog: \(first)"))
    }
    return .success(result.contracts)
  }

  private static func git(_ arguments: [String]) -> String? {
    let pipe = Pipe()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  private static func run(_ executable: String, _ arguments: [String], directory: String) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
  }
}

extension String {
  fileprivate var trimmed: String {
    var text = Substring(self)
    while let last = text.last, last == "\n" || last == " " || last == "\r" { text = text.dropLast() }
    return String(text)
  }
}
