#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A ``ReadinessPoller`` on `poll(2)`, woken through a pipe: Darwin's (and the fallback when
/// epoll cannot be created). Rebuilds its descriptor array only after the interests changed.
final class PollPoller: ReadinessPoller {
  private var interests: [Int32: Int16] = [:]
  private var pollSet: [pollfd] = []
  private var dirty = true
  private let wakeRead: Int32
  private let wakeWrite: Int32

  init() {
    var fds: [Int32] = [-1, -1]
    _ = pipe(&fds)
    Sys.setNonBlockingCloseOnExec(fds[0])
    Sys.setNonBlockingCloseOnExec(fds[1])
    wakeRead = fds[0]
    wakeWrite = fds[1]
  }

  func add(_ fd: Int32) {
    interests[fd] = Int16(POLLIN)
    dirty = true
  }

  func setInterest(_ fd: Int32, read: Bool, write: Bool) {
    guard interests[fd] != nil else { return }
    var mask: Int16 = 0
    if read { mask |= Int16(POLLIN) }
    if write { mask |= Int16(POLLOUT) }
    interests[fd] = mask
    dirty = true
  }

  func remove(_ fd: Int32) {
    if interests.removeValue(forKey: fd) != nil { dirty = true }
  }

  func wakeUp() {
    var one: UInt8 = 1
    _ = write(wakeWrite, &one, 1)
  }

  func wait(timeoutMs: Int32, woke: () -> Void, _ ready: (Int32, Bool, Bool) -> Void) {
    if dirty {
      pollSet = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
      for (fd, mask) in interests { pollSet.append(pollfd(fd: fd, events: mask, revents: 0)) }
      dirty = false
    }
    let count = pollSet.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), timeoutMs) }
    woke()
    guard count > 0 else { return }
    let readMask = Int16(POLLIN) | Int16(POLLHUP) | Int16(POLLERR)
    let writeMask = Int16(POLLOUT) | Int16(POLLERR)
    for entry in pollSet where entry.revents != 0 {
      if entry.fd == wakeRead {
        var scratch = [UInt8](repeating: 0, count: 64)
        while scratch.withUnsafeMutableBytes({ read(wakeRead, $0.baseAddress, 64) }) > 0 {}
        continue
      }
      ready(entry.fd, entry.revents & readMask != 0, entry.revents & writeMask != 0)
    }
  }
}
