// Serves the generated EchoService on a Unix socket, calls it once through the generated client,
// and prints the reply.
import Foundation
import Parley

struct Echo: BenchEcho.EchoServiceHandler {
  func echo(_ request: BenchEcho.Message, call: IncomingCall) async throws -> BenchEcho.Message { request }
}

let directory = try TestServer.makeTemporaryDirectory(prefix: "parley-consumer")
defer { TestServer.removeTree(directory) }
let server = ParleyServer()
Echo().register(on: server)
let endpoint = try await server.start(on: .unix(path: directory + "/echo.sock"))
let connection = try await ClientConnection.connect(to: endpoint)
let reply = try await BenchEcho.EchoServiceClient(connection).echo(BenchEcho.Message(text: "hello"))
print("echo: \(reply.text)")
await connection.close()
await server.stop()
