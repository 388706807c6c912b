import Foundation
import Parley
import Testing

@Suite("Loading the shared secret from a private file")
struct SharedSecretFileTests {
  /// A fresh temporary directory, removed by `cleanUp()`.
  final class TemporaryDirectory {
    let url: URL
    init() throws {
      url = FileManager.default.temporaryDirectory
        .appendingPathComponent("parley-secret-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    }
    func file(_ name: String, contents: String, mode: Int) throws -> String {
      let path = url.appendingPathComponent(name).path
      try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
      try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
      return path
    }
    deinit { try? FileManager.default.removeItem(at: url) }
  }

  @Test("modes 0600 and 0400 are accepted; trailing newlines are dropped", arguments: [0o600, 0o400])
  func privateFile(mode: Int) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("secret", contents: "0123456789abcdef-secret\r\n\n", mode: mode)
    let secret = try SharedSecret.load(fromFile: path)
    #expect(secret.bytes == Array("0123456789abcdef-secret".utf8))
  }

  @Test("group or world access is refused", arguments: [0o640, 0o644, 0o604, 0o660, 0o666, 0o610])
  func tooPermissive(mode: Int) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("secret", contents: "0123456789abcdef-secret", mode: mode)
    #expect(throws: SharedSecretError.tooPermissive(path: path, mode: UInt32(mode))) {
      try SharedSecret.load(fromFile: path)
    }
    let message = SharedSecretError.tooPermissive(path: path, mode: UInt32(mode)).description
    #expect(message.contains("0\(String(mode, radix: 8))"))
    #expect(message.contains("chmod 600"))
  }

  @Test("a missing file, a directory and a short secret are refused clearly")
  func otherFailures() throws {
    let directory = try TemporaryDirectory()
    let missing = directory.url.appendingPathComponent("absent").path
    do {
      _ = try SharedSecret.load(fromFile: missing)
      Issue.record("loading a missing file succeeded")
    } catch {
      guard case .unreadable(let path, let reason) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(path == missing)
      #expect(reason.contains("No such file"))
    }
    let subdirectory = directory.url.appendingPathComponent("dir")
    try FileManager.default.createDirectory(at: subdirectory, withIntermediateDirectories: false)
    try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: subdirectory.path)
    #expect(throws: SharedSecretError.notARegularFile(path: subdirectory.path)) {
      try SharedSecret.load(fromFile: subdirectory.path)
    }
    let short = try directory.file("short", contents: "tiny\n", mode: 0o600)
    #expect(throws: SharedSecretError.tooShort(byteCount: 4, minimum: 16)) {
      try SharedSecret.load(fromFile: short)
    }
  }

  @Test("a file that is too large is refused")
  func tooLarge() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file(
      "big", contents: String(repeating: "x", count: SharedSecret.maximumFileByteCount + 1), mode: 0o600)
    #expect(
      throws: SharedSecretError.tooLarge(
        path: path, byteCount: SharedSecret.maximumFileByteCount + 1, limit: SharedSecret.maximumFileByteCount
      )
    ) {
      try SharedSecret.load(fromFile: path)
    }
  }

  @Test("a symbolic link to a private file is followed; the target's permissions count")
  func symbolicLink() throws {
    let directory = try TemporaryDirectory()
    let target = try directory.file("target", contents: "0123456789abcdef-secret", mode: 0o600)
    let link = directory.url.appendingPathComponent("link").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    #expect(try SharedSecret.load(fromFile: link).bytes.count == 23)
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: target)
    #expect(throws: SharedSecretError.tooPermissive(path: link, mode: 0o644)) {
      try SharedSecret.load(fromFile: link)
    }
  }

  @Test("a file owned by another user is refused (root only: chown needs privileges)")
  func wrongOwner() throws {
    guard geteuid() == 0 else { return }
    let directory = try TemporaryDirectory()
    let path = try directory.file("secret", contents: "0123456789abcdef-secret", mode: 0o600)
    guard chown(path, 65534, 65534) == 0 else { return }
    #expect(throws: SharedSecretError.wrongOwner(path: path, owner: 65534, expected: 0)) {
      try SharedSecret.load(fromFile: path)
    }
  }
}
