import Foundation

/// Resident memory of a process, read from `/proc/<pid>/status` (`VmRSS`): what the kernel has
/// actually mapped in, page-granular, including memory the allocator keeps cached after `free`.
enum ResidentMemory {
  /// `VmRSS` of `pid` (or of this process when `nil`) in bytes; `nil` without `/proc` (Darwin).
  static func bytes(pid: Int32? = nil) -> Int? {
    let path = pid.map { "/proc/\($0)/status" } ?? "/proc/self/status"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
      return kilobytes * 1024
    }
    return nil
  }
}
