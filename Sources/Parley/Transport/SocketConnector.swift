import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Opens client sockets without blocking any thread of the cooperative pool.
enum SocketConnector {
  /// Connects to `endpoint` and returns a started-ready channel (not yet started).
  /// - Throws: ``ParleyError`` `NOT_CONNECTED` (or `TIMEOUT`) naming the endpoint and cause.
  static func connect(to endpoint: Endpoint, timeout: Duration, maxPendingBytes: Int) async throws
    -> SocketChannel
  {
    let address = try SocketAddress(endpoint)
    let fd = try Sys.makeSocket(family: address.family)
    let result = address.withSockAddr { Glibc_connect(fd, $0, $1) }
    let loop = EventLoop.group.next()
    let isUnix = address.family == AF_UNIX
    if result != 0 {
      let code = Sys.errno
      if code == EINPROGRESS || code == EAGAIN || code == EINTR {
        let waiter = ConnectWaiter(fd: fd, loop: loop)
        let failure = await waiter.wait(deadline: Sys.now() + timeout.nanoseconds)
        if let failure {
          Sys.close(fd)
          throw failure == ETIMEDOUT
            ? ParleyError(.timeout, "connecting to \(endpoint) timed out", mayHaveRun: false)
            : connectError(endpoint, failure)
        }
      } else {
        Sys.close(fd)
        throw connectError(endpoint, code)
      }
    }
    return SocketChannel(
      fd: fd, loop: loop, peerDescription: endpoint.description, isUnix: isUnix,
      maxPendingBytes: maxPendingBytes)
  }

  private static func connectError(_ endpoint: Endpoint, _ code: Int32) -> ParleyError {
    let cause: String
    switch code {
    case ENOENT: cause = "no socket file exists at that path"
    case ECONNREFUSED: cause = "nothing is listening there"
    case EACCES: cause = "permission denied"
    default: cause = Sys.describe(code)
    }
    return ParleyError(.notConnected, "cannot connect to \(endpoint): \(cause)", mayHaveRun: false)
  }
}

#if canImport(Glibc)
  private func Glibc_connect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    Glibc.connect(fd, address, length)
  }
#else
  private func Glibc_connect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    Darwin.connect(fd, address, length)
  }
#endif

/// Waits on the loop for a non-blocking connect to finish.
private final class ConnectWaiter: IOHandler, @unchecked Sendable {
  let fd: Int32
  let loop: EventLoop
  private let continuation = Mutex<UnsafeContinuation<Int32?, Never>?>(nil)

  init(fd: Int32, loop: EventLoop) {
    self.fd = fd
    self.loop = loop
  }

  func wait(deadline: UInt64) async -> Int32? {
    await withUnsafeContinuation { continuation in
      self.continuation.withLock { $0 = continuation }
      loop.execute { [self] in
        loop.register(fd, self)
        loop.setInterest(fd, read: false, write: true)
      }
      loop.schedule(at: deadline) { [self] in finish(ETIMEDOUT) }
    }
  }

  private func finish(_ code: Int32?) {
    guard
      let continuation = continuation.withLock({ box -> UnsafeContinuation<Int32?, Never>? in
        defer { box = nil }
        return box
      })
    else { return }
    loop.deregister(fd)
    continuation.resume(returning: code)
  }

  func ioWritable() {
    let code = Sys.socketError(fd)
    finish(code == 0 ? nil : code)
  }

  func ioReadable() { ioWritable() }
}
