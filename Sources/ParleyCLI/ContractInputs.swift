import Foundation
import ParleyCompiler

/// One contract file named on the command line, directly or inside a folder.
struct ContractInput: Hashable, Sendable {
  /// The file's path as the user would write it (`Contracts/orders/orders.ipc`), normalized.
  var path: String
  /// The folder argument it was found in, or the file's own directory when named directly;
  /// suitable as ``FrontEnd/Options/root`` for relative output names.
  var baseDirectory: String
}

/// Expands command-line arguments (files and folders) into `.ipc` files, for every command.
enum ContractInputs {
  /// The outcome of ``expand(_:)``.
  struct Expansion: Sendable {
    /// The files, folder contents sorted by path bytes, duplicates removed, in argument order.
    var inputs: [ContractInput]
    /// One line per argument that does not exist or is a folder without `.ipc` files.
    var problems: [String]

    /// The paths of ``inputs``.
    var paths: [String] { inputs.map(\.path) }
  }

  /// Expands `arguments`: a file is taken as is (whatever its extension); a folder contributes
  /// every `*.ipc` file below it, recursively, skipping hidden entries.
  static func expand(_ arguments: [String]) -> Expansion {
    var inputs: [ContractInput] = []
    var seen: Set<String> = []
    var problems: [String] = []
    let fileManager = FileManager.default
    for argument in arguments {
      var isDirectory: ObjCBool = false
      guard fileManager.fileExists(atPath: argument, isDirectory: &isDirectory) else {
        problems.append("error: no such file or directory: '\(argument)'")
        continue
      }
      let normalized = ContractPath.normalize(argument)
      guard isDirectory.boolValue else {
        if seen.insert(normalized).inserted {
          inputs.append(
            ContractInput(path: normalized, baseDirectory: ContractPath.directory(of: normalized)))
        }
        continue
      }
      let found = ipcFiles(in: argument)
      if found.isEmpty { problems.append("error: no .ipc files in '\(argument)'") }
      for relative in found {
        let path =
          normalized == "."
          ? ContractPath.normalize(relative) : ContractPath.normalize(normalized + "/" + relative)
        if seen.insert(path).inserted { inputs.append(ContractInput(path: path, baseDirectory: normalized)) }
      }
    }
    return Expansion(inputs: inputs, problems: problems)
  }

  /// The `.ipc` files below `directory`, as paths relative to it, sorted by bytes; hidden files
  /// and folders are skipped, symbolic links are followed.
  private static func ipcFiles(in directory: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
    var result: [String] = []
    while let relative = enumerator.nextObject() as? String {
      let name = relative.split(separator: "/").last.map(String.init) ?? relative
      if name.hasPrefix(".") {
        enumerator.skipDescendants()
        continue
      }
      guard name.hasSuffix(".ipc") else { continue }
      var isDirectory: ObjCBool = false
      let full = directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
      guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue
      else {
        continue
      }
      result.append(relative)
    }
    return result.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
  }
}
