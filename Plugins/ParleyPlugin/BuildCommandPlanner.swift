import Foundation
import PackagePlugin

/// A problem that stops the plugin before any command runs, located in a contract or
/// configuration file.
struct ParleyPluginError: Error, CustomStringConvertible {
  /// The file the problem is in (absolute).
  var path: String
  /// What is wrong and how to fix it.
  var message: String

  /// A one-line summary; the message itself goes out through ``reported()``.
  var description: String { "ParleyPlugin stopped because of the error above (in \(path))" }

  /// Reports the message at `path:1` through `Diagnostics` (Xcode shows it at the file; `swift build`
  /// prints it as `error: MESSAGE`) and returns the error for the plugin to throw.
  func reported() -> ParleyPluginError {
    Diagnostics.error(message, file: path, line: 1)
    return self
  }
}

/// Plans one build command per contract in a target: `parley generate` for that one file, with
/// the file, everything it imports (transitively), the configuration and the tool as inputs and
/// its one Swift file as output. SwiftPM reruns a command only when one of its inputs changed or
/// its output is missing, so editing one contract regenerates only the files that read it.
struct BuildCommandPlanner {
  /// The target's name, for messages.
  var targetName: String
  /// The target's folder: contracts are named relative to it (`shop/orders.ipc`).
  var targetDirectory: URL
  /// Where generated files go (the plugin work directory).
  var outputDirectory: URL
  /// The `parley` executable.
  var tool: URL
  /// `parley-config.json` at the target root, if any.
  var configuration: URL?
  /// The file names of the target's own Swift sources, which generated names must not repeat.
  var swiftSourceNames: [String]

  /// The commands for `contracts` (the target's `.ipc` files), sorted by relative path.
  ///
  /// - Throws: ``ParleyPluginError`` when two contracts fold to the same output name or one
  ///   collides with a Swift file of the target.
  func commands(for contracts: [URL]) throws -> [Command] {
    let root = FilePath.of(targetDirectory)
    let contractPaths = contracts.map(FilePath.of).sorted {
      Array($0.utf8).lexicographicallyPrecedes($1.utf8)
    }
    let inTarget = Set(contractPaths)
    // Output names are compared ignoring case, as macOS file systems do.
    var owners: [String: (name: String, isSwiftFile: Bool)] = [:]
    for name in swiftSourceNames { owners[name.lowercased()] = (name, true) }

    var commands: [Command] = []
    for path in contractPaths {
      guard let relativePath = FilePath.relative(path, to: root) else {
        throw ParleyPluginError(
          path: path,
          message: "'\(path)' is outside \(root), the folder contracts of target '\(targetName)' are "
            + "named relative to; move it inside"
        ).reported()
      }
      let outputName = OutputFileName.forContract(atRelativePath: relativePath)
      if let owner = owners[outputName.lowercased()] {
        let clash =
          owner.isSwiftFile
          ? "'\(relativePath)' would be generated as '\(outputName)', but target '\(targetName)' already "
            + "has a Swift file '\(owner.name)'; rename one of them"
          : "'\(relativePath)' and '\(owner.name)' would both be generated as '\(outputName)' in target "
            + "'\(targetName)'; rename or move one of them"
        throw ParleyPluginError(path: path, message: clash).reported()
      }
      owners[outputName.lowercased()] = (relativePath, false)

      let imports = transitiveImports(of: path)
      for imported in imports where !inTarget.contains(imported) {
        Diagnostics.warning(
          "\(relativePath) imports '\(imported)', which is not a contract of target '\(targetName)': "
            + "its Swift types are not generated here; move it into the target",
          file: path, line: 1)
      }
      let output = outputDirectory.appending(path: outputName)
      var arguments = ["generate", "--root", root, "--output", FilePath.of(outputDirectory)]
      var inputs = [URL(fileURLWithPath: path)] + imports.map { URL(fileURLWithPath: $0) } + [tool]
      if let configuration {
        arguments += ["--config", FilePath.of(configuration)]
        inputs.append(configuration)
      }
      arguments += ["--", path]
      commands.append(
        .buildCommand(
          // No '/' in the name: `swift build` shortens a progress line to its first word and the
          // text after its last slash.
          displayName: "Parley: generating \(outputName)",
          executable: tool,
          arguments: arguments,
          inputFiles: inputs,
          outputFiles: [output]))
    }
    return commands
  }

  /// Every existing file `path` imports, directly or through other imports, sorted, without `path`.
  func transitiveImports(of path: String) -> [String] {
    var visited: Set<String> = [path]
    var queue = [path]
    var found: [String] = []
    while let next = queue.popLast() {
      guard let data = FileManager.default.contents(atPath: next) else { continue }
      let text = String(decoding: data, as: UTF8.self)
      for written in ContractImportScanner.imports(in: text) {
        let resolved = FilePath.resolve(written, relativeTo: next)
        guard visited.insert(resolved).inserted else { continue }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory),
          !isDirectory.boolValue
        else { continue }
        found.append(resolved)
        queue.append(resolved)
      }
    }
    return found.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
  }
}
