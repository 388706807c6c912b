import Foundation

/// Writes rendered files to an output folder and checks a folder for staleness
/// (`parley docs --check`).
public enum SiteWriter {
  /// Why a file in the output folder does not match what would be generated.
  public enum Staleness: String, Hashable, Sendable {
    /// The file would be generated but does not exist.
    case missing
    /// The file exists with other content.
    case differs
    /// A generated-looking file (`.html`, `.md`, `.json`) that would no longer be generated.
    case unexpected
  }

  /// One stale file.
  public struct StaleFile: Hashable, Sendable, CustomStringConvertible {
    /// The path relative to the output folder.
    public var path: String
    /// Why it is stale.
    public var reason: Staleness

    /// `differs: shop.orders.html`.
    public var description: String { "\(reason.rawValue): \(path)" }
  }

  /// A problem writing the output.
  public struct WriteError: Error, CustomStringConvertible {
    /// What went wrong, naming the path.
    public var description: String
  }

  /// Writes every file of `site` below `directory` (created if needed), skipping files whose
  /// content is already the same. Returns the paths written.
  /// - Throws: ``WriteError`` when a folder or file cannot be written.
  @discardableResult
  public static func write(_ site: RenderedSite, to directory: String) throws(WriteError) -> [String] {
    let manager = FileManager.default
    do {
      try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw WriteError(description: "cannot create the folder '\(directory)': \(error.localizedDescription)")
    }
    var written: [String] = []
    for file in site.files {
      let path = directory + "/" + file.path
      let data = Data(file.contents.utf8)
      if manager.contents(atPath: path) == data { continue }
      do {
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
      } catch {
        throw WriteError(description: "cannot write '\(path)': \(error.localizedDescription)")
      }
      written.append(file.path)
    }
    return written
  }

  /// The files in `directory` that differ from `site`, sorted by path.
  public static func staleFiles(_ site: RenderedSite, in directory: String) -> [StaleFile] {
    let manager = FileManager.default
    var stale: [StaleFile] = []
    var expected: Set<String> = []
    for file in site.files {
      expected.insert(file.path)
      guard let data = manager.contents(atPath: directory + "/" + file.path) else {
        stale.append(StaleFile(path: file.path, reason: .missing))
        continue
      }
      if data != Data(file.contents.utf8) { stale.append(StaleFile(path: file.path, reason: .differs)) }
    }
    let present = (try? manager.contentsOfDirectory(atPath: directory)) ?? []
    for name in present where !expected.contains(name) && !name.hasPrefix(".") {
      let generatedLooking = name.hasSuffix(".html") || name.hasSuffix(".md") || name.hasSuffix(".json")
      if generatedLooking { stale.append(StaleFile(path: name, reason: .unexpected)) }
    }
    return stale.sorted { Array($0.path.utf8).lexicographicallyPrecedes($1.path.utf8) }
  }
}
