#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Thin, platform-neutral wrappers over the POSIX calls the runtime uses.
enum Sys {
  #if canImport(Glibc)
    static let sockStream = Int32(SOCK_STREAM.rawValue)
    static let sendFlags = Int32(MSG_NOSIGNAL)
    static let unixPathCapacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)
  #else
    static let sockStream = SOCK_STREAM
    static let sendFlags: Int32 = 0
    static let unixPathCapacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)
  #endif

  /// The calling thread's `errno`.
  static var errno: Int32 {
    #if canImport(Glibc)
      return Glibc.errno
    #else
      return Darwin.errno
    #endif
  }

  /// A message for an `errno` value, e.g. `Connection refused (errno 111)`.
  static func describe(_ code: Int32) -> String {
    if let text = strerror(code) { return String(cString: text) + " (errno \(code))" }
    return "errno \(code)"
  }

  /// Monotonic time in nanoseconds.
  static func now() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
  }

  /// The processors this process may run on (at least 1): the width of Swift's cooperative pool.
  static let onlineProcessors: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

  /// Creates a stream socket that is non-blocking and close-on-exec.
  static func makeSocket(family: Int32) throws(ParleyError) -> Int32 {
    #if canImport(Glibc)
      let fd = socket(family, sockStream | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    #else
      let fd = socket(family, sockStream, 0)
    #endif
    guard fd >= 0 else {
      let code = errno
      throw ParleyError(
        code == EMFILE || code == ENFILE ? .overloaded : .notConnected,
        "cannot create a socket: \(describe(code))")
    }
    #if canImport(Darwin)
      setNonBlockingCloseOnExec(fd)
      var one: Int32 = 1
      _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
    #endif
    return fd
  }

  /// Makes an existing descriptor non-blocking and close-on-exec.
  static func setNonBlockingCloseOnExec(_ fd: Int32) {
    let flags = fcntl(fd, F_GETFL, 0)
    _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
  }

  /// Accepts one connection, non-blocking and close-on-exec; `nil` when none is pending.
  static func acceptConnection(_ fd: Int32) -> (fd: Int32?, error: Int32) {
    let client = accept(fd, nil, nil)
    if client < 0 { return (nil, errno) }
    setNonBlockingCloseOnExec(client)
    #if canImport(Darwin)
      var one: Int32 = 1
      _ = setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
    #endif
    return (client, 0)
  }

  /// Sends bytes without raising SIGPIPE. Returns the count sent or -1 with `errno` set.
  static func send(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
      return Glibc.send(fd, pointer, count, sendFlags)
    #else
      return Darwin.send(fd, pointer, count, sendFlags)
    #endif
  }

  /// Reads bytes. Returns the count read, 0 at end of stream, or -1 with `errno` set.
  static func recv(_ fd: Int32, _ pointer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
      return Glibc.read(fd, pointer, count)
    #else
      return Darwin.read(fd, pointer, count)
    #endif
  }

  /// Closes a descriptor.
  static func close(_ fd: Int32) {
    #if canImport(Glibc)
      _ = Glibc.close(fd)
    #else
      _ = Darwin.close(fd)
    #endif
  }

  /// Sets an integer socket option, ignoring failure.
  static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) {
    var value = value
    _ = setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
  }

  /// The pending error of a socket (`SO_ERROR`).
  static func socketError(_ fd: Int32) -> Int32 {
    var value: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &length) == 0 else { return errno }
    return value
  }
}
