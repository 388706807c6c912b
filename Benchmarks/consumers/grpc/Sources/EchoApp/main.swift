// Serves an echo service on a Unix socket with gRPC Swift 2 (HTTP/2, Posix transport, protobuf
// serializers), calls it once and prints the reply.
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import GRPCProtobuf
import SwiftProtobuf

typealias Message = Google_Protobuf_StringValue
let echoMethod = MethodDescriptor(fullyQualifiedService: "bench.Echo", method: "Echo")

/// The echo service, registered by hand as generated code would.
struct EchoService: RegistrableRPCService {
  func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
    router.registerHandler(
      forMethod: echoMethod, deserializer: ProtobufDeserializer<Message>(),
      serializer: ProtobufSerializer<Message>()
    ) { request, _ in
      let single = try await ServerRequest(stream: request)
      return StreamingServerResponse(single: ServerResponse(message: single.message))
    }
  }
}

let path = NSTemporaryDirectory() + "/grpc-consumer-\(ProcessInfo.processInfo.processIdentifier).sock"
let transport = HTTP2ServerTransport.Posix(
  address: .unixDomainSocket(path: path), transportSecurity: .plaintext)
let server = GRPCServer(transport: transport, services: [EchoService()])
try await withThrowingDiscardingTaskGroup { group in
  group.addTask { try await server.serve() }
  _ = try await transport.listeningAddress
  let client = try HTTP2ClientTransport.Posix(
    target: .unixDomainSocket(path: path), transportSecurity: .plaintext)
  try await withGRPCClient(transport: client) { client in
    let reply = try await client.unary(
      request: ClientRequest(message: Message.with { $0.value = "hello" }), descriptor: echoMethod,
      serializer: ProtobufSerializer<Message>(), deserializer: ProtobufDeserializer<Message>(),
      options: .defaults
    ) { response in try response.message }
    print("echo: \(reply.value)")
  }
  server.beginGracefulShutdown()
}
try? FileManager.default.removeItem(atPath: path)
