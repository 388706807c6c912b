/// The contract front end: read → lex → parse → resolve/check, as typed stages.
///
/// ```swift
/// let result = FrontEnd.load(paths: ["Contracts/shop/orders.ipc"])
/// print(DiagnosticRenderer.render(result.diagnostics), terminator: "")
/// if !result.hasErrors { generate(result.contracts) }
/// ```
///
/// Each stage is a function that tests can call on its own: ``read(_:from:)``,
/// ``Lexer/lex(_:)``, ``Parser/parse(_:)``, ``Resolver/resolve(_:requestedPaths:root:)``.
public enum FrontEnd {
  /// How to load contracts.
  public struct Options: Sendable, Hashable {
    /// The directory that ``Contract/relativePath`` is relative to; `nil` keeps paths as given.
    public var root: String?

    /// Creates options.
    public init(root: String? = nil) { self.root = root }
  }

  /// The outcome of ``load(paths:fileSystem:options:)``.
  public struct Result: Sendable {
    /// The resolved contracts (only files with a valid, unique header).
    public var contracts: ContractSet
    /// Every problem, sorted by location.
    public var diagnostics: [Diagnostic]

    /// Creates a result.
    public init(contracts: ContractSet, diagnostics: [Diagnostic]) {
      self.contracts = contracts
      self.diagnostics = diagnostics
    }

    /// Whether any diagnostic is an error (the contracts must not be used then).
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
  }

  /// The *read* stage: the bytes of `path` (normalized), or `nil` when it cannot be read.
  public static func read(_ path: String, from fileSystem: any ContractFileSystem) -> SourceFile? {
    let normalized = ContractPath.normalize(path)
    return fileSystem.contents(of: normalized).map { SourceFile(path: normalized, bytes: $0) }
  }

  /// Lexes and parses one source file.
  public static func parse(_ file: SourceFile) -> ParsedFile {
    Parser.parse(Lexer.lex(file))
  }

  /// Loads the contract files at `paths` and everything they import, then resolves and checks them.
  ///
  /// - Parameters:
  ///   - paths: `.ipc` files (not folders; see the CLI for folder expansion), relative to the
  ///     file system's current directory or absolute. They are shown in diagnostics as given
  ///     (normalized: `./a/../b.ipc` becomes `b.ipc`).
  ///   - fileSystem: where files are read from; imports resolve relative to the importing file.
  ///   - options: see ``Options``.
  /// - Returns: the contracts and all diagnostics. A path that cannot be read is an error
  ///   diagnostic located at `path:1:1`.
  public static func load(
    paths: [String], fileSystem: any ContractFileSystem = LocalFileSystem(), options: Options = Options()
  ) -> Result {
    var parsed: [ParsedFile] = []
    var diagnostics: [Diagnostic] = []
    // The first spelling under which each file (by its file-system identity) was queued.
    var spellingByIdentity: [String: String] = [:]
    var aliases: [String: String] = [:]
    var requested: Set<String> = []
    var queue: [String] = []
    for path in paths {
      let normalized = ContractPath.normalize(path)
      requested.insert(normalized)
      let identity = fileSystem.identity(of: normalized)
      if spellingByIdentity[identity] == nil {
        spellingByIdentity[identity] = normalized
        queue.append(normalized)
      }
    }
    var head = 0
    while head < queue.count {
      let path = queue[head]
      head += 1
      guard let file = read(path, from: fileSystem) else {
        if requested.contains(path) {
          diagnostics.append(
            Diagnostic(
              .fileNotFound, at: SourceLocation(path: path, line: 1, column: 1),
              "cannot read contract file '\(path)'"))
        }
        continue
      }
      let result = parse(file)
      for statement in result.syntax.imports {
        let target = ContractPath.resolve(statement.path, relativeTo: path)
        let identity = fileSystem.identity(of: target)
        if let loaded = spellingByIdentity[identity] {
          if loaded != target { aliases[target] = loaded }
        } else {
          spellingByIdentity[identity] = target
          queue.append(target)
        }
      }
      parsed.append(result)
    }
    let (contracts, resolved) = Resolver.resolve(
      parsed, requestedPaths: requested, root: options.root, aliases: aliases)
    return Result(contracts: contracts, diagnostics: DiagnosticRenderer.sorted(resolved + diagnostics))
  }

  /// Loads contracts held in memory, e.g. `["orders.ipc": "contract shop.orders version 1 …"]`.
  public static func load(sources: [String: String], options: Options = Options()) -> Result {
    let paths = sources.keys.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
    return load(paths: paths, fileSystem: InMemoryFileSystem(sources), options: options)
  }
}
