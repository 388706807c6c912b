/// Lexical path arithmetic for contract files (no file system access, `/` separators).
public enum ContractPath {
  /// Removes `.` segments, folds `dir/..` and duplicate slashes: `a/./b/../c.ipc` → `a/c.ipc`.
  /// Leading `..` segments of a relative path are kept; an absolute path stays absolute.
  public static func normalize(_ path: String) -> String {
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

  /// The directory part of `path`: `a/b/c.ipc` → `a/b`, `c.ipc` → `.`.
  public static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
  }

  /// Resolves `importPath` (as written in an `import` statement) relative to the directory of the
  /// importing file; an absolute import path is used as is.
  public static func resolve(_ importPath: String, relativeTo importingFile: String) -> String {
    if importPath.hasPrefix("/") { return normalize(importPath) }
    let directory = directory(of: importingFile)
    if directory == "." { return normalize(importPath) }
    return normalize(directory + "/" + importPath)
  }

  /// `path` relative to the directory `root` when it lies inside it, otherwise `path` unchanged.
  public static func relative(_ path: String, to root: String) -> String {
    let root = normalize(root)
    let path = normalize(path)
    if root == "." { return path }
    let prefix = root.hasSuffix("/") ? root : root + "/"
    if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
    return path
  }
}
