import Foundation
import Parley

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Command-line options of the benchmark.
struct BenchOptions {
  var jsonPath: String?
  var sameProcess = false
  var inlineHandlers = false
  var sequentialCalls = 20_000
  var concurrentCalls = 300_000
  var inFlight = 64

  init(_ arguments: [String]) throws {
    var index = 0
    func value() throws -> String {
      index += 1
      guard index < arguments.count else { throw BenchError("missing value for \(arguments[index - 1])") }
      return arguments[index]
    }
    while index < arguments.count {
      switch arguments[index] {
      case "--json": jsonPath = try value()
      case "--same-process": sameProcess = true
      case "--inline-handlers": inlineHandlers = true
      case "--sequential": sequentialCalls = try Int(value()) ?? sequentialCalls
      case "--concurrent": concurrentCalls = try Int(value()) ?? concurrentCalls
      case "--in-flight": inFlight = try Int(value()) ?? inFlight
      default: throw BenchError("unknown option \(arguments[index])")
      }
      index += 1
    }
  }
}

struct BenchError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// One measured scenario.
struct BenchResult {
  var transport: String
  var scenario: String
  var calls: Int
  var seconds: Double
  var p50Micros: Double?
  var p99Micros: Double?
  var callsPerSecond: Double { Double(calls) / seconds }
}

/// Runs the scenarios over Unix sockets and TCP loopback and reports them.
struct Benchmark {
  let options: BenchOptions

  func run() async throws {
    var results: [BenchResult] = []
    let directory = try TestServer.makeTemporaryDirectory(prefix: "parley-bench")
    defer { TestServer.removeTree(directory) }
    for transport in ["unix", "tcp"] {
      let endpoint: Endpoint =
        transport == "unix" ? .unix(path: directory + "/bench.sock") : .tcp(host: "127.0.0.1", port: 0)
      let server = try await startServer(on: endpoint)
      var configuration = ClientConfiguration()
      configuration.name = "parley-bench"
      configuration.maxInFlight = 4096
      let connection = try await ClientConnection.connect(to: server.endpoint, configuration: configuration)
      results.append(try await sequential(connection, transport: transport))
      results.append(try await concurrent(connection, transport: transport))
      await connection.close()
      await server.stop()
    }
    printTable(results)
    if let path = options.jsonPath { try writeJSON(results, to: path) }
  }

  // MARK: Server

  struct RunningServer {
    var endpoint: Endpoint
    var stop: () async -> Void
  }

  private func startServer(on endpoint: Endpoint) async throws -> RunningServer {
    if options.sameProcess {
      var configuration = ServerConfiguration()
      configuration.startsHandlersOnIOThread = options.inlineHandlers
      let server = ParleyServer(configuration: configuration)
      server.register(BenchService.registration())
      let bound = try await server.start(on: endpoint)
      return RunningServer(endpoint: bound, stop: { await server.stop() })
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    switch endpoint {
    case .unix(let path): process.arguments = ["serve", "--unix", path]
    case .tcp(let host, let port): process.arguments = ["serve", "--tcp", "\(host):\(port)"]
    }
    if options.inlineHandlers { process.arguments?.append("--inline-handlers") }
    let output = Pipe()
    let input = Pipe()
    process.standardOutput = output
    process.standardInput = input
    try process.run()
    let line = readLine(from: output.fileHandleForReading)
    guard line.hasPrefix("ready ") else { throw BenchError("the server did not start: \(line)") }
    let bound = try parseEndpoint(String(line.dropFirst(6)))
    return RunningServer(
      endpoint: bound,
      stop: {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
      })
  }

  private func readLine(from handle: FileHandle) -> String {
    var bytes: [UInt8] = []
    while true {
      let chunk = handle.readData(ofLength: 1)
      guard let byte = chunk.first, byte != 0x0A else { break }
      bytes.append(byte)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private func parseEndpoint(_ text: String) throws -> Endpoint {
    if text.hasPrefix("unix:") { return .unix(path: String(text.dropFirst(5))) }
    if text.hasPrefix("tcp:"), let colon = text.lastIndex(of: ":"),
      let port = Int(text[text.index(after: colon)...])
    {
      let host = text[text.index(text.startIndex, offsetBy: 4)..<colon].trimmingCharacters(
        in: CharacterSet(charactersIn: "[]"))
      return .tcp(host: host, port: port)
    }
    throw BenchError("cannot parse endpoint \(text)")
  }

  // MARK: Scenarios

  private func call(_ connection: ClientConnection) async throws {
    _ = try await connection.call(
      contract: BenchService.contract, version: 1, service: BenchService.service, method: "echo",
      payload: BenchService.payload)
  }

  private func sequential(_ connection: ClientConnection, transport: String) async throws -> BenchResult {
    for _ in 0..<1000 { try await call(connection) }
    var latencies: [Double] = []
    latencies.reserveCapacity(options.sequentialCalls)
    let start = now()
    for _ in 0..<options.sequentialCalls {
      let before = now()
      try await call(connection)
      latencies.append(now() - before)
    }
    let seconds = now() - start
    latencies.sort()
    return BenchResult(
      transport: transport, scenario: "sequential (1 in flight)", calls: options.sequentialCalls,
      seconds: seconds,
      p50Micros: latencies[latencies.count / 2] * 1e6, p99Micros: latencies[latencies.count * 99 / 100] * 1e6)
  }

  private func concurrent(_ connection: ClientConnection, transport: String) async throws -> BenchResult {
    let workers = options.inFlight
    let perWorker = options.concurrentCalls / workers
    try await withThrowingTaskGroup(of: Void.self) { group in  // warm-up
      for _ in 0..<workers { group.addTask { for _ in 0..<100 { try await call(connection) } } }
      try await group.waitForAll()
    }
    let start = now()
    try await withThrowingTaskGroup(of: Void.self) { group in
      for _ in 0..<workers { group.addTask { for _ in 0..<perWorker { try await call(connection) } } }
      try await group.waitForAll()
    }
    let seconds = now() - start
    return BenchResult(
      transport: transport, scenario: "\(workers) in flight", calls: perWorker * workers, seconds: seconds,
      p50Micros: nil, p99Micros: nil)
  }

  private func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }

  // MARK: Reporting

  private func printTable(_ results: [BenchResult]) {
    func pad(_ text: String, _ width: Int) -> String {
      text + String(repeating: " ", count: max(0, width - text.count))
    }
    func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }
    print(
      "parley-bench: \(BenchService.payload.count)-byte JSON payload, server in \(options.sameProcess ? "the same process" : "a child process"), handlers start \(options.inlineHandlers ? "on the I/O thread" : "on the pool")"
    )
    print(
      pad("transport", 10) + pad("scenario", 26) + pad("calls", 10) + pad("calls/s", 12) + pad("p50 µs", 10)
        + "p99 µs")
    for result in results {
      print(
        pad(result.transport, 10) + pad(result.scenario, 26) + pad("\(result.calls)", 10)
          + pad(format(result.callsPerSecond, 0), 12) + pad(result.p50Micros.map { format($0, 1) } ?? "-", 10)
          + (result.p99Micros.map { format($0, 1) } ?? "-"))
    }
  }

  private func writeJSON(_ results: [BenchResult], to path: String) throws {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("payloadBytes")
    writer.int(BenchService.payload.count)
    writer.key("serverInChildProcess")
    writer.bool(!options.sameProcess)
    writer.key("handlersStartOnIOThread")
    writer.bool(options.inlineHandlers)
    writer.key("results")
    writer.beginArray()
    for result in results {
      writer.beginObject()
      writer.key("transport")
      writer.string(result.transport)
      writer.key("scenario")
      writer.string(result.scenario)
      writer.key("calls")
      writer.int(result.calls)
      writer.key("seconds")
      writer.double(result.seconds)
      writer.key("callsPerSecond")
      writer.double(result.callsPerSecond.rounded())
      if let p50 = result.p50Micros {
        writer.key("p50Micros")
        writer.double((p50 * 10).rounded() / 10)
      }
      if let p99 = result.p99Micros {
        writer.key("p99Micros")
        writer.double((p99 * 10).rounded() / 10)
      }
      writer.endObject()
    }
    writer.endArray()
    writer.endObject()
    try Data(writer.bytes + [0x0A]).write(to: URL(fileURLWithPath: path))
  }
}
