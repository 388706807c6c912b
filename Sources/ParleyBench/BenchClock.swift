#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The monotonic clock every scenario measures with.
enum BenchClock {
  /// Monotonic nanoseconds.
  @inline(__always)
  static func nanos() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
  }

  /// Seconds elapsed since `start` (from ``nanos()``).
  static func seconds(since start: UInt64) -> Double {
    Double(nanos() &- start) / 1e9
  }

  /// Seconds of CPU time (user + system) this process has used so far, all threads.
  static func processCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }
}
