import Foundation

/// A problem writing generated files.
public struct OutputWriteError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file or directory that could not be written.
  public var path: String
  /// Why, as reported by the system.
  public var reason: String

  /// Creates an error.
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// `error: cannot write 'PATH': REASON`.
  public var description: String { "error: cannot write '\(path)': \(reason)" }
}

/// What ``OutputWriter/write(_:to:)`` did.
public struct OutputWriteReport: Hashable, Sendable {
  /// The names of files that were created or whose content changed.
  public var written: [String] = []
  /// The names of files that already held exactly the generated content and were left alone.
  public var unchanged: [String] = []

  /// Creates an empty report.
  public init() {}
}

/// Writes output files into a directory, touching a file only when its content changed, so that
/// build systems that look at modification times recompile nothing after a no-op generation.
///
/// ```swift
/// let report = try OutputWriter.write(try OutputLayout.plan(sources), to: "Generated")
/// print("\(report.written.count) written, \(report.unchanged.count) unchanged")
/// ```
public enum OutputWriter {
  /// Writes each file to `directory/NAME` (creating the directory if needed) unless the existing
  /// file already has the same bytes. Changed files are replaced atomically.
  ///
  /// - Throws: ``OutputWriteError`` for the first file or directory that cannot be written.
  public static func write(_ files: [OutputFile], to directory: String) throws(OutputWriteError)
    -> OutputWriteReport
  {
    let fileManager = FileManager.default
    do {
      try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw OutputWriteError(path: directory, reason: reason(error))
    }
    var report = OutputWriteReport()
    for file in files {
      let path = directory.hasSuffix("/") ? directory + file.name : directory + "/" + file.name
      let bytes = Data(file.source.contents.utf8)
      if let existing = fileManager.contents(atPath: path), existing == bytes {
        report.unchanged.append(file.name)
        continue
      }
      do {
        try bytes.write(to: URL(fileURLWithPath: path), options: .atomic)
      } catch {
        throw OutputWriteError(path: path, reason: reason(error))
      }
      report.written.append(file.name)
    }
    return report
  }

  private static func reason(_ error: any Error) -> String {
    (error as NSError).localizedDescription
  }
}
