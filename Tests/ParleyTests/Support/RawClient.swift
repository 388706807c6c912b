import Foundation
import Parley

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A deliberately simple "foreign" client on blocking POSIX sockets, independent of the runtime,
/// to send arbitrary (also broken) bytes and read what the server answers.
final class RawClient: @unchecked Sendable {
  let fd: Int32
  private var isOpen = true

  init(path: String) throws {
    #if canImport(Glibc)
      fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    #else
      fd = socket(AF_UNIX, SOCK_STREAM, 0)
    #endif
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (index, byte) in bytes.enumerated() { raw[index] = byte }
    }
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard result == 0 else {
      close(fd)
      throw ParleyError(.notConnected, "raw connect failed: errno \(errno)")
    }
    var timeout = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  }

  deinit { closeSocket() }

  /// Closes the socket (idempotent).
  func closeSocket() {
    if isOpen {
      isOpen = false
      close(fd)
    }
  }

  /// Sends raw bytes; returns false if the peer is gone.
  @discardableResult
  func send(_ bytes: [UInt8]) -> Bool {
    var sent = 0
    while sent < bytes.count {
      let result = bytes.withUnsafeBytes { posixSend(fd, $0.baseAddress! + sent, $0.count - sent) }
      if result < 0 && errno == EINTR { continue }  // a signal (e.g. SIGCHLD of a test's child)
      if result <= 0 { return false }
      sent += result
    }
    return true
  }

  /// Sends a JSON envelope as one frame.
  @discardableResult
  func send(json: String) -> Bool { send(FrameEncoder.frame(Array(json.utf8))) }

  /// Performs the handshake (JSON codec), blocking: for use off the cooperative pool.
  func handshakeSync(name: String = "raw") throws {
    send(json: #"{"v":1,"kind":"hello","codecs":["json"],"contracts":[],"name":"\#(name)"}"#)
    guard let welcome = readEnvelopeSync() else {
      throw ParleyError(.protocolError, "no welcome: the connection ended (errno \(errno))")
    }
    guard welcome.kind == "welcome" else {
      throw ParleyError(.protocolError, "no welcome: got \(welcome.kind) \(welcome.code ?? "")")
    }
  }

  private func readExactly(_ count: Int) -> [UInt8]? {
    var buffer = [UInt8](repeating: 0, count: count)
    var received = 0
    while received < count {
      let result = buffer.withUnsafeMutableBytes {
        posixRead(fd, $0.baseAddress! + received, count - received)
      }
      if result < 0 && errno == EINTR { continue }  // a signal (e.g. SIGCHLD of a test's child)
      if result <= 0 { return nil }
      received += result
    }
    return buffer
  }

  /// Reads one frame body, or nil at end of stream / timeout.
  func readFrame() -> [UInt8]? {
    guard let header = readExactly(4) else { return nil }
    let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
    return readExactly(length)
  }

  struct Received {
    var kind = ""
    var id: UInt64?
    var code: String?
    var ok: Bool?
    var payload: String?
  }

  /// Reads and summarises one envelope (blocking).
  func readEnvelopeSync() -> Received? {
    guard let frame = readFrame() else { return nil }
    var result = Received()
    var reader = JSONReader(frame)
    do {
      try reader.beginObject()
      while let key = try reader.nextMember() {
        switch key {
        case "kind": result.kind = try reader.readString()
        case "id": result.id = try reader.readUInt64()
        case "code": result.code = try reader.readString()
        case "ok": result.ok = try reader.readBool()
        case "payload": result.payload = String(decoding: frame[try reader.readRawValue()], as: UTF8.self)
        case "error":
          try reader.beginObject()
          while let inner = try reader.nextMember() {
            if inner == "code" { result.code = try reader.readString() } else { try reader.skipValue() }
          }
        default: try reader.skipValue()
        }
      }
    } catch { return nil }
    return result
  }

  /// Reads envelopes until one of `kind` arrives (skipping pings), or nil (blocking).
  func readSync(kind: String) -> Received? {
    while let envelope = readEnvelopeSync() {
      if envelope.kind == kind { return envelope }
    }
    return nil
  }

  /// Whether the server closed the connection (reads until EOF, skipping frames; blocking).
  func readsUntilClosedSync() -> Bool {
    var scratch = [UInt8](repeating: 0, count: 4096)
    while true {
      let result = scratch.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress!, 4096) }
      if result == 0 { return true }
      if result < 0 { return errno == ECONNRESET }
    }
  }

  // Async versions run the blocking calls on their own thread, never on the cooperative pool
  // (which the server under test needs to run its handlers).

  /// Performs the handshake.
  func handshake(name: String = "raw") async throws {
    try await offPool { try self.handshakeSync(name: name) }
  }

  /// Reads envelopes until one of `kind` arrives, or nil.
  func read(kind: String) async -> Received? { await offPool { self.readSync(kind: kind) } }

  /// Whether the server closed the connection.
  func readsUntilClosed() async -> Bool { await offPool { self.readsUntilClosedSync() } }

  /// Reads and discards whatever has arrived, without waiting; returns false at end of stream.
  func drainAvailable() -> Bool {
    var scratch = [UInt8](repeating: 0, count: 65536)
    while true {
      let result = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, 65536, Int32(MSG_DONTWAIT)) }
      if result == 0 { return false }
      if result < 0 { return errno == EAGAIN || errno == EWOULDBLOCK }
    }
  }

  /// Half-closes the sending side.
  func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }
}

private func posixRead(_ fd: Int32, _ pointer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    return Glibc.read(fd, pointer, count)
  #else
    return Darwin.read(fd, pointer, count)
  #endif
}

private func posixSend(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    return Glibc.send(fd, pointer, count, Int32(MSG_NOSIGNAL))
  #else
    return Darwin.send(fd, pointer, count, 0)
  #endif
}

/// Runs blocking work on a fresh thread and waits for it without holding a cooperative thread.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    let thread = Thread { continuation.resume(with: Result { try body() }) }
    thread.start()
  }
}

/// Runs blocking work on a fresh thread and waits for it without holding a cooperative thread.
func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
  await withCheckedContinuation { continuation in
    let thread = Thread { continuation.resume(returning: body()) }
    thread.start()
  }
}

/// A blocking Unix stream socket (platform-neutral).
func unixStreamSocket() -> Int32 {
  #if canImport(Glibc)
    return socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
  #else
    return socket(AF_UNIX, SOCK_STREAM, 0)
  #endif
}

/// A connected pair of non-blocking Unix stream sockets (`socketpair`), or nil when it fails.
func nonBlockingUnixSocketPair() -> (Int32, Int32)? {
  var pair: [Int32] = [0, 0]
  #if canImport(Glibc)
    let type = Int32(SOCK_STREAM.rawValue)
  #else
    let type = SOCK_STREAM
  #endif
  guard socketpair(AF_UNIX, type, 0, &pair) == 0 else { return nil }
  for fd in pair { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
  return (pair[0], pair[1])
}
