#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension SharedSecret {
  /// The largest secret file accepted (64 KiB).
  public static let maximumFileByteCount = 64 * 1024

  /// Loads a secret from a file that only the current user can read.
  ///
  /// The file must be a regular file (a symbolic link to one is followed) owned by the effective
  /// user of this process, with no permission bits for group or others: modes `0600` and `0400`
  /// pass, `0640` or `0644` are refused. The checks run on the opened file itself, so the file
  /// cannot be swapped between check and read. Trailing line feeds and carriage returns are
  /// removed, so a file written with `echo "$SECRET" > file` works; every other byte counts.
  ///
  /// ```swift
  /// let secret = try SharedSecret.load(fromFile: "/etc/parley/secret")
  /// let authenticator = SharedSecretAuthenticator(secret: secret)
  /// ```
  ///
  /// - Throws: ``SharedSecretError`` naming the path and the problem (unreadable, not a regular
  ///   file, too permissive, wrong owner, too large, too short).
  public static func load(fromFile path: String) throws(SharedSecretError) -> SharedSecret {
    // O_NONBLOCK: opening a FIFO must not hang; it is refused below as not a regular file.
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
    guard descriptor >= 0 else {
      throw .unreadable(path: path, reason: systemErrorMessage(errno))
    }
    defer { close(descriptor) }

    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      throw .unreadable(path: path, reason: systemErrorMessage(errno))
    }
    let mode = UInt32(info.st_mode)
    guard mode & 0o170000 == 0o100000 else {
      throw .notARegularFile(path: path)
    }
    let owner = UInt32(info.st_uid)
    let expectedOwner = UInt32(geteuid())
    guard owner == expectedOwner else {
      throw .wrongOwner(path: path, owner: owner, expected: expectedOwner)
    }
    guard mode & 0o077 == 0 else {
      throw .tooPermissive(path: path, mode: mode & 0o7777)
    }
    let size = Int(info.st_size)
    guard size <= maximumFileByteCount else {
      throw .tooLarge(path: path, byteCount: size, limit: maximumFileByteCount)
    }

    var contents = try readAll(descriptor, path: path)
    while let last = contents.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") {
      contents.removeLast()
    }
    return try SharedSecret(bytes: contents)
  }

  /// Reads the whole file behind `descriptor`, refusing more than ``maximumFileByteCount`` bytes.
  private static func readAll(_ descriptor: Int32, path: String) throws(SharedSecretError) -> [UInt8] {
    var contents: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count == 0 { break }
      if count < 0 {
        if errno == EINTR { continue }
        throw .unreadable(path: path, reason: systemErrorMessage(errno))
      }
      contents.append(contentsOf: chunk[0..<count])
      if contents.count > maximumFileByteCount {
        throw .tooLarge(path: path, byteCount: contents.count, limit: maximumFileByteCount)
      }
    }
    return contents
  }

  /// The C library's message for `code`.
  private static func systemErrorMessage(_ code: Int32) -> String {
    guard let message = strerror(code) else { return "errno \(code)" }
    return String(cString: message)
  }
}
