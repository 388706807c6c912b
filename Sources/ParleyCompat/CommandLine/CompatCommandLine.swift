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

  /// Runs a parsed invocation: load → check → render.
  public static func run(_ invocation: CompatInvocation, environment: Environment) -> Outcome {
    if invocation.listRules {
      let text =
        invocation.format == .json ? CompatRuleListRenderer.json() : CompatRuleListRenderer.text()
      return Outcome(status: 0, standardOutput: text, standardError: "")
    }
    var errors = ""
    func fail(_ message: String) -> Outcome {
      Outcome(
        status: 2, standardOutput: "", standardError: errors + message + (message.hasSuffix("\n") ? "" : "\n")
      )
    }
    var acknowledgements = Acknowledgements()
    if let path = invocation.acknowledgements {
      guard let bytes = environment.readFile(path) else {
        return fail("error: cannot read acknowledgements file '\(path)'")
      }
      do {
        acknowledgements = try Acknowledgements.parse(bytes)
      } catch {
        return fail("error: \(path): \(error.message)")
      }
    }
    var lock = MemberHistory()
    if let path = invocation.lock {
      guard let bytes = environment.readFile(path) else {
        return fail("error: cannot read lock file '\(path)'")
      }
      do {
        lock = try MemberHistory.parseLock(bytes)
      } catch {
        return fail("error: \(path): \(error.message)")
      }
    }
    let newExpansion = environment.expand(invocation.new)
    guard newExpansion.problems.isEmpty else { return fail(newExpansion.problems.joined(separator: "\n")) }
    let newResult = FrontEnd.load(
      paths: newExpansion.paths, fileSystem: LocalFileSystemIn(directory: environment.currentDirectory))
    errors += DiagnosticRenderer.render(newResult.diagnostics)
    if newResult.hasErrors { return fail("error: the new contracts have errors") }

    var baselines: [ContractSet] = []
    if !invocation.old.isEmpty {
      let oldExpansion = environment.expand(invocation.old)
      guard oldExpansion.problems.isEmpty else { return fail(oldExpansion.problems.joined(separator: "\n")) }
      let oldResult = FrontEnd.load(
        paths: oldExpansion.paths, fileSystem: LocalFileSystemIn(directory: environment.currentDirectory))
      errors += DiagnosticRenderer.render(oldResult.diagnostics).split(separator: "\n").map {
        "baseline: \($0)\n"
      }.joined()
      if oldResult.hasErrors { return fail("error: the baseline contracts have errors") }
      baselines.append(oldResult.contracts)
    } else {
      for revision in invocation.against {
        switch loadRevision(revision, paths: newExpansion.paths, environment: environment) {
        case .success(let (set, diagnostics)):
          errors += diagnostics
          baselines.append(set)
        case .failure(let error):
          errors += error.diagnostics
          return fail("error: \(error.message)")
        }
      }
    }
    guard let baseline = baselines.first else { return fail("error: no baseline") }
    let report = CompatChecker.check(
      old: baseline, new: newResult.contracts, history: Array(baselines.dropFirst()),
      options: invocation.options,
      acknowledgements: acknowledgements, lock: lock, baselineLabel: invocation.against.first)
    if let path = invocation.writeLock {
      var updated = lock
      for set in baselines + [newResult.contracts] { updated.record(set) }
      guard environment.writeFile(path, Array(updated.lockText().utf8)) else {
        return fail("error: cannot write lock file '\(path)'")
      }
    }
    let output: String
    switch invocation.format {
    case .text: output = CompatTextRenderer.render(report)
    case .json: output = CompatJSONRenderer.render(report)
    case .github: output = CompatGitHubRenderer.render(report)
    case .markdown: output = CompatMarkdownRenderer.render(report)
    }
    return Outcome(status: report.failed ? 1 : 0, standardOutput: output, standardError: errors)
  }

  private struct RevisionError: Error {
    var message: String
    var diagnostics = ""
  }

  /// Loads the contracts at `paths` as they were at `revision`. Files missing at the revision are
  /// new contracts; when none of them exists there, the baseline cannot be read.
  private static func loadRevision(_ revision: String, paths: [String], environment: Environment)
    -> Result<(ContractSet, String), RevisionError>
  {
    guard let first = paths.first else { return .failure(RevisionError(message: "no contracts to compare")) }
    let fileSystem: GitRevisionFileSystem
    do {
      fileSystem = try GitRevisionFileSystem.open(
        revision: revision, near: ContractPath.directory(of: first),
        currentDirectory: environment.currentDirectory,
        timeout: environment.gitTimeout)
    } catch {
      return .failure(RevisionError(message: error.message))
    }
    var present: [String] = []
    for path in paths {
      guard fileSystem.repositoryPath(of: path) != nil else {
        return .failure(
          RevisionError(
            message: "cannot read the baseline '\(revision)': '\(path)' is outside the git repository"))
      }
      if fileSystem.contents(of: path) != nil { present.append(path) }
    }
    guard !present.isEmpty else {
      return .failure(
        RevisionError(
          message:
            "cannot read the baseline '\(revision)': none of the contract files exists at that revision"))
    }
    let result = FrontEnd.load(paths: present, fileSystem: fileSystem)
    let diagnostics = DiagnosticRenderer.render(result.diagnostics).split(separator: "\n").map {
      "baseline \(revision): \($0)\n"
    }.joined()
    if result.hasErrors {
      return .failure(
        RevisionError(
          message: "cannot read the baseline '\(revision)': its contracts have errors",
          diagnostics: diagnostics))
    }
    return .success((result.contracts, diagnostics))
  }
}
