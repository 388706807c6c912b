import Foundation
import ParleySwiftGen
import Testing

@Suite("Output writer")
struct OutputWriterTests {
  /// A fresh temporary directory, removed by `body`'s caller.
  private func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("parley-output-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try body(path)
  }

  private func file(_ name: String, _ contents: String) -> OutputFile {
    OutputFile(
      name: name, source: GeneratedSwiftSource(contract: "t", sourcePath: "t.ipc", contents: contents))
  }

  private func modificationDate(_ path: String) throws -> Date? {
    try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
  }

  @Test func createsTheDirectoryAndWritesFiles() throws {
    try withTemporaryDirectory { directory in
      let output = directory + "/nested/Generated"
      let report = try OutputWriter.write(
        [file("a.swift", "let a = 1\n"), file("b.swift", "let b = 2\n")], to: output)
      #expect(report.written == ["a.swift", "b.swift"])
      #expect(report.unchanged.isEmpty)
      #expect(FileManager.default.contents(atPath: output + "/a.swift") == Data("let a = 1\n".utf8))
    }
  }

  @Test func unchangedFilesAreNotTouched() throws {
    try withTemporaryDirectory { directory in
      _ = try OutputWriter.write(
        [file("a.swift", "let a = 1\n"), file("b.swift", "let b = 2\n")], to: directory)
      // Backdate both files so that a rewrite would be visible in the modification date.
      let past = Date(timeIntervalSince1970: 1_000_000_000)
      for name in ["a.swift", "b.swift"] {
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: directory + "/" + name)
      }
      let report = try OutputWriter.write(
        [file("a.swift", "let a = 1\n"), file("b.swift", "let b = 3\n")], to: directory)
      #expect(report.written == ["b.swift"])
      #expect(report.unchanged == ["a.swift"])
      #expect(try modificationDate(directory + "/a.swift") == past)
      #expect(try modificationDate(directory + "/b.swift") != past)
      #expect(FileManager.default.contents(atPath: directory + "/b.swift") == Data("let b = 3\n".utf8))
    }
  }

  @Test func unwritableDirectoryIsAnError() throws {
    try withTemporaryDirectory { directory in
      // A regular file where the output directory should be.
      _ = FileManager.default.createFile(atPath: directory, contents: Data("x".utf8))
      #expect(throws: OutputWriteError.self) {
        try OutputWriter.write([file("a.swift", "")], to: directory + "/sub")
      }
    }
  }
}
