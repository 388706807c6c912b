import Foundation
import ParleyFrontEnd

/// Serves contract files as they were at a git revision (`git cat-file blob REV:path`), so the
/// front end can load a baseline, imports included, without touching the working tree.
///
/// ```swift
/// let baseline = try GitRevisionFileSystem.open(revision: "origin/main", near: "Contracts")
/// let old = FrontEnd.load(paths: ["Contracts/orders/orders.ipc"], fileSystem: baseline)
/// ```
public struct GitRevisionFileSystem: ContractFileSystem {
  /// The revision as the user wrote it (`origin/main`, a tag, a commit).
  public let revision: String
  /// The repository's top-level directory (symlinks resolved).
  public let topLevel: String
  /// The directory that relative paths are relative to (symlinks resolved).
  public let currentDirectory: String
  /// The time limit for each `git` run, in seconds.
  public let timeout: Double

  /// Why a baseline cannot be read.
  public struct BaselineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, for the user.
    public var message: String
    /// The message.
    public var description: String { message }
  }

  /// Finds the repository that contains `directory` and checks that `revision` names a commit.
  ///
  /// - Parameters:
  ///   - directory: a directory inside the work tree (relative to `currentDirectory` or absolute).
  ///   - currentDirectory: what relative paths are relative to; the process's by default.
  /// - Throws: ``BaselineError`` when git is missing, the directory is not in a git repository, or
  ///   the revision is unknown.
  public static func open(
    revision: String, near directory: String,
    currentDirectory: String = FileManager.default.currentDirectoryPath,
    timeout: Double = 30
  ) throws(BaselineError) -> GitRevisionFileSystem {
    let cwd = resolved(currentDirectory)
    let start = directory.hasPrefix("/") ? directory : cwd + "/" + directory
    let top: GitProcess.Output
    do {
      top = try GitProcess.run(["rev-parse", "--show-toplevel"], in: start, timeout: timeout)
    } catch {
      throw BaselineError(message: describe(error))
    }
    guard top.status == 0 else {
      throw BaselineError(
        message: "cannot read the baseline '\(revision)': '\(directory)' is not inside a git repository")
    }
    let topLevel = resolved(
      String(decoding: top.standardOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    let verify: GitProcess.Output
    do {
      verify = try GitProcess.run(
        ["rev-parse", "--verify", "--quiet", revision + "^{commit}"], in: topLevel, timeout: timeout)
    } catch {
      throw BaselineError(message: describe(error))
    }
    guard verify.status == 0, !revision.hasPrefix("-") else {
      throw BaselineError(message: "cannot read the baseline: unknown git revision '\(revision)'")
    }
    return GitRevisionFileSystem(
      revision: revision, topLevel: topLevel, currentDirectory: cwd, timeout: timeout)
  }

  /// The path of `path` inside the repository, or `nil` when it lies outside.
  public func repositoryPath(of path: String) -> String? {
    let prefix = topLevel.hasSuffix("/") ? topLevel : topLevel + "/"
    var absolute = ContractPath.normalize(path.hasPrefix("/") ? path : currentDirectory + "/" + path)
    if !absolute.hasPrefix(prefix) {
      // An absolute path through a symlink (e.g. /tmp on macOS): resolve its existing part.
      absolute = Self.resolved(absolute)
    }
    guard absolute.hasPrefix(prefix) else { return nil }
    return String(absolute.dropFirst(prefix.count))
  }

  /// The file's bytes at the revision; `nil` when it did not exist there (or is not a file).
  public func contents(of path: String) -> [UInt8]? {
    guard let relative = repositoryPath(of: path),
      let output = try? GitProcess.run(
        ["cat-file", "blob", "\(revision):\(relative)"], in: topLevel, timeout: timeout),
      output.status == 0
    else { return nil }
    return output.standardOutput
  }

  private static func resolved(_ path: String) -> String {
    ContractPath.normalize(URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
  }

  private static func describe(_ failure: GitProcess.Failure) -> String {
    switch failure {
    case .cannotLaunch(let message): "cannot read the baseline: \(message)"
    case .timedOut: "cannot read the baseline: git did not answer in time"
    }
  }
}
