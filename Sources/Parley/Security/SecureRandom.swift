#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Cryptographically secure random bytes from the operating system, for nonces and keys.
///
/// On Linux the bytes come from `getentropy(3)` (glibc's wrapper of the `getrandom(2)` system
/// call, which blocks only until the kernel's pool is initialised at boot; `getrandom` itself is not
/// visible to Swift), falling back to reading `/dev/urandom` when the system call is missing
/// (`ENOSYS`, old kernels or seccomp filters). On Darwin they come from `arc4random_buf(3)`, which
/// never fails. The standard library's `SystemRandomNumberGenerator` would use the same sources, but
/// it traps when they fail; this type reports the failure as an error instead.
public enum SecureRandom {
  /// A failure to obtain random bytes from the operating system.
  public struct Failure: Error, CustomStringConvertible, Sendable {
    /// What went wrong, including the `errno` value where there is one.
    public let description: String
  }

  /// Returns `count` random bytes.
  ///
  /// - Throws: ``Failure`` when the operating system cannot provide randomness (practically never).
  ///
  /// ```swift
  /// let nonce = try SecureRandom.bytes(count: 32)
  /// ```
  public static func bytes(count: Int) throws(Failure) -> [UInt8] {
    guard count > 0 else { return [] }
    var result = [UInt8](repeating: 0, count: count)
    let failure: Failure? = result.withUnsafeMutableBytes { buffer in
      do throws(Failure) {
        try fill(buffer)
        return nil
      } catch {
        return error
      }
    }
    if let failure { throw failure }
    return result
  }

  /// Fills `buffer` with random bytes.
  ///
  /// - Throws: ``Failure`` when the operating system cannot provide randomness.
  public static func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(Failure) {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return }
    #if canImport(Darwin)
      arc4random_buf(base, buffer.count)
    #else
      var filled = 0
      while filled < buffer.count {
        // getentropy hands out at most 256 bytes per call.
        let chunk = min(256, buffer.count - filled)
        if getentropy(base + filled, chunk) == 0 {
          filled += chunk
        } else if errno == EINTR {
          continue
        } else if errno == ENOSYS {
          try fillFromDevice(UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
          return
        } else {
          throw Failure(description: "getentropy failed (errno \(errno))")
        }
      }
    #endif
  }

  #if !canImport(Darwin)
    /// Fills `buffer` from `/dev/urandom`.
    private static func fillFromDevice(_ buffer: UnsafeMutableRawBufferPointer) throws(Failure) {
      guard let base = buffer.baseAddress else { return }
      let descriptor = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
      guard descriptor >= 0 else {
        throw Failure(description: "cannot open /dev/urandom (errno \(errno))")
      }
      defer { close(descriptor) }
      var filled = 0
      while filled < buffer.count {
        let result = read(descriptor, base + filled, buffer.count - filled)
        if result > 0 {
          filled += result
        } else if result < 0 && errno == EINTR {
          continue
        } else {
          throw Failure(description: "cannot read /dev/urandom (errno \(errno))")
        }
      }
    }
  #endif
}
