import Foundation
import ParleyFrontEnd

/// `parley compat` as a library function, so that tests can run it in-process: arguments in,
/// exit status and output text out. The CLI wraps it and supplies its folder expansion.
public enum CompatCommandLine {
  /// The help text, starting with the `usage:` line.
  public static let help = """
    usage: parley compat --old <file-or-folder>... --new <file-or-folder>... [options]
           parley compat --against <git-ref> [--against <older-ref>...] <file-or-folder>... [options]
           parley compat --list-rules [--format text|json]

    Compares two versions of contracts (matched by contract name) and classifies every change as
    breaking or not for old clients calling the new server (backward) and new clients calling the
    old server (forward), separately on the json wire, the binary wire and in the generated Swift
    source. With --against, the baseline is read from git at the revision for the same paths;
    more --against revisions are older history used to catch reuse of freed numbers and names.

    options:
      --mode backward|forward|full     directions that must stay compatible (default full)
      --wire json|binary|source        wires to check; repeatable (default all three)
      --fail-on error|danger|warning|info
                                       lowest severity that fails the run (default danger)
      --format text|json|github|markdown
                                       output format (default text)
      --acknowledgements FILE          JSON file of acknowledged fingerprints with reasons
      --lock FILE                      lock file of every number and name ever used (history)
      --write-lock FILE                write the lock file updated with the baselines and new contracts
      --list-rules                     list every rule with its default severity
      -h, --help                       show this help

    exit status: 0 nothing at or above --fail-on, 1 something is, 2 usage, contract or baseline errors.
    """

  /// How the command reaches the outside world.
  public struct Environment: Sendable {
    /// Expands file and folder arguments into `.ipc` files, returning problems as messages.
    public var expand: @Sendable ([String]) -> (paths: [String], problems: [String])
    /// Reads a file (the acknowledgement and lock files).
    public var readFile: @Sendable (String) -> [UInt8]?
    /// Writes a file (the lock file); returns whether it worked.
    public var writeFile: @Sendable (String, [UInt8]) -> Bool
    /// The directory relative paths are relative to.
    public var currentDirectory: String
    /// The time limit for each `git` run, in seconds.
    public var gitTimeout: Double

    /// Creates an environment; by default files are read from disk and the current directory is
    /// the process's.
    public init(
      expand: @escaping @Sendable ([String]) -> (paths: [String], problems: [String]),
      readFile: @escaping @Sendable (String) -> [UInt8]? = { path in
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
      },
      writeFile: @escaping @Sendable (String, [UInt8]) -> Bool = { path, bytes in
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
      },
      currentDirectory: String = FileManager.default.currentDirectoryPath, gitTimeout: Double = 30
    ) {
      self.expand = expand
      self.readFile = readFile
      self.writeFile = writeFile
      self.currentDirectory = currentDirectory
      self.gitTimeout = gitTimeout
    }
  }

  /// What a run produced.
  public struct Outcome: Hashable, Sendable {
    /// 0, 1 or 2.
    public var status: Int32
    /// The report.
    public var standardOutput: String
    /// Diagnostics and errors.
    public var standardError: String
  }

  /// Parses `arguments` and runs the command.
  public static func run(_ arguments: [String], environment: Environment) -> Outcome {
    let invocation: CompatInvocation
    do {
      invocation = try CompatInvocation.parse(arguments)
    } catch {
      return Outcome(status: 2, standardOutput: "", standardError: "error: \(error.message)\n\n\(help)\n")
    }
    return run(invocation, environment: environment)
  }

  /// Runs a parsed invocation: load → check → (write the lock) → render.
  public static func run(_ invocation: CompatInvocation, environment: Environment) -> Outcome {
    if invocation.listRules {
      let text = invocation.format == .json ? CompatRuleListRenderer.json() : CompatRuleListRenderer.text()
      return Outcome(status: 0, standardOutput: text, standardError: "")
    }
    let inputs: CompatInputs
    switch CompatInputs.load(invocation, environment: environment) {
    case .success(let loaded): inputs = loaded
    case .failure(let failure):
      return Outcome(
        status: 2, standardOutput: "", standardError: failure.diagnostics + failure.message + "\n")
    }
    let report = CompatChecker.check(
      old: inputs.baseline, new: inputs.new, history: inputs.history, options: invocation.options,
      acknowledgements: inputs.acknowledgements, lock: inputs.lock, baselineLabel: invocation.against.first)
    if let path = invocation.writeLock {
      var updated = inputs.lock
      for set in [inputs.baseline] + inputs.history + [inputs.new] { updated.record(set) }
      guard environment.writeFile(path, Array(updated.lockText().utf8)) else {
        return Outcome(
          status: 2, standardOutput: "",
          standardError: inputs.diagnostics + "error: cannot write lock file '\(path)'\n")
      }
    }
    return Outcome(
      status: report.failed ? 1 : 0, standardOutput: render(report, as: invocation.format),
      standardError: inputs.diagnostics)
  }

  /// The *render* stage: the report in the chosen format.
  public static func render(_ report: CompatReport, as format: CompatInvocation.Format) -> String {
    switch format {
    case .text: CompatTextRenderer.render(report)
    case .json: CompatJSONRenderer.render(report)
    case .github: CompatGitHubRenderer.render(report)
    case .markdown: CompatMarkdownRenderer.render(report)
    }
  }
}
