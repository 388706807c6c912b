import Parley

/// A socket kind the scenarios run over.
enum BenchTransport: String, CaseIterable, Sendable {
  case unix
  case tcp

  /// An endpoint to listen on: a socket file in `directory`, or loopback port 0.
  func listenEndpoint(directory: String, name: String) -> Endpoint {
    switch self {
    case .unix: return .unix(path: directory + "/" + name + ".sock")
    case .tcp: return .tcp(host: "127.0.0.1", port: 0)
    }
  }

  /// How the report names it.
  var label: String { self == .unix ? "Unix socket" : "TCP loopback" }
}

/// CPU seconds of the server side: the process serving the calls (the direct server, or the
/// service linked to the hub) and the gateway hub's, if there is one.
struct ServerCPU: Sendable {
  var service: Double
  var hub: Double?

  /// What was used between `before` and `self`.
  func since(_ before: ServerCPU) -> ServerCPU {
    ServerCPU(service: service - before.service, hub: hub.map { $0 - (before.hub ?? 0) })
  }
}

/// Where a scenario's calls go: a direct server, or a gateway hub with the bench service linked
/// to it. Servers run in child processes (this executable in a serving mode) unless
/// `--same-process` asks for an in-process direct server.
final class BenchTopology: @unchecked Sendable {  // owned by one scenario at a time
  /// Whether calls are direct or routed by a gateway.
  enum Route: String, Sendable {
    case direct
    case gateway
  }

  /// What clients connect to (the server, or the hub).
  let endpoint: Endpoint
  /// The direct server's process, or the hub's.
  let serverProcess: ChildProcess?
  private let children: [ChildProcess]
  private let inProcess: ParleyServer?

  private init(endpoint: Endpoint, children: [ChildProcess], inProcess: ParleyServer?) {
    self.endpoint = endpoint
    self.children = children
    self.serverProcess = children.first
    self.inProcess = inProcess
  }

  /// Starts `route` over `transport`, with sockets in `directory`.
  /// - Throws: ``BenchError`` or ``ParleyError`` when a server does not start.
  static func start(
    _ route: Route, over transport: BenchTransport, in directory: String, options: BenchOptions
  ) async throws -> BenchTopology {
    let listen = transport.listenEndpoint(directory: directory, name: route.rawValue)
    switch route {
    case .direct where options.sameProcess:
      var configuration = ServerConfiguration()
      configuration.maxInFlightPerConnection = 4096
      configuration.handlerExecution = options.handlers
      let server = ParleyServer(configuration: configuration)
      server.register(BenchService.registration())
      let bound = try await server.start(on: listen)
      return BenchTopology(endpoint: bound, children: [], inProcess: server)
    case .direct:
      let child = try await ChildProcess.start(
        ["serve"] + BenchEndpoint.arguments(for: listen) + options.handlersFlag)
      return BenchTopology(endpoint: try child.endpoint(), children: [child], inProcess: nil)
    case .gateway:
      let hub = try await ChildProcess.start(["serve-gateway"] + BenchEndpoint.arguments(for: listen))
      do {
        let endpoint = try hub.endpoint()
        let service = try await ChildProcess.start(
          ["serve-linked", "--hub", endpoint.description] + options.handlersFlag)
        return BenchTopology(endpoint: endpoint, children: [hub, service], inProcess: nil)
      } catch {
        await hub.stopped()
        throw error
      }
    }
  }

  /// Starts only a gateway hub (no linked service), for events and idle connections.
  static func hub(over transport: BenchTransport, in directory: String) async throws -> BenchTopology {
    let listen = transport.listenEndpoint(directory: directory, name: "hub")
    let hub = try await ChildProcess.start(["serve-gateway"] + BenchEndpoint.arguments(for: listen))
    return BenchTopology(endpoint: try hub.endpoint(), children: [hub], inProcess: nil)
  }

  /// Whether the server runs in this process (`--same-process`, direct).
  var servesInProcess: Bool { inProcess != nil }

  /// The CPU time the server processes have used so far; `nil` with an in-process server or
  /// without `/proc`.
  var serverCPU: ServerCPU? {
    guard let first = children.first, let firstSeconds = first.cpuSeconds else { return nil }
    guard children.count > 1 else { return ServerCPU(service: firstSeconds, hub: nil) }
    // A gateway: the hub first, then the linked service.
    guard let serviceSeconds = children[1].cpuSeconds else { return nil }
    return ServerCPU(service: serviceSeconds, hub: firstSeconds)
  }

  /// A client connection to ``endpoint`` that allows 4,096 calls in flight.
  func connect() async throws -> ClientConnection {
    var configuration = ClientConfiguration()
    configuration.name = "parley-bench"
    configuration.maxInFlight = 4096
    return try await ClientConnection.connect(to: endpoint, configuration: configuration)
  }

  /// Stops every server (children last-started first).
  func stop() async {
    await inProcess?.stop(grace: .zero)
    for child in children.reversed() { await child.stopped() }
  }
}
