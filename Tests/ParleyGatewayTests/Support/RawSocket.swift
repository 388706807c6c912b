import Foundation
import Parley

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A bare Unix-socket peer that writes hand-made frames and never reads: the slowest possible
/// subscriber. Closed by ``close()``.
final class RawSocket: Sendable {
  let fd: Int32

  /// Connects to the socket at `path`.
  init(path: String) throws {
    #if canImport(Glibc)
      let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let fd = socket(AF_UNIX, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw ParleyError(.notConnected, "socket() failed") }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
      closeDescriptor(fd)
      throw ParleyError(.notConnected, "path too long")
    }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (index, byte) in bytes.enumerated() { raw[index] = byte }
    }
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard result == 0 else {
      closeDescriptor(fd)
      throw ParleyError(.notConnected, "connect() failed")
    }
    self.fd = fd
  }

  /// Writes one frame holding `json`.
  func send(json: String) {
    let body = Array(json.utf8)
    let length = UInt32(body.count)
    var frame: [UInt8] = [
      UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF),
    ]
    frame += body
    _ = frame.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
  }

  func close() {
    closeDescriptor(fd)
  }
}

private func closeDescriptor(_ fd: Int32) {
  #if canImport(Glibc)
    _ = Glibc.close(fd)
  #elseif canImport(Darwin)
    _ = Darwin.close(fd)
  #endif
}
