// swift-tools-version:6.1
// Side-by-side echo comparison: Parley against gRPC Swift 2 (and, outside SwiftPM, C and Node.js).
// Not part of the product and not built by CI: the root package never references this one.
import Foundation
import PackageDescription

// Parley is the checkout this package sits in, or the tree named by PARLEY_ROOT (e.g. an export
// of one commit, to measure exactly that commit). A path dependency is named by its folder: the
// root may be called `main`, `parley`, ….
let rootPath = Context.environment["PARLEY_ROOT"] ?? ".."
let root = URL(fileURLWithPath: rootPath, relativeTo: URL(fileURLWithPath: Context.packageDirectory + "/"))
  .standardizedFileURL.lastPathComponent

let package = Package(
  name: "parley-comparison",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "parley-echo", targets: ["ParleyEcho"]),
    .executable(name: "grpc-echo", targets: ["GRPCEcho"]),
  ],
  dependencies: [
    .package(path: rootPath),
    .package(url: "https://github.com/grpc/grpc-swift-2.git", exact: "2.4.3"),
    .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", exact: "2.9.2"),
  ],
  targets: [
    .target(name: "EchoHarness", swiftSettings: [.swiftLanguageMode(.v6)]),
    .executableTarget(
      name: "ParleyEcho",
      dependencies: ["EchoHarness", .product(name: "Parley", package: root)],
      swiftSettings: [.swiftLanguageMode(.v6)]),
    .executableTarget(
      name: "GRPCEcho",
      dependencies: [
        "EchoHarness",
        .product(name: "GRPCCore", package: "grpc-swift-2"),
        .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
      ],
      swiftSettings: [.swiftLanguageMode(.v6)]),
  ]
)
