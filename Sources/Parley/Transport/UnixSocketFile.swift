#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The local-security rules for a server's socket file: a private directory, no taking over of
/// files that are not stale sockets of ours, and removal of only the file we created.
enum UnixSocketFile {
  /// Identity of a file (device and inode), to remove only the socket file we created.
  struct Identity: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
  }

  private static func fail(_ message: String) -> ParleyError {
    ParleyError(.notConnected, message, mayHaveRun: false)
  }

  private static func fileType(_ info: stat) -> mode_t { info.st_mode & S_IFMT }

  /// Checks (and creates, 0700) the directory and clears a stale socket at `path`.
  /// - Throws: ``ParleyError`` naming the path and what is wrong; nothing is unlinked then.
  static func prepare(path: String, requirePrivateDirectory: Bool) throws(ParleyError) {
    _ = try SocketAddress(.unix(path: path))  // length and content checks first
    let directory = parentDirectory(of: path)
    try ensureDirectory(directory, requirePrivate: requirePrivateDirectory)

    var info = stat()
    guard lstat(path, &info) == 0 else {
      let code = Sys.errno
      if code == ENOENT { return }
      throw fail("cannot inspect \(path): \(Sys.describe(code))")
    }
    switch fileType(info) {
    case S_IFLNK: throw fail("\(path) is a symbolic link; refusing to use or remove it")
    case S_IFREG: throw fail("\(path) is a regular file, not a socket; refusing to remove it")
    case S_IFDIR: throw fail("\(path) is a directory, not a socket")
    case S_IFSOCK: break
    default: throw fail("\(path) exists and is not a socket; refusing to remove it")
    }
    guard info.st_uid == getuid() else {
      throw fail(
        "the socket \(path) belongs to uid \(info.st_uid), not to this server's user; refusing to remove it")
    }
    // A socket of ours: live (someone accepts) or stale (connection refused)?
    let address = try SocketAddress(.unix(path: path))
    let probe = try Sys.makeSocket(family: AF_UNIX)
    defer { Sys.close(probe) }
    let result = address.withSockAddr { connect(probe, $0, $1) }
    let code = result == 0 ? 0 : Sys.errno
    if result == 0 || code == EAGAIN || code == EINPROGRESS {
      throw fail("a server is already listening at \(path); refusing to take its socket")
    }
    guard code == ECONNREFUSED else {
      throw fail("cannot tell whether the socket \(path) is in use: \(Sys.describe(code))")
    }
    guard unlink(path) == 0 else {
      throw fail("cannot remove the stale socket \(path): \(Sys.describe(Sys.errno))")
    }
  }

  static func parentDirectory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let parent = String(path[..<slash])
    return parent.isEmpty ? "/" : parent
  }

  private static func ensureDirectory(_ directory: String, requirePrivate: Bool) throws(ParleyError) {
    var info = stat()
    if stat(directory, &info) != 0 {
      guard Sys.errno == ENOENT else {
        throw fail("cannot inspect the socket directory \(directory): \(Sys.describe(Sys.errno))")
      }
      let grandparent = parentDirectory(of: directory)
      if grandparent != directory { try ensureDirectory(grandparent, requirePrivate: false) }
      guard mkdir(directory, mode_t(ParleyDefaults.socketDirectoryMode)) == 0 || Sys.errno == EEXIST else {
        throw fail("cannot create the socket directory \(directory): \(Sys.describe(Sys.errno))")
      }
      _ = chmod(directory, mode_t(ParleyDefaults.socketDirectoryMode))
      return
    }
    guard fileType(info) == S_IFDIR else { throw fail("\(directory) is not a directory") }
    guard requirePrivate else { return }
    guard info.st_uid == getuid() else {
      throw fail(
        "the socket directory \(directory) belongs to uid \(info.st_uid), not to this server's user (uid \(getuid())); socket files must live in a directory the server owns"
      )
    }
    guard info.st_mode & 0o022 == 0 else {
      throw fail(
        "the socket directory \(directory) is writable by group or others (mode \(String(info.st_mode & 0o777, radix: 8))); use a directory with mode 0700"
      )
    }
  }

  /// The identity of the file at `path`, if any.
  static func identity(of path: String) -> Identity? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return Identity(
      device: UInt64(truncatingIfNeeded: info.st_dev), inode: UInt64(truncatingIfNeeded: info.st_ino))
  }

  /// Removes `path` only if it is still the socket file we created.
  static func remove(_ path: String, ifIdentity identity: Identity) {
    guard self.identity(of: path) == identity else { return }
    _ = unlink(path)
  }
}
