import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// CPU time (user + system, every thread) another process has used so far, read from
/// `/proc/<pid>/stat`: its granularity is the kernel's clock tick (10 ms at 100 Hz), so it is
/// meant for windows of seconds.
enum ProcessCPU {
  /// Seconds of CPU `pid` has used, `nil` without `/proc` (Darwin) or once it has exited.
  static func seconds(pid: Int32) -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return nil }
    return seconds(stat: text, ticksPerSecond: Double(sysconf(Int32(_SC_CLK_TCK))))
  }

  /// `utime + stime` of a `/proc/<pid>/stat` line in seconds. The command name (field 2) is in
  /// parentheses and may hold spaces or parentheses itself, so fields are counted after its last
  /// `)`: the state is field 3, `utime` field 14 and `stime` field 15.
  static func seconds(stat: String, ticksPerSecond: Double) -> Double? {
    guard ticksPerSecond > 0, let close = stat.lastIndex(of: ")") else { return nil }
    let fields = stat[stat.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
    // fields[0] is field 3 (the state), so field n is fields[n - 3].
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
      return nil
    }
    return (user + system) / ticksPerSecond
  }
}
