import Parley

/// Endpoints as the benchmark's children print and take them.
enum BenchEndpoint {
  /// Parses `unix:PATH` or `tcp:HOST:PORT` (an IPv6 host may be bracketed).
  /// - Throws: ``BenchError`` for anything else.
  static func parse(_ text: String) throws -> Endpoint {
    if text.hasPrefix("unix:") { return .unix(path: String(text.dropFirst(5))) }
    if text.hasPrefix("tcp:"), let colon = text.lastIndex(of: ":"),
      let port = Int(text[text.index(after: colon)...])
    {
      var host = String(text[text.index(text.startIndex, offsetBy: 4)..<colon])
      if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
      return .tcp(host: host, port: port)
    }
    throw BenchError("cannot parse endpoint '\(text)' (want unix:PATH or tcp:HOST:PORT)")
  }

  /// Parses a server's `--unix PATH` or `--tcp HOST:PORT` flag and value.
  /// - Throws: ``BenchError`` for another flag or a malformed address.
  static func parse(flag: String, value: String) throws -> Endpoint {
    switch flag {
    case "--unix": return .unix(path: value)
    case "--tcp": return try parse("tcp:" + value)
    default: throw BenchError("expected --unix PATH or --tcp HOST:PORT, not '\(flag)'")
    }
  }

  /// The flag and value that ask a child to serve on `endpoint`.
  static func arguments(for endpoint: Endpoint) -> [String] {
    switch endpoint {
    case .unix(let path): return ["--unix", path]
    case .tcp(let host, let port): return ["--tcp", "\(host):\(port)"]
    }
  }
}
