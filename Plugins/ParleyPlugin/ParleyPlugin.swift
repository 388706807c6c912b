import Foundation
import PackagePlugin

/// The Parley build-tool plugin: turns every `.ipc` contract of a target into Swift during
/// `swift build`, one generated file per contract, configured by an optional
/// `parley-config.json` at the target root. See `docs/plugin.md`.
///
/// ```swift
/// .target(name: "Shop", dependencies: [.product(name: "Parley", package: "parley")],
///         plugins: [.plugin(name: "ParleyPlugin", package: "parley")])
/// ```
@main
struct ParleyPlugin: BuildToolPlugin {
  /// The configuration file's name (also `GeneratorConfiguration.fileName` in the compiler).
  static let configurationFileName = "parley-config.json"
  /// The generator: `parley-generate` (the `parley generate` command alone, built from the same
  /// sources), which the plugin sees under its target's name. Not `parley` itself, which depends
  /// on a target that uses this plugin (ParleyExamples, for `parley demo`).
  static let toolName = "ParleyGenerate"

  /// One build command per `.ipc` file of `target`; none for targets that are not Swift targets.
  func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
    // Generated code is Swift, so only Swift targets get commands. (`SwiftSourceModuleTarget`'s
    // `directoryURL` is available at tools version 6.0; the `Target` protocol's only from 6.1.)
    guard let swiftTarget = target as? SwiftSourceModuleTarget else { return [] }
    return try Self.commands(
      targetName: target.name, targetDirectory: swiftTarget.directoryURL,
      files: swiftTarget.sourceFiles.map(\.url),
      workDirectory: context.pluginWorkDirectoryURL, tool: try context.tool(named: Self.toolName).url)
  }

  /// Plans the commands for the files of a target or Xcode target rooted at `targetDirectory`.
  static func commands(
    targetName: String, targetDirectory: URL, files: [URL], workDirectory: URL, tool: URL
  ) throws -> [Command] {
    let root = FilePath.of(targetDirectory)
    let contracts = files.filter { $0.pathExtension == "ipc" }
    var configuration: URL?
    for file in files where file.lastPathComponent == configurationFileName {
      let path = FilePath.of(file)
      guard FilePath.directory(of: path) == root else {
        throw ParleyPluginError(
          path: path,
          message: "\(configurationFileName) must be at the root of target '\(targetName)' (\(root)); "
            + "move it there"
        ).reported()
      }
      configuration = file
    }
    let swiftNames = files.filter { $0.pathExtension == "swift" }.map(\.lastPathComponent)
    let planner = BuildCommandPlanner(
      targetName: targetName, targetDirectory: targetDirectory, outputDirectory: workDirectory,
      tool: tool, configuration: configuration, swiftSourceNames: swiftNames)
    return try planner.commands(for: contracts)
  }
}

#if canImport(XcodeProjectPlugin)
  import XcodeProjectPlugin

  extension ParleyPlugin: XcodeBuildToolPlugin {
    /// The same commands for an Xcode target; contracts are named relative to the folder of its
    /// `parley-config.json`, or to the project folder when it has none.
    func createBuildCommands(context: XcodePluginContext, target: XcodeTarget) throws -> [Command] {
      let files = target.inputFiles.map(\.url)
      let configuration = files.first { $0.lastPathComponent == Self.configurationFileName }
      let root = configuration?.deletingLastPathComponent() ?? context.xcodeProject.directoryURL
      return try Self.commands(
        targetName: target.displayName, targetDirectory: root, files: files,
        workDirectory: context.pluginWorkDirectoryURL, tool: try context.tool(named: Self.toolName).url)
    }
  }
#endif
