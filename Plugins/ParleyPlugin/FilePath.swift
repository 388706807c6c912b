import Foundation

/// Lexical path helpers for the plugin (`/` separators, no file system access), matching
/// `ContractPath` in the compiler so that the plugin and `parley generate` agree on names.
enum FilePath {
  /// The file system path of a file URL, without percent-encoding.
  static func of(_ url: URL) -> String {
    normalize(url.standardizedFileURL.path(percentEncoded: false))
  }

  /// Removes `.` segments, folds `dir/..` and duplicate slashes.
  static func normalize(_ path: String) -> String {
    let isAbsolute = path.hasPrefix("/")
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != ".." {
        parts.removeLast()
        continue
      }
      if part == "..", isAbsolute { continue }
      parts.append(part)
    }
    let joined = parts.joined(separator: "/")
    if isAbsolute { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }

  /// The directory part of `path`.
  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
  }

  /// `importPath` resolved against the directory of `importingFile`.
  static func resolve(_ importPath: String, relativeTo importingFile: String) -> String {
    if importPath.hasPrefix("/") { return normalize(importPath) }
    return normalize(directory(of: importingFile) + "/" + importPath)
  }

  /// `path` relative to `directory` when it lies inside it, otherwise `nil`.
  static func relative(_ path: String, to directory: String) -> String? {
    let prefix = directory.hasSuffix("/") ? directory : directory + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
  }
}
