import Dispatch
import Foundation
import Synchronization

/// Runs `git` as a subprocess with a time limit and captures its output.
enum GitProcess {
  /// What a finished `git` run produced.
  struct Output: Sendable {
    var status: Int32
    var standardOutput: [UInt8]
    var standardError: String
  }

  /// Why `git` could not be run at all.
  enum Failure: Error, Sendable {
    case cannotLaunch(String)
    case timedOut
  }

  private final class Buffer: Sendable {
    let bytes = Mutex<[UInt8]>([])
  }

  /// Runs `git arguments…` in `directory`, waiting at most `timeout` seconds.
  static func run(_ arguments: [String], in directory: String, timeout: Double) throws(Failure) -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory, isDirectory: true)
    var environment = ProcessInfo.processInfo.environment
    environment["GIT_TERMINAL_PROMPT"] = "0"
    environment["LC_ALL"] = "C"
    process.environment = environment
    let outPipe = Pipe()
    let errPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw .cannotLaunch("cannot run git: \(error.localizedDescription)")
    }
    let out = Buffer()
    let err = Buffer()
    let group = DispatchGroup()
    let outHandle = outPipe.fileHandleForReading
    let errHandle = errPipe.fileHandleForReading
    DispatchQueue.global().async(group: group) {
      let data = outHandle.readDataToEndOfFile()
      out.bytes.withLock { $0 = [UInt8](data) }
    }
    DispatchQueue.global().async(group: group) {
      let data = errHandle.readDataToEndOfFile()
      err.bytes.withLock { $0 = [UInt8](data) }
    }
    if group.wait(timeout: .now() + timeout) == .timedOut {
      process.terminate()
      throw .timedOut
    }
    process.waitUntilExit()
    let errorText = String(decoding: err.bytes.withLock { $0 }, as: UTF8.self)
    return Output(
      status: process.terminationStatus, standardOutput: out.bytes.withLock { $0 }, standardError: errorText)
  }
}
