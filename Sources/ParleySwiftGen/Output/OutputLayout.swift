import ParleyFrontEnd

/// One file the generator will write: its name in the output directory and its contents.
public struct OutputFile: Hashable, Sendable {
  /// The file name, e.g. `shop_orders.swift` (no directories: every output sits in one folder).
  public var name: String
  /// The generated source it holds.
  public var source: GeneratedSwiftSource

  /// Creates an output file.
  public init(name: String, source: GeneratedSwiftSource) {
    self.name = name
    self.source = source
  }
}

/// A problem that prevents laying out the output files.
public enum OutputLayoutError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Two contracts fold to the same output file name (compared ignoring case, because macOS file
  /// systems do).
  case collision(name: String, firstSourcePath: String, secondSourcePath: String)
  /// A contract's path is not inside the root, so it has no relative name to fold.
  case outsideRoot(sourcePath: String)

  /// `path:1:1: error: message`, located at the contract file that cannot be written.
  public var description: String {
    switch self {
    case .collision(let name, let first, let second):
      "\(second):1:1: error: '\(second)' and '\(first)' would both be generated as '\(name)'; "
        + "rename or move one of them"
    case .outsideRoot(let path):
      "\(path):1:1: error: '\(path)' is outside the root folder, so it has no relative output name; "
        + "pass a --root that contains it"
    }
  }
}

/// Where generated sources go: one file per input contract, its relative path folded into the
/// name.
///
/// ```swift
/// OutputLayout.fileName(forSourcePath: "shop/orders.ipc")  // "shop_orders.swift"
/// let files = try OutputLayout.plan(SwiftGenerator.generate(contracts, options: options))
/// ```
///
/// The build-tool plugin (`Plugins/ParleyPlugin`) cannot link this module and repeats the rule
/// to declare its output files; keep the two in step.
public enum OutputLayout {
  /// The output file name for a contract at `sourcePath` (relative to the root): the `.ipc`
  /// extension is dropped, every `/` becomes `_`, and `.swift` is appended.
  ///
  /// `orders.ipc` → `orders.swift`, `shop/orders.ipc` → `shop_orders.swift`,
  /// `shop/v2/orders.ipc` → `shop_v2_orders.swift`. Returns `nil` for a path that is absolute or
  /// leaves the root (`../x.ipc`).
  public static func fileName(forSourcePath sourcePath: String) -> String? {
    let normalized = ContractPath.normalize(sourcePath)
    guard !normalized.hasPrefix("/"), normalized != ".", normalized != "..", !normalized.hasPrefix("../")
    else { return nil }
    let stem = normalized.hasSuffix(".ipc") ? String(normalized.dropLast(4)) : normalized
    return stem.replacing("/", with: "_") + ".swift"
  }

  /// Names every source's output file and checks that no two share a name.
  ///
  /// - Parameters:
  ///   - sources: the generator's output.
  ///   - displayPath: how errors name a source's contract file; its relative path by default,
  ///     the path the user gave (``Contract/path``) in the CLI so that editors can open it.
  /// - Returns: the files in the order of `sources`.
  /// - Throws: ``OutputLayoutError`` for the first contract outside the root or the first
  ///   collision (never a silent overwrite).
  public static func plan(
    _ sources: [GeneratedSwiftSource], displayPath: (GeneratedSwiftSource) -> String = \.sourcePath
  ) throws(OutputLayoutError) -> [OutputFile] {
    var files: [OutputFile] = []
    var owners: [String: String] = [:]
    for source in sources {
      guard let name = fileName(forSourcePath: source.sourcePath) else {
        throw .outsideRoot(sourcePath: displayPath(source))
      }
      let key = name.lowercased()
      if let first = owners[key] {
        throw .collision(name: name, firstSourcePath: first, secondSourcePath: displayPath(source))
      }
      owners[key] = displayPath(source)
      files.append(OutputFile(name: name, source: source))
    }
    return files
  }
}
