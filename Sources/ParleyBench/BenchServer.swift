import Foundation
import Parley

/// The serving modes of `parley-bench`, run as child processes by the benchmark (and by the
/// runtime's child-process tests). Each prints `ready <endpoint>` (or `ready linked`) on stdout
/// once it serves and exits when stdin closes, so it never outlives its parent.
///
/// - `serve (--unix PATH | --tcp HOST:PORT) [--inline-handlers | --loop-handlers]`: a
///   ``ParleyServer`` with ``BenchService``, handlers started on the I/O thread or run with it as
///   their task executor.
/// - `serve-gateway (--unix PATH | --tcp HOST:PORT)`: a ``GatewayHub``.
/// - `serve-linked --hub ENDPOINT`: ``BenchService`` registered at the hub through a
///   ``GatewayServiceLink``.
enum BenchServer {
  static func run(mode: String, _ arguments: [String]) async {
    var arguments = arguments
    var handlers = HandlerExecution.pool
    if arguments.contains("--inline-handlers") { handlers = .startOnIOThread }
    if arguments.contains("--loop-handlers") { handlers = .ioThread }
    arguments.removeAll { $0 == "--inline-handlers" || $0 == "--loop-handlers" }
    // What serves must stay referenced for the life of the process (servers hold only weak
    // references to themselves in their accept handlers).
    var serving: [AnyObject] = []
    do {
      guard arguments.count == 2 else { throw BenchError(BenchOptions.usage) }
      switch mode {
      case "serve":
        var configuration = ServerConfiguration()
        configuration.name = "parley-bench"
        configuration.maxInFlightPerConnection = 4096
        configuration.handlerExecution = handlers
        let server = ParleyServer(configuration: configuration)
        server.register(BenchService.registration())
        serving.append(server)
        let bound = try await server.start(on: BenchEndpoint.parse(flag: arguments[0], value: arguments[1]))
        announce("ready \(bound)")
      case "serve-gateway":
        let hub = GatewayHub(configuration: gatewayConfiguration())
        serving.append(hub)
        let bound = try await hub.start(on: BenchEndpoint.parse(flag: arguments[0], value: arguments[1]))
        announce("ready \(bound)")
      case "serve-linked":
        guard arguments[0] == "--hub" else { throw BenchError(BenchOptions.usage) }
        var configuration = GatewayServiceConfiguration(name: "parley-bench")
        configuration.maxInFlight = 4096
        configuration.client.maxInFlight = 4096
        configuration.handlerExecution = handlers
        let link = try await GatewayServiceLink.connect(
          to: BenchEndpoint.parse(arguments[1]), services: [BenchService.registration()],
          configuration: configuration)
        serving.append(link)
        announce("ready linked")
      default:
        throw BenchError(BenchOptions.usage)
      }
    } catch {
      FileHandle.standardError.write(Data("parley-bench \(mode): \(error)\n".utf8))
      exit(error is BenchError ? 2 : 1)
    }
    // Exit when the parent goes away (stdin reaches end of file).
    let thread = Thread {
      _ = FileHandle.standardInput.readDataToEndOfFile()
      exit(0)
    }
    thread.start()
    while !serving.isEmpty { try? await Task.sleep(for: .seconds(3600)) }
  }

  /// The hub's settings: room for the idle-connection scenario's 1,000 connections and for
  /// 256 calls in flight per connection.
  static func gatewayConfiguration() -> GatewayConfiguration {
    var configuration = GatewayConfiguration()
    configuration.server.name = "parley-bench-gateway"
    configuration.server.maxConnections = 4096
    configuration.server.maxInFlightPerConnection = 4096
    return configuration
  }

  private static func announce(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }
}
