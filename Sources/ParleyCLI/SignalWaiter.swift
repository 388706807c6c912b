import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The write end of the pipe that the signal handler reports signal numbers to; set once, before
/// the handler is installed, and only read by it (`write(2)` is async-signal-safe).
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Waits for SIGINT or SIGTERM, which no longer kill the process once this exists.
///
/// The handler is installed with `signal(2)` before `init` returns, so a signal sent as soon as
/// the process says it is ready is never lost (a `DispatchSource` registers its handler
/// asynchronously, and a signal that arrived in between was ignored).
final class SignalWaiter: Sendable {
  private let readEnd: Int32

  init() {
    var ends: [Int32] = [-1, -1]
    if pipe(&ends) != 0 { ends = [-1, -1] }
    readEnd = ends[0]
    signalPipeWriteEnd = ends[1]
    for number in [SIGINT, SIGTERM] {
      signal(number) { received in
        var byte = UInt8(truncatingIfNeeded: received)
        _ = write(signalPipeWriteEnd, &byte, 1)
      }
    }
  }

  /// Returns the name of the first signal received.
  func wait() async -> String {
    let readEnd = readEnd
    let number = await withCheckedContinuation { continuation in
      Thread {
        var byte: UInt8 = 0
        var result = read(readEnd, &byte, 1)
        while result < 0 && errno == EINTR { result = read(readEnd, &byte, 1) }
        continuation.resume(returning: result == 1 ? Int32(byte) : -1)
      }.start()
    }
    switch number {
    case SIGINT: return "SIGINT"
    case SIGTERM: return "SIGTERM"
    default: return "end"
    }
  }
}
