// swift-tools-version:6.0
// Parley: typed inter-process communication for Swift, built from contracts.
// This package depends on the Swift toolchain only: no `.package(...)` entries, ever.
import PackageDescription

let strictSwift6: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
  name: "parley",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "Parley", targets: ["Parley"]),
    .library(name: "ParleyCompiler", targets: ["ParleyCompiler"]),
    .executable(name: "parley", targets: ["ParleyCLI"]),
    .executable(name: "parley-bench", targets: ["ParleyBench"]),
    .plugin(name: "ParleyPlugin", targets: ["ParleyPlugin"]),
    .plugin(name: "ParleyDocsPlugin", targets: ["ParleyDocsPlugin"]),
    // The command plugin's tool dependency is built as a product named like the target.
    .executable(name: "ParleyCLI", targets: ["ParleyCLI"]),
  ],
  targets: [
    // MARK: Runtime
    .target(name: "Parley", swiftSettings: strictSwift6),

    // MARK: Compiler layers (front end → back ends), re-exported by ParleyCompiler
    .target(name: "ParleyFrontEnd", swiftSettings: strictSwift6),
    .target(name: "ParleySwiftGen", dependencies: ["ParleyFrontEnd"], swiftSettings: strictSwift6),
    .target(name: "ParleyCompat", dependencies: ["ParleyFrontEnd"], swiftSettings: strictSwift6),
    .target(
      name: "ParleyDocGen", dependencies: ["ParleyFrontEnd", "ParleyCompat"], swiftSettings: strictSwift6),
    .target(
      name: "ParleyCompiler", dependencies: ["ParleyFrontEnd", "ParleySwiftGen", "ParleyCompat", "ParleyDocGen"],
      swiftSettings: strictSwift6),

    // MARK: Executables
    .executableTarget(
      name: "ParleyCLI", dependencies: ["ParleyCompiler", "Parley"], swiftSettings: strictSwift6),
    .executableTarget(name: "ParleyBench", dependencies: ["Parley"], swiftSettings: strictSwift6),

    // MARK: Build-tool plugin (runs `parley generate` per contract during `swift build`)
    .plugin(name: "ParleyPlugin", capability: .buildTool(), dependencies: ["ParleyCLI"]),
    // MARK: Command plugin (`swift package parley-docs` runs `parley docs`)
    .plugin(
      name: "ParleyDocsPlugin",
      capability: .command(
        intent: .custom(verb: "parley-docs", description: "Generate documentation for the package's Parley contracts"),
        permissions: [.writeToPackageDirectory(reason: "parley-docs writes the generated documentation")]),
      dependencies: ["ParleyCLI"]),

    // MARK: Tests
    .testTarget(
      name: "ParleyFrontEndTests", dependencies: ["ParleyFrontEnd"],
      resources: [.copy("Fixtures")], swiftSettings: strictSwift6),
    .testTarget(name: "ParleyTests", dependencies: ["Parley"], swiftSettings: strictSwift6),
    .testTarget(name: "ParleyGatewayTests", dependencies: ["Parley", "ParleyCLI"], swiftSettings: strictSwift6),
    .testTarget(
      name: "ParleySwiftGenTests", dependencies: ["ParleySwiftGen"], exclude: ["Golden"],
      swiftSettings: strictSwift6),
    .testTarget(
      name: "ParleyCompatTests", dependencies: ["ParleyCompat"], resources: [.copy("Fixtures")],
      swiftSettings: strictSwift6),
    .testTarget(name: "ParleyDocGenTests", dependencies: ["ParleyDocGen"], swiftSettings: strictSwift6),
  ]
)
