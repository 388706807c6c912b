// gRPC Swift 2 echo: a unary `bench.Echo/Echo` method over HTTP/2 (grpc-swift-nio-transport's
// Posix transport, plaintext) with raw-bytes serializers (no protoc, no protobuf).
//
//   grpc-echo server (--unix PATH | --tcp HOST:PORT)
//   grpc-echo client --endpoint ENDPOINT [--in-flight N] [--warmup S] [--duration S]
import EchoHarness
import GRPCCore
import GRPCNIOTransportHTTP2Posix

/// Passes the message bytes through unchanged.
struct RawSerializer: MessageSerializer {
  func serialize<Bytes: GRPCContiguousBytes>(_ message: [UInt8]) throws -> Bytes { Bytes(message) }
}

/// Takes the message bytes unchanged.
struct RawDeserializer: MessageDeserializer {
  func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> [UInt8] {
    serializedMessageBytes.withUnsafeBytes { Array($0) }
  }
}

let echoMethod = MethodDescriptor(fullyQualifiedService: "bench.Echo", method: "Echo")

/// The echo service, registered by hand as generated code would.
struct EchoService: RegistrableRPCService {
  func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
    router.registerHandler(
      forMethod: echoMethod, deserializer: RawDeserializer(), serializer: RawSerializer()
    ) { request, _ in
      let single = try await ServerRequest(stream: request)
      return StreamingServerResponse(single: ServerResponse(message: single.message))
    }
  }
}

func serve(_ endpoint: EchoEndpoint) async {
  let address: GRPCNIOTransportCore.SocketAddress
  switch endpoint {
  case .unix(let path): address = .unixDomainSocket(path: path)
  case .tcp(let host, let port): address = .ipv4(host: host, port: port)
  }
  let transport = HTTP2ServerTransport.Posix(address: address, transportSecurity: .plaintext)
  let server = GRPCServer(transport: transport, services: [EchoService()])
  async let serving: Void = server.serve()
  do {
    let bound = try await transport.listeningAddress
    if let ipv4 = bound.ipv4 {
      announceReady(.tcp(host: ipv4.host, port: ipv4.port))
    } else if let unix = bound.unixDomainSocket {
      announceReady(.unix(path: unix.path))
    } else {
      fail("grpc-echo server: unexpected address \(bound)")
    }
    try await serving
  } catch {
    fail("grpc-echo server: \(error)")
  }
}

func runClient(_ options: ClientOptions) async {
  do {
    let transport: HTTP2ClientTransport.Posix
    switch options.endpoint {
    case .unix(let path):
      transport = try HTTP2ClientTransport.Posix(target: .unixDomainSocket(path: path), transportSecurity: .plaintext)
    case .tcp(let host, let port):
      transport = try HTTP2ClientTransport.Posix(target: .ipv4(address: host, port: port), transportSecurity: .plaintext)
    }
    try await withGRPCClient(transport: transport) { client in
      let measurement = try await runClosedLoop(options) {
        _ = try await client.unary(
          request: ClientRequest(message: echoPayload), descriptor: echoMethod, serializer: RawSerializer(),
          deserializer: RawDeserializer(), options: .defaults
        ) { response in try response.message }
      }
      printResult(measurement, options: options)
    }
  } catch {
    fail("grpc-echo client: \(error)")
  }
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "server":
  guard let endpoint = EchoEndpoint(serverArguments: Array(arguments.dropFirst())) else {
    fail("usage: grpc-echo server (--unix PATH | --tcp HOST:PORT)", code: 2)
  }
  await serve(endpoint)
case "client":
  guard let options = ClientOptions(Array(arguments.dropFirst())) else {
    fail("usage: grpc-echo client --endpoint ENDPOINT [--in-flight N] [--warmup S] [--duration S]", code: 2)
  }
  await runClient(options)
default:
  fail("usage: grpc-echo (server | client) …", code: 2)
}
