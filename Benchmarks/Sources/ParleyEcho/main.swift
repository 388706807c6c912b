// Parley echo through the public runtime API: an untyped `bench.echo` v1 `Echo.echo` method that
// returns its payload, the workload of the root package's `parley-bench`.
//
//   parley-echo server (--unix PATH | --tcp HOST:PORT)
//   parley-echo client --endpoint ENDPOINT [--in-flight N] [--warmup S] [--duration S]
//
// With PARLEY_ECHO_LOOP=1 in the environment, the server runs its handler with the I/O thread as
// its executor (HandlerExecution.ioThread) and the client calls from tasks preferring its
// connection's I/O thread (ClientConnection.executor): no thread hop on either side.
import EchoHarness
import Foundation
import Parley

let onLoop = ProcessInfo.processInfo.environment["PARLEY_ECHO_LOOP"] == "1"

let contract = "bench.echo"
let serviceName = "Echo"

func serve(_ endpoint: EchoEndpoint) async {
  var configuration = ServerConfiguration()
  configuration.name = "parley-echo"
  configuration.maxInFlightPerConnection = 4096
  configuration.handlerExecution = onLoop ? .ioThread : .pool
  let server = ParleyServer(configuration: configuration)
  var service = ServiceRegistration(contract: contract, version: 1, service: serviceName)
  service.method("echo") { call in call.payload }
  server.register(service)
  do {
    let bound = try await server.start(on: parleyEndpoint(endpoint))
    switch bound {
    case .unix(let path): announceReady(.unix(path: path))
    case .tcp(let host, let port): announceReady(.tcp(host: host, port: port))
    }
  } catch {
    fail("parley-echo server: \(error)")
  }
  while true { try? await Task.sleep(for: .seconds(3600)) }
}

func parleyEndpoint(_ endpoint: EchoEndpoint) -> Endpoint {
  switch endpoint {
  case .unix(let path): return .unix(path: path)
  case .tcp(let host, let port): return .tcp(host: host, port: port)
  }
}

func runClient(_ options: ClientOptions) async {
  do {
    var configuration = ClientConfiguration()
    configuration.name = "parley-echo"
    configuration.maxInFlight = 4096
    let connection = try await ClientConnection.connect(
      to: parleyEndpoint(options.endpoint), configuration: configuration)
    let measurement = try await runClosedLoop(options, executor: onLoop ? connection.executor : nil) {
      _ = try await connection.call(
        contract: contract, version: 1, service: serviceName, method: "echo", payload: echoPayload)
    }
    await connection.close()
    printResult(measurement, options: options)
  } catch {
    fail("parley-echo client: \(error)")
  }
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "server":
  guard let endpoint = EchoEndpoint(serverArguments: Array(arguments.dropFirst())) else {
    fail("usage: parley-echo server (--unix PATH | --tcp HOST:PORT)", code: 2)
  }
  await serve(endpoint)
case "client":
  guard let options = ClientOptions(Array(arguments.dropFirst())) else {
    fail("usage: parley-echo client --endpoint ENDPOINT [--in-flight N] [--warmup S] [--duration S]", code: 2)
  }
  await runClient(options)
default:
  fail("usage: parley-echo (server | client) …", code: 2)
}
