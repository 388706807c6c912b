#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a server listens or a client connects.
public enum Endpoint: Sendable, Hashable, CustomStringConvertible {
  /// A Unix domain socket file.
  case unix(path: String)
  /// A TCP address: an IPv4 or IPv6 literal, or `localhost`; port 0 asks the server for a free one.
  case tcp(host: String, port: Int)

  /// `unix:/path` or `tcp:host:port`.
  public var description: String {
    switch self {
    case .unix(let path): return "unix:\(path)"
    case .tcp(let host, let port): return host.contains(":") ? "tcp:[\(host)]:\(port)" : "tcp:\(host):\(port)"
    }
  }
}

/// A `sockaddr` built from an ``Endpoint``.
struct SocketAddress {
  var storage = sockaddr_storage()
  var length: socklen_t = 0
  var family: Int32 = 0

  /// The longest Unix socket path, in bytes (the platform's `sun_path` minus the terminator).
  static var maxUnixPathLength: Int { Sys.unixPathCapacity - 1 }

  init(_ endpoint: Endpoint) throws(ParleyError) {
    switch endpoint {
    case .unix(let path):
      let bytes = Array(path.utf8)
      guard !bytes.isEmpty else { throw ParleyError(.notConnected, "the socket path is empty") }
      guard bytes.count <= Self.maxUnixPathLength else {
        throw ParleyError(
          .notConnected,
          "the socket path \(path) is \(bytes.count) bytes long; Unix socket paths are limited to \(Self.maxUnixPathLength) bytes on this system"
        )
      }
      guard !bytes.contains(0) else {
        throw ParleyError(.notConnected, "the socket path contains a NUL byte")
      }
      var address = sockaddr_un()
      address.sun_family = sa_family_t(AF_UNIX)
      withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (index, byte) in bytes.enumerated() { raw[index] = byte }
      }
      family = AF_UNIX
      length = socklen_t(MemoryLayout<sockaddr_un>.size)
      withUnsafeMutableBytes(of: &storage) { target in
        withUnsafeBytes(of: address) { source in target.copyMemory(from: source) }
      }
    case .tcp(let host, let port):
      guard (0...65535).contains(port) else {
        throw ParleyError(.notConnected, "port \(port) is out of range")
      }
      let literal = host == "localhost" ? "127.0.0.1" : host
      var v4 = sockaddr_in()
      var v6 = sockaddr_in6()
      if inet_pton(AF_INET, literal, &v4.sin_addr) == 1 {
        v4.sin_family = sa_family_t(AF_INET)
        v4.sin_port = in_port_t(UInt16(port).bigEndian)
        family = AF_INET
        length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutableBytes(of: &storage) { target in
          withUnsafeBytes(of: v4) { source in target.copyMemory(from: source) }
        }
      } else if inet_pton(AF_INET6, literal, &v6.sin6_addr) == 1 {
        v6.sin6_family = sa_family_t(AF_INET6)
        v6.sin6_port = in_port_t(UInt16(port).bigEndian)
        family = AF_INET6
        length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        withUnsafeMutableBytes(of: &storage) { target in
          withUnsafeBytes(of: v6) { source in target.copyMemory(from: source) }
        }
      } else {
        throw ParleyError(
          .notConnected, "\(host) is not an IP address; use an IPv4 or IPv6 literal or \"localhost\"")
      }
    }
  }

  func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
    withUnsafeBytes(of: storage) { raw in
      body(raw.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: sockaddr.self), length)
    }
  }

  /// Whether a TCP address is a loopback address.
  var isLoopback: Bool {
    withUnsafeBytes(of: storage) { raw -> Bool in
      if family == AF_INET {
        let address = raw.load(as: sockaddr_in.self)
        return UInt32(bigEndian: address.sin_addr.s_addr) >> 24 == 127
      } else if family == AF_INET6 {
        let address = raw.load(as: sockaddr_in6.self)
        return withUnsafeBytes(of: address.sin6_addr) { bytes in
          bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1
        }
      }
      return family == AF_UNIX
    }
  }

  /// The port of the address bound to `fd`, and its host text.
  static func boundTCP(_ fd: Int32) -> (host: String, port: Int)? {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let ok = withUnsafeMutableBytes(of: &storage) { raw in
      getsockname(fd, raw.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: sockaddr.self), &length) == 0
    }
    guard ok else { return nil }
    return withUnsafeBytes(of: storage) { raw -> (String, Int)? in
      var text = [CChar](repeating: 0, count: 64)
      if Int32(storage.ss_family) == AF_INET {
        var address = raw.load(as: sockaddr_in.self)
        inet_ntop(AF_INET, &address.sin_addr, &text, 64)
        return (Self.string(text), Int(UInt16(bigEndian: address.sin_port)))
      } else if Int32(storage.ss_family) == AF_INET6 {
        var address = raw.load(as: sockaddr_in6.self)
        inet_ntop(AF_INET6, &address.sin6_addr, &text, 64)
        return (Self.string(text), Int(UInt16(bigEndian: address.sin6_port)))
      }
      return nil
    }
  }

  private static func string(_ text: [CChar]) -> String {
    let bytes = text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
  }
}
