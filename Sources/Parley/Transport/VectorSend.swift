#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Gathered sends: many buffers in one system call (`sendmsg` with an `iovec` list, without
/// raising SIGPIPE, which a plain `writev` would on a closed socket).
enum VectorSend {
  /// Buffers described per call: enough for hundreds of small frames or a few large ones, far
  /// below every platform's `IOV_MAX` (1,024 on Linux and Darwin).
  static let maxVectors = 128

  /// Sends the `count` buffers at `vectors`, in order. Returns the bytes sent (possibly fewer
  /// than described: the socket is full) or -1 with `errno` set.
  static func send(_ fd: Int32, _ vectors: UnsafeMutablePointer<iovec>, _ count: Int) -> Int {
    var message = msghdr()
    message.msg_iov = vectors
    message.msg_iovlen = numericCast(count)
    return sendmsg(fd, &message, Sys.sendFlags)
  }
}
