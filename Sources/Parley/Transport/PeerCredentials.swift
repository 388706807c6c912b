#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Who is on the other end of a Unix-socket connection, as reported by the kernel.
public struct PeerCredentials: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// The peer's user id.
  public var uid: UInt32
  /// The peer's group id.
  public var gid: UInt32
  /// The peer's process id (`nil` where the platform does not report it).
  public var pid: Int32?

  /// Creates credentials.
  public init(uid: UInt32, gid: UInt32, pid: Int32?) {
    self.uid = uid
    self.gid = gid
    self.pid = pid
  }

  /// The credentials of this process.
  public static var current: PeerCredentials {
    PeerCredentials(uid: UInt32(getuid()), gid: UInt32(getgid()), pid: Int32(getpid()))
  }

  /// `uid=…, gid=…, pid=…`.
  public var description: String {
    "uid=\(uid), gid=\(gid), pid=" + (pid.map(String.init) ?? "?")
  }

  /// Reads the kernel credentials of a connected Unix socket (`SO_PEERCRED` on Linux,
  /// `getpeereid` + `LOCAL_PEERPID` on Darwin); `nil` for other sockets.
  static func of(socket fd: Int32) -> PeerCredentials? {
    #if canImport(Glibc)
      // `struct ucred` (pid, uid, gid) is hidden behind _GNU_SOURCE; same layout.
      struct LinuxCredentials {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
      }
      var credentials = LinuxCredentials()
      var length = socklen_t(MemoryLayout<LinuxCredentials>.size)
      guard getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 else { return nil }
      return PeerCredentials(uid: credentials.uid, gid: credentials.gid, pid: credentials.pid)
    #elseif canImport(Darwin)
      var uid: uid_t = 0
      var gid: gid_t = 0
      guard getpeereid(fd, &uid, &gid) == 0 else { return nil }
      var pid: pid_t = 0
      var length = socklen_t(MemoryLayout<pid_t>.size)
      let hasPID = getsockopt(fd, SOL_LOCAL, LOCAL_PEERPID, &pid, &length) == 0
      return PeerCredentials(uid: UInt32(uid), gid: UInt32(gid), pid: hasPID ? Int32(pid) : nil)
    #else
      return nil
    #endif
  }
}

/// Which peers a server accepts, checked against kernel credentials before any frame is read.
/// A refused peer is sent `reject` `UNAUTHENTICATED` and closed.
///
/// Root (uid 0) gets no special treatment: it passes only when listed (or when the server itself
/// runs as root under ``sameUser``).
public enum PeerPolicy: Sendable, Equatable {
  /// Only processes of the server's own user (the default).
  case sameUser
  /// Processes of any of these user ids (the server's own user is not implied).
  case uids(Set<UInt32>)
  /// Processes whose user id is in `uids` or whose primary group id (as the kernel reports it)
  /// is in `gids`; `includingServerUser` also admits the server's own user.
  case members(uids: Set<UInt32>, gids: Set<UInt32>, includingServerUser: Bool)
  /// Any peer (e.g. when the socket directory's permissions already restrict access).
  case anyone

  /// Whether `credentials` pass. Connections without credentials (TCP, in-process) are decided
  /// by the transport's own rules, not by this policy.
  public func allows(_ credentials: PeerCredentials) -> Bool {
    switch self {
    case .sameUser: return credentials.uid == UInt32(getuid())
    case .uids(let allowed): return allowed.contains(credentials.uid)
    case .members(let uids, let gids, let includingServerUser):
      if includingServerUser, credentials.uid == UInt32(getuid()) { return true }
      return uids.contains(credentials.uid) || gids.contains(credentials.gid)
    case .anyone: return true
    }
  }
}
