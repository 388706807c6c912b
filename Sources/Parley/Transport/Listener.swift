import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A listening socket on an event loop; hands each accepted descriptor to `onAccept`
/// (on the loop thread).
final class Listener: IOHandler, @unchecked Sendable {
  let fd: Int32
  let loop: EventLoop
  let isUnix: Bool
  private let onAccept: @Sendable (Int32) -> Void
  private var closed = false  // loop thread only

  private init(fd: Int32, loop: EventLoop, isUnix: Bool, onAccept: @escaping @Sendable (Int32) -> Void) {
    self.fd = fd
    self.loop = loop
    self.isUnix = isUnix
    self.onAccept = onAccept
  }

  /// Binds and listens on `address`; returns once the loop watches the socket.
  static func open(
    _ address: SocketAddress, describe endpoint: Endpoint, onAccept: @escaping @Sendable (Int32) -> Void
  ) async throws -> Listener {
    let fd = try Sys.makeSocket(family: address.family)
    if address.family != AF_UNIX { Sys.setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1) }
    if address.family == AF_INET6 { Sys.setOption(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, 1) }
    guard address.withSockAddr({ bind(fd, $0, $1) }) == 0 else {
      let code = Sys.errno
      Sys.close(fd)
      let cause = code == EADDRINUSE ? "the address is already in use" : Sys.describe(code)
      throw ParleyError(.notConnected, "cannot bind \(endpoint): \(cause)", mayHaveRun: false)
    }
    guard listen(fd, 512) == 0 else {
      let code = Sys.errno
      Sys.close(fd)
      throw ParleyError(
        .notConnected, "cannot listen on \(endpoint): \(Sys.describe(code))", mayHaveRun: false)
    }
    let loop = EventLoop.group.next()
    let listener = Listener(fd: fd, loop: loop, isUnix: address.family == AF_UNIX, onAccept: onAccept)
    OpenSockets.opened(fd, "listener on \(endpoint)")
    await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
      loop.execute {
        loop.register(fd, listener)
        continuation.resume()
      }
    }
    return listener
  }

  func ioReadable() {
    for _ in 0..<64 {
      let (client, code) = Sys.acceptConnection(fd)
      guard let client else {
        if code == EMFILE || code == ENFILE {
          // Out of descriptors: stop watching briefly instead of spinning.
          loop.setInterest(fd, read: false, write: false)
          loop.schedule(at: Sys.now() + 100_000_000) { [self] in
            if !closed { loop.setInterest(fd, read: true, write: false) }
          }
        }
        return
      }
      onAccept(client)
    }
  }

  func ioWritable() {}

  /// Stops listening and closes the socket; returns once done.
  func close() async {
    await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
      loop.execute { [self] in
        if !closed {
          closed = true
          loop.deregister(fd)
          OpenSockets.closed(fd)
          Sys.close(fd)
        }
        continuation.resume()
      }
    }
  }
}
