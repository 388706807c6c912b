/// Why a shared secret could not be created or loaded.
///
/// Every case's `description` is a sentence a person can act on; none contains the secret.
public enum SharedSecretError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The secret has fewer bytes than required.
  case tooShort(byteCount: Int, minimum: Int)
  /// The file could not be opened or read; `reason` is the system's message.
  case unreadable(path: String, reason: String)
  /// The path names something other than a regular file (a directory, a FIFO, a device, …).
  case notARegularFile(path: String)
  /// The file can be read or written by its group or by others (`mode` holds the permission bits).
  case tooPermissive(path: String, mode: UInt32)
  /// The file belongs to another user than the one running this process.
  case wrongOwner(path: String, owner: UInt32, expected: UInt32)
  /// The file is larger than any sensible secret (`limit` bytes).
  case tooLarge(path: String, byteCount: Int, limit: Int)

  /// A sentence describing the problem and how to fix it.
  public var description: String {
    switch self {
    case .tooShort(let byteCount, let minimum):
      return "the shared secret has \(byteCount) bytes; it needs at least \(minimum)"
    case .unreadable(let path, let reason):
      return "cannot read the shared secret file \(path): \(reason)"
    case .notARegularFile(let path):
      return "the shared secret path \(path) is not a regular file"
    case .tooPermissive(let path, let mode):
      let octal = String(mode & 0o7777, radix: 8)
      return
        "the shared secret file \(path) has mode 0\(octal); it must not be accessible to group or others "
        + "(run: chmod 600 \(path))"
    case .wrongOwner(let path, let owner, let expected):
      return "the shared secret file \(path) is owned by uid \(owner); it must be owned by uid \(expected), "
        + "the user running this process"
    case .tooLarge(let path, let byteCount, let limit):
      return "the shared secret file \(path) has \(byteCount) bytes; a secret file may have at most \(limit)"
    }
  }
}
