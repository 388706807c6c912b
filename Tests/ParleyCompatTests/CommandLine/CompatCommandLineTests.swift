import Dispatch
import Foundation
import ParleyCompat
import Testing

/// `parley compat` end to end, in-process: arguments, exit statuses, formats, git baselines.
@Suite("Command line")
struct CompatCommandLineTests {
  static let oldContract = """
    contract shop.orders version 1

    struct Req {
      1 id: String
      2 note: String?
    }

    service Orders {
      rpc get(Req) -> Req
    }
    """
  static let newContract = """
    contract shop.orders version 2

    struct Req {
      1 id: String
    }

    service Orders {
      rpc get(Req) -> Req
    }
    """

  /// A temporary directory removed when the test ends.
  final class TemporaryDirectory {
    let path: String
    init() throws {
      path =
        FileManager.default.temporaryDirectory
        .appendingPathComponent("parley-compat-\(UUID().uuidString)").path
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ relative: String, _ text: String) throws {
      let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
  }

  /// Files as given; folders expand to their `.ipc` files, sorted.
  static func environment(in directory: String) -> CompatCommandLine.Environment {
    CompatCommandLine.Environment(
      expand: { arguments in
        var paths: [String] = []
        var problems: [String] = []
        for argument in arguments {
          let full = argument.hasPrefix("/") ? argument : directory + "/" + argument
          var isDirectory: ObjCBool = false
          guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else {
            problems.append("error: no such file or directory: '\(argument)'")
            continue
          }
          if !isDirectory.boolValue {
            paths.append(argument)
            continue
          }
          let found = (FileManager.default.enumerator(atPath: full)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".ipc") }.sorted()
          paths += found.map { argument + "/" + $0 }
        }
        return (paths, problems)
      },
      readFile: { path in
        FileManager.default.contents(atPath: path.hasPrefix("/") ? path : directory + "/" + path).map {
          [UInt8]($0)
        }
      },
      writeFile: { path, bytes in
        FileManager.default.createFile(
          atPath: path.hasPrefix("/") ? path : directory + "/" + path, contents: Data(bytes))
      },
      currentDirectory: directory, gitTimeout: 30)
  }

  static func run(_ arguments: [String], in directory: String) -> CompatCommandLine.Outcome {
    CompatCommandLine.run(arguments, environment: environment(in: directory))
  }

  /// Runs git in `directory` with a time limit.
  static func git(_ arguments: [String], in directory: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      [
        "git", "-c", "user.name=Parley Test", "-c", "user.email=test@example.com",
        "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main",
      ] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    try process.run()
    if finished.wait(timeout: .now() + 30) == .timedOut {
      process.terminate()
      Issue.record("git \(arguments.joined(separator: " ")) timed out")
      return
    }
    #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")) failed")
  }

  @Test("breaking change: exit 1 with the finding and the fix")
  func breaking() throws {
    let dir = try TemporaryDirectory()
    try dir.write("old/orders.ipc", Self.oldContract)
    try dir.write("new/orders.ipc", Self.newContract)
    let outcome = Self.run(["--old", "old", "--new", "new"], in: dir.path)
    #expect(outcome.status == 1)
    #expect(outcome.standardOutput.contains("error [field-removed-unreserved]"))
    #expect(outcome.standardOutput.contains("add `reserved 2, \"note\"` to Req"))
  }

  @Test("exit 0 when nothing reaches --fail-on, or when the wire is unaffected")
  func passing() throws {
    let dir = try TemporaryDirectory()
    try dir.write("old.ipc", Self.oldContract)
    try dir.write("new.ipc", Self.oldContract.replacingOccurrences(of: "version 1", with: "version 2"))
    #expect(Self.run(["--old", "old.ipc", "--new", "new.ipc"], in: dir.path).status == 0)
    try dir.write("renamed.ipc", Self.oldContract.replacingOccurrences(of: "2 note", with: "2 comment"))
    #expect(Self.run(["--old", "old.ipc", "--new", "renamed.ipc"], in: dir.path).status == 1)
    #expect(
      Self.run(["--old", "old.ipc", "--new", "renamed.ipc", "--wire", "binary"], in: dir.path).status == 0)
    #expect(
      Self.run(["--old", "old.ipc", "renamed.ipc", "--fail-on", "error", "--wire=binary"], in: dir.path)
        .status == 0)
  }

  @Test("exit 2 on usage errors, unreadable files and contract errors")
  func usageErrors() throws {
    let dir = try TemporaryDirectory()
    try dir.write("old.ipc", Self.oldContract)
    try dir.write("bad.ipc", "contract broken version\n")
    for arguments in [
      [], ["--old", "old.ipc"], ["--new", "old.ipc"],
      ["--old", "old.ipc", "--new", "old.ipc", "--mode", "sideways"],
      ["--old", "old.ipc", "--new", "old.ipc", "--bogus"],
      ["--old", "old.ipc", "--against", "HEAD", "old.ipc"],
      ["--old", "missing.ipc", "--new", "old.ipc"], ["--old", "old.ipc", "--new", "bad.ipc"],
      ["--old", "bad.ipc", "--new", "old.ipc"],
      ["--old", "old.ipc", "--new", "old.ipc", "--acknowledgements", "nope.json"],
    ] {
      let outcome = Self.run(arguments, in: dir.path)
      #expect(outcome.status == 2, "\(arguments)")
      #expect(!outcome.standardError.isEmpty)
      #expect(outcome.standardOutput.isEmpty)
    }
  }

  @Test("formats: json, github, markdown; and --list-rules")
  func formats() throws {
    let dir = try TemporaryDirectory()
    try dir.write("old.ipc", Self.oldContract)
    try dir.write("new.ipc", Self.newContract)
    let json = Self.run(["--old", "old.ipc", "--new", "new.ipc", "--format", "json"], in: dir.path)
    let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
    #expect(object?["failed"] as? Bool == true)
    let github = Self.run(["--old", "old.ipc", "--new", "new.ipc", "--format", "github"], in: dir.path)
    #expect(
      github.standardOutput.hasPrefix(
        "::error file=new.ipc,line=3,col=8,title=parley compat field-removed-unreserved::"))
    let markdown = Self.run(["--old", "old.ipc", "--new", "new.ipc", "--format", "markdown"], in: dir.path)
    #expect(markdown.standardOutput.contains("### Breaking changes"))
    let rules = Self.run(["--list-rules"], in: dir.path)
    #expect(rules.status == 0)
    #expect(rules.standardOutput.split(separator: "\n").count == CompatRuleID.allCases.count)
    let rulesJSON = Self.run(["--list-rules", "--format", "json"], in: dir.path)
    #expect(
      (try JSONSerialization.jsonObject(with: Data(rulesJSON.standardOutput.utf8)) as? [Any])?.count
        == CompatRuleID.allCases.count)
  }

  @Test("an acknowledgement file turns the failure into a pass")
  func acknowledgementFile() throws {
    let dir = try TemporaryDirectory()
    try dir.write("old.ipc", Self.oldContract)
    try dir.write("new.ipc", Self.newContract)
    let fingerprint = Fingerprint.make(
      rule: "field-removed-unreserved", contract: "shop.orders", element: "Req.note")
    try dir.write(
      "acks.json", #"{"acknowledgements": [{"fingerprint": "\#(fingerprint)", "reason": "unused"}]}"#)
    let outcome = Self.run(
      ["--old", "old.ipc", "--new", "new.ipc", "--acknowledgements", "acks.json"], in: dir.path)
    #expect(outcome.status == 0)
    #expect(outcome.standardOutput.contains("acknowledged: unused"))
    try dir.write("bad.json", #"{"acknowledgements": [{"fingerprint": "x"}]}"#)
    #expect(
      Self.run(["--old", "old.ipc", "--new", "new.ipc", "--acknowledgements", "bad.json"], in: dir.path)
        .status == 2)
  }

  @Test("a lock file remembers numbers freed versions ago")
  func lockFile() throws {
    let dir = try TemporaryDirectory()
    try dir.write("v1.ipc", Self.oldContract)
    try dir.write("v2.ipc", Self.newContract)
    try dir.write(
      "v3.ipc",
      Self.newContract.replacingOccurrences(of: "version 2", with: "version 3")
        .replacingOccurrences(of: "1 id: String\n", with: "1 id: String\n  2 coupon: String?\n"))
    let first = Self.run(
      ["--old", "v1.ipc", "--new", "v2.ipc", "--write-lock", "compat.lock.json"], in: dir.path)
    #expect(first.status == 1)
    let lockText = try String(contentsOfFile: dir.path + "/compat.lock.json", encoding: .utf8)
    #expect(lockText.contains(#"{"number": 2, "name": "note", "version": 1}"#))
    let second = Self.run(["--old", "v2.ipc", "--new", "v3.ipc", "--lock", "compat.lock.json"], in: dir.path)
    #expect(second.status == 1)
    #expect(
      second.standardOutput.contains(
        "[number-reused] field 'coupon' of Req reuses number 2, which version 1 used for 'note'"))
    #expect(Self.run(["--old", "v2.ipc", "--new", "v3.ipc"], in: dir.path).status == 0)
    try dir.write("bad.lock.json", #"{"lockVersion": 2, "contracts": {}}"#)
    #expect(
      Self.run(["--old", "v2.ipc", "--new", "v3.ipc", "--lock", "bad.lock.json"], in: dir.path).status == 2)
    #expect(
      Self.run(["--old", "v2.ipc", "--new", "v3.ipc", "--lock", "missing.json"], in: dir.path).status == 2)
  }

  @Test("lock files round-trip")
  func lockRoundTrip() throws {
    let set = CompatTestSupport.load(Self.oldContract, path: "a.ipc")
    let history = MemberHistory([set])
    #expect(try MemberHistory.parseLock(Array(history.lockText().utf8)) == history)
    #expect(try MemberHistory.parseLock(Array(MemberHistory().lockText().utf8)).isEmpty)
  }

  @Test("--against reads the baseline from git; unreadable baselines exit 2", .timeLimit(.minutes(1)))
  func against() throws {
    let dir = try TemporaryDirectory()
    try Self.git(["init", "-q"], in: dir.path)
    try dir.write("Contracts/orders/orders.ipc", Self.oldContract)
    try dir.write(
      "Contracts/common/common.ipc",
      "contract shop.common version 1\n\nstruct Money {\n  1 amount: Int64\n}\n")
    try Self.git(["add", "."], in: dir.path)
    try Self.git(["commit", "-q", "-m", "v1"], in: dir.path)
    try Self.git(["tag", "v1"], in: dir.path)
    // v2 removes the field without reserving it; v3 reuses its number.
    try dir.write("Contracts/orders/orders.ipc", Self.newContract)
    try Self.git(["commit", "-q", "-am", "v2"], in: dir.path)
    try dir.write(
      "Contracts/orders/orders.ipc",
      Self.newContract.replacingOccurrences(of: "version 2", with: "version 3")
        .replacingOccurrences(of: "1 id: String\n", with: "1 id: String\n  2 coupon: String?\n"))
    try dir.write(
      "Contracts/extra/extra.ipc", "contract shop.extra version 1\n\nstruct X {\n  1 x: Int32\n}\n")

    let unchanged = Self.run(["--against", "HEAD", "Contracts/common"], in: dir.path)
    #expect(unchanged.status == 0, "\(unchanged.standardError)")
    #expect(unchanged.standardOutput.contains("compat: no findings"))

    let history = Self.run(["--against", "HEAD", "--against", "v1", "Contracts"], in: dir.path)
    #expect(history.status == 1, "\(history.standardError)")
    #expect(history.standardOutput.contains("[number-reused]"))
    #expect(history.standardOutput.contains("[contract-added] contract 'shop.extra' added"))

    let v1 = Self.run(["--against", "v1", "Contracts/orders/orders.ipc"], in: dir.path)
    #expect(v1.status == 1)
    #expect(!v1.standardOutput.contains("[number-reused]"))

    let unknown = Self.run(["--against", "no-such-ref", "Contracts"], in: dir.path)
    #expect(unknown.status == 2)
    #expect(unknown.standardError.contains("unknown git revision 'no-such-ref'"))

    let absent = Self.run(["--against", "HEAD", "Contracts/extra"], in: dir.path)
    #expect(absent.status == 2)
    #expect(absent.standardError.contains("none of the contract files exists"))

    // Removals are located in the baseline, in `git show` form.
    try dir.write("Contracts/common/common.ipc", "contract shop.common version 2\n\nstruct Money {\n}\n")
    let removed = Self.run(["--against", "HEAD", "Contracts/common"], in: dir.path)
    #expect(removed.status == 1)
    #expect(
      removed.standardOutput.hasPrefix(
        "HEAD:Contracts/common/common.ipc:4:3: error [field-removed-unreserved]"))

    let outside = try TemporaryDirectory()
    try outside.write("a.ipc", Self.oldContract)
    let notRepo = Self.run(["--against", "HEAD", "a.ipc"], in: outside.path)
    #expect(notRepo.status == 2)
    #expect(notRepo.standardError.contains("not inside a git repository"))
  }
}
