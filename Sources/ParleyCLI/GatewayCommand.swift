import Dispatch
import Foundation
import Parley

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `parley gateway [--socket PATH] [--tcp HOST:PORT] [--policy FILE]`: runs a gateway hub until
/// SIGINT/SIGTERM.
struct GatewayCommand: CLICommand {
  let name = "gateway"
  let summary = "Run a gateway hub that routes calls between named services."
  let help = """
    usage: parley gateway [--socket PATH] [--tcp HOST:PORT] [--name NAME] [--heartbeat-ms N]
                          [--policy FILE] [--max-connections N] [--max-pending-kib N]

    Runs a gateway hub: services register with it by name, callers send it calls, and it
    routes each call to a live instance and the reply back. Prints the endpoints it listens on,
    then runs until SIGINT or SIGTERM, when it shuts down cleanly (socket file removed).

    options:
      --socket PATH     Unix socket to listen on (its directory is created 0700 if missing);
                        default: gateway.sock in a new private temporary directory
      --tcp HOST:PORT   also listen on TCP (loopback only unless PARLEY_SHARED_SECRET is set)
      --name NAME       the hub's name in status and welcome (default: gateway)
      --heartbeat-ms N  ping quiet connections every N ms; an instance that misses 3 pings is
                        dropped (default: 5000)
      --policy FILE     who may register and call which services: a GatewayPolicy JSON file,
                        e.g. {"rules":[{"uids":[1001],"register":["User*"],"call":["*"]}]}
                        (default: only the gateway's own user, who may do everything)
      --max-connections N  connections held at once; more are refused with OVERLOADED
                        (default: 1024)
      --max-pending-kib N  bytes queued for one connection that does not read, in KiB;
                        beyond it events to it are dropped and counted (default: 65536)
      -h, --help        show this help
    """

  func run(_ arguments: [String]) async -> Int32 {
    var options: GatewayOptions
    do {
      options = try GatewayOptions.parse(arguments)
    } catch {
      printError("error: \(error.message)\n\n\(help)")
      return ExitStatus.usage
    }
    var configuration = GatewayConfiguration()
    configuration.server.name = options.name
    configuration.server.heartbeatInterval = .milliseconds(options.heartbeatMs)
    if let limit = options.maxConnections { configuration.server.maxConnections = limit }
    if let kib = options.maxPendingKiB { configuration.server.maxPendingWriteBytes = kib * 1024 }
    if let secret = ProcessInfo.processInfo.environment["PARLEY_SHARED_SECRET"], !secret.isEmpty {
      configuration.server.sharedSecret = secret
    }
    if let path = options.policy {
      do {
        configuration.policy = try GatewayPolicy.load(fromFile: path)
      } catch {
        printError("error: --policy: \(error.description)")
        return ExitStatus.failure
      }
      printNow("parley gateway: policy from \(path): \(configuration.policy.rules.count) rule(s)")
    }
    var temporaryDirectory: String?
    let socket: String
    if let path = options.socket {
      socket = path
    } else {
      do {
        let directory = try TestServer.makeTemporaryDirectory(prefix: "parley-gateway")
        temporaryDirectory = directory
        socket = directory + "/gateway.sock"
      } catch {
        printError("error: \(error)")
        return ExitStatus.failure
      }
    }
    let hub = GatewayHub(configuration: configuration)
    let stop = SignalWaiter()
    do {
      try await hub.start(on: .unix(path: socket))
      if let (host, port) = options.tcp { try await hub.start(on: .tcp(host: host, port: port)) }
    } catch {
      printError("error: \(error)")
      if let temporaryDirectory { TestServer.removeTree(temporaryDirectory) }
      return ExitStatus.failure
    }
    for endpoint in hub.boundEndpoints { printNow("parley gateway listening on \(endpoint)") }
    printNow("stop with Ctrl-C (SIGINT) or SIGTERM")
    let signal = await stop.wait()
    printNow("parley gateway: \(signal), shutting down")
    await hub.stop(grace: .seconds(2))
    if let temporaryDirectory { TestServer.removeTree(temporaryDirectory) }
    return ExitStatus.success
  }
}

/// The options of `parley gateway`.
struct GatewayOptions {
  var socket: String?
  var tcp: (String, Int)?
  var name = "gateway"
  var heartbeatMs = 5000
  var policy: String?
  var maxConnections: Int?
  var maxPendingKiB: Int?

  static func parse(_ arguments: [String]) throws(UsageError) -> GatewayOptions {
    var options = GatewayOptions()
    var reader = ArgumentReader(arguments)
    while let argument = reader.next() {
      switch argument {
      case "--socket": options.socket = try reader.value(for: argument)
      case "--tcp":
        let text = try reader.value(for: argument)
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]) else {
          throw UsageError(message: "--tcp wants HOST:PORT, not '\(text)'")
        }
        options.tcp = (String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port)
      case "--name": options.name = try reader.value(for: argument)
      case "--policy": options.policy = try reader.value(for: argument)
      case "--max-connections": options.maxConnections = try Self.positive(argument, &reader)
      case "--max-pending-kib": options.maxPendingKiB = try Self.positive(argument, &reader)
      case "--heartbeat-ms":
        let text = try reader.value(for: argument)
        guard let value = Int(text), value >= 0 else {
          throw UsageError(message: "--heartbeat-ms wants a number of milliseconds, not '\(text)'")
        }
        options.heartbeatMs = value
      default: throw UsageError(message: "unknown argument '\(argument)'")
      }
    }
    return options
  }

  private static func positive(_ option: String, _ reader: inout ArgumentReader) throws(UsageError) -> Int {
    let text = try reader.value(for: option)
    guard let value = Int(text), value > 0, value <= Int(Int32.max) else {
      throw UsageError(message: "\(option) wants a positive number, not '\(text)'")
    }
    return value
  }
}

/// A command-line mistake, reported with the command's help; exit status 2.
struct UsageError: Error {
  var message: String
}

/// Reads `--option value` pairs and operands.
struct ArgumentReader {
  private var arguments: [String]
  private var index = 0

  init(_ arguments: [String]) { self.arguments = arguments }

  mutating func next() -> String? {
    guard index < arguments.count else { return nil }
    defer { index += 1 }
    return arguments[index]
  }

  mutating func value(for option: String) throws(UsageError) -> String {
    guard let value = next() else { throw UsageError(message: "\(option) needs a value") }
    return value
  }
}

/// Parses `--gateway` values: `unix:PATH`, `tcp:HOST:PORT`, or a socket path.
enum GatewayAddress {
  static func parse(_ text: String) throws(UsageError) -> Endpoint {
    if text.hasPrefix("unix:") { return .unix(path: String(text.dropFirst(5))) }
    if text.hasPrefix("tcp:") {
      let rest = text.dropFirst(4)
      guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]) else {
        throw UsageError(message: "--gateway tcp: wants tcp:HOST:PORT, not '\(text)'")
      }
      return .tcp(
        host: String(rest[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: port)
    }
    return .unix(path: text)
  }

  /// Connects a gateway client named `name`, with the shared secret from the environment.
  static func connect(_ endpoint: Endpoint, name: String) async throws -> GatewayClient {
    var configuration = ClientConfiguration()
    configuration.name = name
    configuration.token = ProcessInfo.processInfo.environment["PARLEY_SHARED_SECRET"]
    return try await GatewayClient.connect(to: endpoint, configuration: configuration)
  }
}

/// Writes a line to standard output at once (unbuffered, so pipes see it immediately).
func printNow(_ text: String) {
  FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
