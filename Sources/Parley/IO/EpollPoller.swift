#if os(Linux)
  import CParleyEpoll
  import Glibc

  /// A ``ReadinessPoller`` on Linux `epoll`, level-triggered, woken through an `eventfd`.
  ///
  /// Registration costs one `epoll_ctl` per change (never a rebuilt array), and each wait returns
  /// only the ready descriptors (up to 256 per call), so the loop's cost does not grow with the
  /// number of idle connections.
  final class EpollPoller: ReadinessPoller {
    private static let capacity: Int32 = 256
    private let epoll: Int32
    private let wake: Int32
    private let scratch: UnsafeMutableRawPointer
    private let events: UnsafeMutablePointer<cparley_ready_event>

    /// Creates the epoll instance and its wake-up eventfd; `nil` if the kernel refuses.
    init?() {
      let epoll = cparley_epoll_create()
      guard epoll >= 0 else { return nil }
      let wake = cparley_eventfd_create()
      guard wake >= 0 else {
        _ = close(epoll)
        return nil
      }
      guard cparley_epoll_ctl(epoll, 1, wake, cparley_epoll_in) == 0 else {
        _ = close(wake)
        _ = close(epoll)
        return nil
      }
      self.epoll = epoll
      self.wake = wake
      scratch = UnsafeMutableRawPointer.allocate(
        byteCount: Int(cparley_epoll_event_size()) * Int(Self.capacity), alignment: 16)
      events = UnsafeMutablePointer<cparley_ready_event>.allocate(capacity: Int(Self.capacity))
    }

    func add(_ fd: Int32) {
      _ = cparley_epoll_ctl(epoll, 1, fd, cparley_epoll_in)
    }

    func setInterest(_ fd: Int32, read: Bool, write: Bool) {
      var mask: UInt32 = 0
      if read { mask |= cparley_epoll_in }
      if write { mask |= cparley_epoll_out }
      _ = cparley_epoll_ctl(epoll, 2, fd, mask)
    }

    func remove(_ fd: Int32) {
      _ = cparley_epoll_ctl(epoll, 3, fd, 0)
    }

    func wakeUp() {
      var one: UInt64 = 1
      _ = withUnsafeBytes(of: &one) { write(wake, $0.baseAddress, 8) }
    }

    func wait(timeoutMs: Int32, woke: () -> Void, _ ready: (Int32, Bool, Bool) -> Void) {
      let count = cparley_epoll_wait(epoll, scratch, events, Self.capacity, timeoutMs)
      woke()
      guard count > 0 else { return }
      let readMask = cparley_epoll_in | cparley_epoll_hup | cparley_epoll_err
      let writeMask = cparley_epoll_out | cparley_epoll_err
      for index in 0..<Int(count) {
        let event = events[index]
        if event.fd == wake {
          var counter: UInt64 = 0
          _ = withUnsafeMutableBytes(of: &counter) { read(wake, $0.baseAddress, 8) }
          continue
        }
        ready(event.fd, event.events & readMask != 0, event.events & writeMask != 0)
      }
    }
  }
#endif
