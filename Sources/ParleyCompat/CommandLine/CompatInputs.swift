import ParleyFrontEnd

/// The *load* stage of `parley compat`: everything a check needs, read and resolved: the new
/// contracts, the baseline and older history (from files or from git), acknowledgements and the
/// lock file, plus the front end's diagnostics to print.
public struct CompatInputs: Sendable {
  /// The new contracts.
  public var new: ContractSet
  /// The baseline (`--old`, or the first `--against`).
  public var baseline: ContractSet
  /// Older baselines (further `--against` refs).
  public var history: [ContractSet]
  /// `--acknowledgements`, or none.
  public var acknowledgements: Acknowledgements
  /// `--lock`, or an empty history.
  public var lock: MemberHistory
  /// Front-end warnings (baseline ones prefixed with `baseline:`), one per line.
  public var diagnostics: String

  /// Why the inputs cannot be loaded (exit status 2).
  public struct Failure: Error, Sendable {
    /// The error line, `error: …`.
    public var message: String
    /// The front end's diagnostics gathered before the failure, one per line.
    public var diagnostics: String
  }

  /// Loads everything `invocation` names, in this order: acknowledgements, lock file, new
  /// contracts, baseline(s). The first problem stops loading.
  public static func load(_ invocation: CompatInvocation, environment: CompatCommandLine.Environment)
    -> Result<
      CompatInputs, Failure
    >
  {
    var diagnostics = ""
    func fail(_ message: String) -> Result<CompatInputs, Failure> {
      .failure(Failure(message: message, diagnostics: diagnostics))
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
    let local = LocalFileSystemIn(directory: environment.currentDirectory)
    let newExpansion = environment.expand(invocation.new)
    guard newExpansion.problems.isEmpty else { return fail(newExpansion.problems.joined(separator: "\n")) }
    let newResult = FrontEnd.load(paths: newExpansion.paths, fileSystem: local)
    diagnostics += DiagnosticRenderer.render(newResult.diagnostics)
    if newResult.hasErrors { return fail("error: the new contracts have errors") }

    var baselines: [ContractSet] = []
    if !invocation.old.isEmpty {
      let oldExpansion = environment.expand(invocation.old)
      guard oldExpansion.problems.isEmpty else { return fail(oldExpansion.problems.joined(separator: "\n")) }
      let oldResult = FrontEnd.load(paths: oldExpansion.paths, fileSystem: local)
      diagnostics += prefixed(oldResult.diagnostics, "baseline")
      if oldResult.hasErrors { return fail("error: the baseline contracts have errors") }
      baselines.append(oldResult.contracts)
    }
    for revision in invocation.against {
      switch loadRevision(revision, paths: newExpansion.paths, environment: environment) {
      case .success(let (set, revisionDiagnostics)):
        diagnostics += revisionDiagnostics
        baselines.append(set)
      case .failure(let failure):
        diagnostics += failure.diagnostics
        return fail("error: \(failure.message)")
      }
    }
    guard let baseline = baselines.first else { return fail("error: no baseline") }
    return .success(
      CompatInputs(
        new: newResult.contracts, baseline: baseline, history: Array(baselines.dropFirst()),
        acknowledgements: acknowledgements, lock: lock, diagnostics: diagnostics))
  }

  private static func prefixed(_ diagnostics: [Diagnostic], _ label: String) -> String {
    DiagnosticRenderer.render(diagnostics).split(separator: "\n").map { "\(label): \($0)\n" }.joined()
  }

  private struct RevisionError: Error {
    var message: String
    var diagnostics = ""
  }

  /// Loads the contracts at `paths` as they were at `revision`. Files missing at the revision are
  /// new contracts; when none of them exists there, the baseline cannot be read.
  private static func loadRevision(
    _ revision: String, paths: [String], environment: CompatCommandLine.Environment
  )
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
    let diagnostics = prefixed(result.diagnostics, "baseline \(revision)")
    if result.hasErrors {
      return .failure(
        RevisionError(
          message: "cannot read the baseline '\(revision)': its contracts have errors",
          diagnostics: diagnostics))
    }
    return .success((result.contracts, diagnostics))
  }
}
