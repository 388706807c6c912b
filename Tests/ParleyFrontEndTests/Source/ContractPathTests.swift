import Foundation
import ParleyFrontEnd
import Testing

@Suite("Paths and file systems")
struct ContractPathTests {
  @Test(
    "normalize folds '.', '..' and duplicate slashes",
    arguments: [
      ("a/./b/../c.ipc", "a/c.ipc"), ("../a//b.ipc", "../a/b.ipc"), ("/x/../../y.ipc", "/y.ipc"), ("./", "."),
      ("Contracts/", "Contracts"), ("a/../../b.ipc", "../b.ipc"),
    ])
  func normalize(_ input: String, _ expected: String) {
    #expect(ContractPath.normalize(input) == expected)
  }

  @Test("imports resolve relative to the importing file's folder")
  func resolve() {
    #expect(ContractPath.resolve("../c.ipc", relativeTo: "a/b/x.ipc") == "a/c.ipc")
    #expect(ContractPath.resolve("c.ipc", relativeTo: "x.ipc") == "c.ipc")
    #expect(ContractPath.resolve("/abs/c.ipc", relativeTo: "a/x.ipc") == "/abs/c.ipc")
    #expect(ContractPath.resolve("c.ipc", relativeTo: "/root/x.ipc") == "/root/c.ipc")
  }

  @Test("relative paths below a root")
  func relative() {
    #expect(ContractPath.relative("Contracts/a/b.ipc", to: "Contracts/") == "a/b.ipc")
    #expect(ContractPath.relative("other/b.ipc", to: "Contracts") == "other/b.ipc")
    #expect(ContractPath.relative("b.ipc", to: ".") == "b.ipc")
  }

  @Test("the in-memory file system normalizes paths")
  func inMemory() {
    let files = InMemoryFileSystem(["./a/../b.ipc": "x"])
    #expect(files.contents(of: "b.ipc") == Array("x".utf8))
    #expect(files.contents(of: "a/b.ipc") == nil)
  }

  @Test("the local file system reads files, not folders")
  func local() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parley-fe-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("a.ipc")
    try "contract a version 1\n".write(to: file, atomically: true, encoding: .utf8)
    #expect(LocalFileSystem().contents(of: file.path) == Array("contract a version 1\n".utf8))
    #expect(LocalFileSystem().contents(of: folder.path) == nil)
    #expect(LocalFileSystem().contents(of: folder.appendingPathComponent("missing.ipc").path) == nil)
    let result = FrontEnd.load(paths: [file.path])
    #expect(result.diagnostics.isEmpty && result.contracts.contracts.map(\.name) == ["a"])
  }

  @Test("a file named by a relative and an absolute path, or through a symlink, loads once")
  func sameFileTwoSpellings() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parley-fe-\(UUID().uuidString)")
    let real = folder.appendingPathComponent("real")
    try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let link = folder.appendingPathComponent("link")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
    try "contract a version 1\nimport \"b.ipc\"\n".write(
      to: real.appendingPathComponent("a.ipc"), atomically: true, encoding: .utf8)
    try "contract b version 1\n".write(
      to: real.appendingPathComponent("b.ipc"), atomically: true, encoding: .utf8)
    // The same a.ipc spelled relative to the current directory (which is absolute: count its parts).
    let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
    let relative =
      String(repeating: "../", count: depth) + real.appendingPathComponent("a.ipc").path.dropFirst()

    let result = FrontEnd.load(paths: [
      real.appendingPathComponent("a.ipc").path, relative, link.appendingPathComponent("a.ipc").path,
      link.appendingPathComponent("b.ipc").path,
    ])
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    #expect(result.contracts.contracts.map(\.name).sorted() == ["a", "b"])
    #expect(
      LocalFileSystem().identity(of: relative)
        == LocalFileSystem().identity(of: link.appendingPathComponent("a.ipc").path))
  }
}

@Suite("Closure file system")
struct ClosureFileSystemTests {
  @Test("the closure sees normalized paths, imports included")
  func closure() {
    let files = [
      "x/a.ipc": "contract x.a version 1\nimport \"../y/b.ipc\"", "y/b.ipc": "contract y.b version 1",
    ]
    let result = FrontEnd.load(
      paths: ["./x/a.ipc"], fileSystem: ClosureFileSystem { path in files[path].map { Array($0.utf8) } })
    #expect(result.diagnostics.isEmpty)
    #expect(result.contracts.contracts.map(\.path) == ["x/a.ipc", "y/b.ipc"])
  }
}
