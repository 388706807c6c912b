// swift-tools-version:6.0
// A consumer package of the clean-build comparison (Benchmarks/build-time.sh): the same echo
// service on gRPC Swift 2 with protobuf messages, served and called once. There is no `protoc` on
// this machine, so the message is SwiftProtobuf's `Google_Protobuf_StringValue` and the service is
// registered by hand (what generated code would do): the package graph is what a real gRPC Swift
// consumer builds, minus the per-message generated code.
import PackageDescription

let package = Package(
  name: "grpc-consumer",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(url: "https://github.com/grpc/grpc-swift-2.git", exact: "2.4.3"),
    .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", exact: "2.9.2"),
    .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", exact: "2.4.1"),
    .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0"),
  ],
  targets: [
    .executableTarget(
      name: "EchoApp",
      dependencies: [
        .product(name: "GRPCCore", package: "grpc-swift-2"),
        .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
        .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      swiftSettings: [.swiftLanguageMode(.v6)])
  ]
)
