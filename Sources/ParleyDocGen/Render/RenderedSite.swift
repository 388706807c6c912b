/// The *render* stage's output: files with their paths relative to the output folder.
public struct RenderedSite: Hashable, Sendable {
  /// The files, sorted by path (bytes).
  public var files: [RenderedFile]

  /// Creates a site; sorts the files.
  public init(files: [RenderedFile]) {
    self.files = files.sorted { Array($0.path.utf8).lexicographicallyPrecedes($1.path.utf8) }
  }

  /// The file at `path`.
  public func file(_ path: String) -> RenderedFile? { files.first { $0.path == path } }
}

/// One generated file.
public struct RenderedFile: Hashable, Sendable {
  /// The path relative to the output folder, e.g. `shop.orders.html`.
  public var path: String
  /// The UTF-8 text.
  public var contents: String

  /// Creates a file.
  public init(path: String, contents: String) {
    self.path = path
    self.contents = contents
  }
}
