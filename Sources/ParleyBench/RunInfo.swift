import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where and when a run happened: the machine, its load, the command and the commit measured.
struct RunInfo: Sendable {
  var date: String
  var command: String
  var cpus: Int
  var system: String
  var loadBefore: [Double]
  var loadAfter: [Double] = []
  var commit: String?
  /// Whether the work tree had uncommitted changes under `Sources/` or in `Package.swift`.
  var dirty: Bool?

  static func collect(arguments: [String], commit given: String?) async -> RunInfo {
    let formatter = ISO8601DateFormatter()
    var name = utsname()
    uname(&name)
    func field<T>(_ value: T) -> String {
      withUnsafeBytes(of: value) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
    }
    let system = "\(field(name.sysname)) \(field(name.release)) \(field(name.machine))"
    var commit = given
    var status: String?
    if given == nil {
      commit = await git(["rev-parse", "--short=12", "HEAD"])
      status = await git(["status", "--porcelain", "--", "Sources", "Package.swift"])
    }
    return RunInfo(
      date: formatter.string(from: Date()), command: (["parley-bench"] + arguments).joined(separator: " "),
      cpus: ProcessInfo.processInfo.activeProcessorCount, system: system, loadBefore: loadAverage(),
      commit: commit.flatMap { $0.isEmpty ? nil : $0 }, dirty: status.map { !$0.isEmpty })
  }

  /// The 1, 5 and 15-minute load averages (`/proc/loadavg`), empty where unavailable.
  static func loadAverage() -> [Double] {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return [] }
    return text.split(separator: " ").prefix(3).compactMap { Double($0) }
  }

  /// Runs `git` in the current directory; `nil` when it fails (not a checkout, no git).
  private static func git(_ arguments: [String]) async -> String? {
    await offPool {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["git"] + arguments
      let output = Pipe()
      process.standardOutput = output
      process.standardError = FileHandle.nullDevice
      guard (try? process.run()) != nil else { return nil }
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      guard process.terminationStatus == 0 else { return nil }
      return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
  }
}
