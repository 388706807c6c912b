// The measuring side shared by the Swift echo clients (Parley, gRPC Swift): the same options,
// closed-loop driver, warm-up window and JSON result line as the C and Node.js clients.
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a server listens or a client connects.
public enum EchoEndpoint: Sendable, CustomStringConvertible {
  /// A Unix domain socket file.
  case unix(path: String)
  /// An IPv4 TCP address.
  case tcp(host: String, port: Int)

  /// `unix:PATH` or `tcp:HOST:PORT`.
  public var description: String {
    switch self {
    case .unix(let path): return "unix:\(path)"
    case .tcp(let host, let port): return "tcp:\(host):\(port)"
    }
  }

  /// Parses `unix:PATH` or `tcp:HOST:PORT`.
  public init?(_ text: String) {
    if text.hasPrefix("unix:") {
      self = .unix(path: String(text.dropFirst(5)))
    } else if text.hasPrefix("tcp:"), let colon = text.lastIndex(of: ":"),
      let port = Int(text[text.index(after: colon)...])
    {
      self = .tcp(host: String(text[text.index(text.startIndex, offsetBy: 4)..<colon]), port: port)
    } else {
      return nil
    }
  }

  /// Parses the server's `--unix PATH` or `--tcp HOST:PORT` arguments.
  public init?(serverArguments arguments: [String]) {
    guard arguments.count == 2 else { return nil }
    switch arguments[0] {
    case "--unix": self.init("unix:" + arguments[1])
    case "--tcp": self.init("tcp:" + arguments[1])
    default: return nil
    }
  }
}

/// The client's options: `--endpoint E [--in-flight N] [--warmup S] [--duration S]`.
public struct ClientOptions: Sendable {
  /// The server to call.
  public var endpoint: EchoEndpoint
  /// Calls kept in flight on the one connection (1: sequential).
  public var inFlight = 1
  /// Seconds of calls before measuring starts.
  public var warmup = 1.0
  /// Seconds measured.
  public var duration = 3.0

  /// Parses the client's arguments, or returns nil when they are not valid.
  public init?(_ arguments: [String]) {
    var endpoint: EchoEndpoint?
    var index = 0
    while index + 1 < arguments.count {
      let value = arguments[index + 1]
      switch arguments[index] {
      case "--endpoint": endpoint = EchoEndpoint(value)
      case "--in-flight": inFlight = Int(value) ?? 0
      case "--warmup": warmup = Double(value) ?? -1
      case "--duration": duration = Double(value) ?? -1
      case "--payload": break  // fixed 64-byte payload
      default: return nil
      }
      index += 2
    }
    guard let endpoint, index == arguments.count, inFlight >= 1, warmup >= 0, duration > 0 else { return nil }
    self.endpoint = endpoint
  }
}

/// The 64-byte JSON payload every implementation echoes (the same as `parley-bench`'s).
public let echoPayload: [UInt8] = {
  let text = #"{"id":"ord_42","note":"#
  let pad = String(repeating: "x", count: 64 - text.utf8.count - 3)
  return Array((text + "\"" + pad + "\"}").utf8)
}()

/// Monotonic nanoseconds.
@inline(__always)
public func monotonicNanos() -> UInt64 {
  var spec = timespec()
  clock_gettime(CLOCK_MONOTONIC, &spec)
  return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
}

/// What a client measured: latencies (ns) of the calls completed inside the measured window, and
/// the number of calls completed in all (warm-up included).
public struct Measurement: Sendable {
  /// Latencies in nanoseconds of the calls completed in the measured window.
  public var latencies: [UInt64] = []
  /// Calls completed, warm-up included.
  public var totalCalls = 0
}

/// Runs `inFlight` loops of `call` on concurrent tasks until the window closes, on `executor`
/// when one is given (e.g. the I/O thread of the connection they call through). `call` is
/// `nonisolated(nonsending)`: it runs on its loop's executor, as a call written inline in the loop
/// would (a plain async closure costs one executor switch per call to enter it).
public func runClosedLoop(
  _ options: ClientOptions, executor: (any TaskExecutor)? = nil,
  call: nonisolated(nonsending) @escaping @Sendable () async throws -> Void
) async throws -> Measurement {
  let start = monotonicNanos()
  let from = start + UInt64(options.warmup * 1e9)
  let to = from + UInt64(options.duration * 1e9)
  return try await withThrowingTaskGroup(of: Measurement.self) { group in
    for _ in 0..<options.inFlight {
      group.addTask(executorPreference: executor) {
        var part = Measurement()
        part.latencies.reserveCapacity(1 << 16)
        while true {
          let before = monotonicNanos()
          if before >= to { break }
          try await call()
          let after = monotonicNanos()
          part.totalCalls += 1
          if after >= from && after < to { part.latencies.append(after - before) }
        }
        return part
      }
    }
    var all = Measurement()
    for try await part in group {
      all.latencies += part.latencies
      all.totalCalls += part.totalCalls
    }
    return all
  }
}

/// Prints the JSON result line the comparison script reads (with this process's CPU time).
public func printResult(_ measurement: Measurement, options: ClientOptions) {
  let sorted = measurement.latencies.sorted()
  func at(_ q: Double) -> String {
    guard !sorted.isEmpty else { return "0" }
    return String(format: "%.2f", Double(sorted[Int(Double(sorted.count - 1) * q)]) / 1000)
  }
  var spec = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)  // user + system time of every thread
  let cpu = Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  let line =
    #"{"calls":\#(sorted.count),"seconds":\#(options.duration),"p50":\#(at(0.5)),"p99":\#(at(0.99)),"p999":\#(at(0.999)),"totalCalls":\#(measurement.totalCalls),"cpuSeconds":\#(String(format: "%.3f", cpu))}"#
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Prints `ready ENDPOINT` and flushes stdout, so the script can start the client.
public func announceReady(_ endpoint: EchoEndpoint) {
  FileHandle.standardOutput.write(Data("ready \(endpoint)\n".utf8))
}

/// Writes `message` to standard error and exits with `code`.
public func fail(_ message: String, code: Int32 = 1) -> Never {
  FileHandle.standardError.write(Data((message + "\n").utf8))
  exit(code)
}
