import Foundation

/// Where the front end reads contract files from.
///
/// The loader only ever asks for normalized paths it built from the paths the user gave and
/// from `import` statements (resolved relative to the importing file with ``ContractPath``), so an
/// implementation can serve the files of a git revision, a test fixture or the real disk.
public protocol ContractFileSystem: Sendable {
  /// Returns the bytes of the file at `path`, or `nil` when it does not exist or cannot be read.
  func contents(of path: String) -> [UInt8]?

  /// A key that is equal for two paths naming the same file, so that a file reached by two
  /// spellings (`Contracts/a.ipc` and `/work/app/Contracts/a.ipc`, or through a symlink) loads once.
  /// The default is the normalized path.
  func identity(of path: String) -> String
}

extension ContractFileSystem {
  /// The normalized path: two spellings are the same file only when they normalize alike.
  public func identity(of path: String) -> String { ContractPath.normalize(path) }
}

/// Reads contract files from the real file system, relative to the current directory.
public struct LocalFileSystem: ContractFileSystem {
  /// Creates a reader of the real file system.
  public init() {}

  /// Reads the file at `path`; `nil` when it is missing, a directory or unreadable.
  public func contents(of path: String) -> [UInt8]? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
    else { return nil }
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return [UInt8](data)
  }

  /// The file's canonical absolute path (symlinks resolved) when it exists, otherwise the
  /// normalized path.
  public func identity(of path: String) -> String {
    guard let canonical = realpath(path, nil) else { return ContractPath.normalize(path) }
    defer { free(canonical) }
    return String(cString: canonical)
  }
}

/// Serves contract files from memory: for tests and for contracts read from `git show REF:path`.
///
/// ```swift
/// let files = InMemoryFileSystem(["shop/orders.ipc": "contract shop.orders version 1"])
/// let result = FrontEnd.load(paths: ["shop/orders.ipc"], fileSystem: files)
/// ```
public struct InMemoryFileSystem: ContractFileSystem {
  /// The files by normalized path.
  public var files: [String: [UInt8]]

  /// Creates a file system holding `files` (text, keyed by path; paths are normalized).
  public init(_ files: [String: String] = [:]) {
    var normalized: [String: [UInt8]] = [:]
    for (path, text) in files { normalized[ContractPath.normalize(path)] = Array(text.utf8) }
    self.files = normalized
  }

  /// Creates a file system holding `files` (bytes, keyed by path; paths are normalized).
  public init(bytes files: [String: [UInt8]]) {
    var normalized: [String: [UInt8]] = [:]
    for (path, bytes) in files { normalized[ContractPath.normalize(path)] = bytes }
    self.files = normalized
  }

  /// Returns the bytes stored under the normalized `path`.
  public func contents(of path: String) -> [UInt8]? {
    files[ContractPath.normalize(path)]
  }
}

/// Reads contract files through a closure, e.g. one that runs `git show REF:path`.
///
/// ```swift
/// let old = ClosureFileSystem { path in gitShow("HEAD~1", path) }
/// let result = FrontEnd.load(paths: ["Contracts/orders/orders.ipc"], fileSystem: old)
/// ```
public struct ClosureFileSystem: ContractFileSystem {
  private let read: @Sendable (String) -> [UInt8]?

  /// Creates a file system that calls `read` with each normalized path.
  public init(_ read: @escaping @Sendable (String) -> [UInt8]?) { self.read = read }

  /// Returns what the closure returns for `path`.
  public func contents(of path: String) -> [UInt8]? { read(path) }
}
