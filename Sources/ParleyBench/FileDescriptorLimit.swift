#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's open-file limit (`RLIMIT_NOFILE`), which child processes inherit.
enum FileDescriptorLimit {
  /// The current soft limit, or `nil` when it cannot be read.
  static var current: Int? {
    var limit = rlimit()
    guard getrlimit(resource, &limit) == 0 else { return nil }
    return limit.rlim_cur == infinity ? Int.max : Int(limit.rlim_cur)
  }

  /// Raises the soft limit to at least `wanted` (never above the hard limit); returns the soft
  /// limit in force afterwards.
  @discardableResult
  static func raise(to wanted: Int) -> Int? {
    var limit = rlimit()
    guard getrlimit(resource, &limit) == 0 else { return nil }
    if limit.rlim_cur != infinity && limit.rlim_cur < rlim_t(wanted) {
      limit.rlim_cur = limit.rlim_max == infinity ? rlim_t(wanted) : min(rlim_t(wanted), limit.rlim_max)
      _ = setrlimit(resource, &limit)
    }
    return current
  }

  #if canImport(Glibc)
    private static let infinity = rlim_t.max  // RLIM_INFINITY (~0) does not import into Swift
    private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
  #else
    private static let infinity = RLIM_INFINITY
    private static let resource = RLIMIT_NOFILE
  #endif
}
