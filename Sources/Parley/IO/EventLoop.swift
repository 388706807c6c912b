import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Something registered with an ``EventLoop`` for readiness of one file descriptor.
/// Its methods are called on the loop's thread only.
protocol IOHandler: AnyObject {
  /// The descriptor can be read (or has hung up / errored: the read will tell).
  func ioReadable()
  /// The descriptor can be written.
  func ioWritable()
}

/// A readiness loop on its own thread, built on `poll(2)` (available on Linux and Darwin from
/// the toolchain's C modules; epoll/kqueue would need a C shim target, see `docs/runtime.md`).
///
/// Socket reads and writes happen here, never on the cooperative pool. Other threads hand work
/// to it with ``execute(_:)`` and ``schedule(at:_:)``; registrations happen on the loop thread.
final class EventLoop: @unchecked Sendable {
  private struct Timer {
    var deadline: UInt64
    var sequence: UInt64
    var work: @Sendable () -> Void
  }

  private struct Shared {
    var tasks: [@Sendable () -> Void] = []
    var timers: [Timer] = []  // binary min-heap by (deadline, sequence)
    var sequence: UInt64 = 0
    var sleepingUntil: UInt64? = nil
  }

  private let shared = Mutex(Shared())
  private var handlers: [Int32: any IOHandler] = [:]  // loop thread only
  private var interests: [Int32: (read: Bool, write: Bool)] = [:]  // loop thread only
  private var pollSet: [pollfd] = []  // loop thread only
  private var pollSetDirty = true  // loop thread only
  private let wakeRead: Int32
  private let wakeWrite: Int32
  /// A read buffer shared by every channel of this loop (only used on the loop thread).
  let readBuffer: UnsafeMutableRawBufferPointer
  private let threadID = Mutex<ObjectIdentifier?>(nil)

  /// The process-wide loops, created on first use. Connections are spread over them.
  static let group = EventLoopGroup(count: 2)

  /// Creates a loop and starts its thread.
  init(name: String) {
    var fds: [Int32] = [0, 0]
    _ = pipe(&fds)
    Sys.setNonBlockingCloseOnExec(fds[0])
    Sys.setNonBlockingCloseOnExec(fds[1])
    wakeRead = fds[0]
    wakeWrite = fds[1]
    readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
    let thread = Thread { [self] in
      threadID.withLock { $0 = ObjectIdentifier(Thread.current) }
      run()
    }
    thread.name = name
    thread.stackSize = 1 << 20
    thread.start()
    while threadID.withLock({ $0 }) == nil { usleep(100) }
  }

  /// Whether the caller runs on this loop's thread.
  var inLoop: Bool { threadID.withLock { $0 } == ObjectIdentifier(Thread.current) }

  /// Runs `work` on the loop thread soon (after the current iteration's events).
  func execute(_ work: @escaping @Sendable () -> Void) {
    let wake = shared.withLock { state -> Bool in
      state.tasks.append(work)
      return state.tasks.count == 1 && state.sleepingUntil != nil
    }
    if wake { wakeUp() }
  }

  /// Runs `work` on the loop thread at or shortly after the monotonic time `deadline` (ns).
  func schedule(at deadline: UInt64, _ work: @escaping @Sendable () -> Void) {
    let wake = shared.withLock { state -> Bool in
      state.sequence += 1
      state.timers.append(Timer(deadline: deadline, sequence: state.sequence, work: work))
      Self.siftUp(&state.timers, state.timers.count - 1)
      if let sleeping = state.sleepingUntil, deadline < sleeping { return true }
      return false
    }
    if wake { wakeUp() }
  }

  private func wakeUp() {
    var one: UInt64 = 1
    _ = withUnsafeBytes(of: &one) { write(wakeWrite, $0.baseAddress, 8) }
  }

  // MARK: Registration (loop thread only)

  /// Registers `handler` for `fd` with read interest.
  func register(_ fd: Int32, _ handler: any IOHandler) {
    handlers[fd] = handler
    interests[fd] = (true, false)
    pollSetDirty = true
  }

  /// Changes the readiness `fd` is watched for.
  func setInterest(_ fd: Int32, read: Bool, write: Bool) {
    guard handlers[fd] != nil else { return }
    if let current = interests[fd], current.read == read, current.write == write { return }
    interests[fd] = (read, write)
    pollSetDirty = true
  }

  /// Stops watching `fd` (call before closing it).
  func deregister(_ fd: Int32) {
    guard handlers.removeValue(forKey: fd) != nil else { return }
    interests[fd] = nil
    pollSetDirty = true
  }

  // MARK: The loop

  private func run() {
    let readMask = Int16(POLLIN) | Int16(POLLHUP) | Int16(POLLERR)
    let writeMask = Int16(POLLOUT) | Int16(POLLERR)
    while true {
      let timeoutMs = prepareToSleep()
      if pollSetDirty {
        pollSet = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        for (fd, interest) in interests {
          var mask: Int16 = 0
          if interest.read { mask |= Int16(POLLIN) }
          if interest.write { mask |= Int16(POLLOUT) }
          pollSet.append(pollfd(fd: fd, events: mask, revents: 0))
        }
        pollSetDirty = false
      }
      let count = pollSet.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), timeoutMs) }
      shared.withLock { $0.sleepingUntil = nil }
      if count > 0 {
        let ready = pollSet.filter { $0.revents != 0 }
        for entry in ready {
          if entry.fd == wakeRead {
            drainWakeups()
            continue
          }
          if entry.revents & writeMask != 0, let handler = handlers[entry.fd] { handler.ioWritable() }
          if entry.revents & readMask != 0, let handler = handlers[entry.fd] { handler.ioReadable() }
        }
      }
      runDueWork()
    }
  }

  /// Runs queued tasks and due timers; returns the poll timeout in ms (-1 = none).
  private func prepareToSleep() -> Int32 {
    runDueWork()
    return shared.withLock { state -> Int32 in
      if !state.tasks.isEmpty { return 0 }
      guard let next = state.timers.first?.deadline else {
        state.sleepingUntil = UInt64.max
        return -1
      }
      let now = Sys.now()
      if next <= now { return 0 }
      state.sleepingUntil = next
      let ms = (next - now + 999_999) / 1_000_000
      return Int32(min(ms, 60_000))
    }
  }

  private func runDueWork() {
    for _ in 0..<8 {
      let (tasks, due) = shared.withLock { state -> ([@Sendable () -> Void], [@Sendable () -> Void]) in
        let tasks = state.tasks
        state.tasks.removeAll(keepingCapacity: true)
        var due: [@Sendable () -> Void] = []
        if let first = state.timers.first, first.deadline <= Sys.now() {
          let now = Sys.now()
          while let top = state.timers.first, top.deadline <= now {
            due.append(top.work)
            Self.popMin(&state.timers)
          }
        }
        return (tasks, due)
      }
      if tasks.isEmpty && due.isEmpty { return }
      for task in tasks { task() }
      for work in due { work() }
    }
  }

  private func drainWakeups() {
    var scratch: UInt64 = 0
    while withUnsafeMutableBytes(of: &scratch, { read(wakeRead, $0.baseAddress, 8) }) > 0 {}
  }

  // MARK: Heap

  private static func less(_ a: Timer, _ b: Timer) -> Bool {
    a.deadline < b.deadline || (a.deadline == b.deadline && a.sequence < b.sequence)
  }

  private static func siftUp(_ heap: inout [Timer], _ start: Int) {
    var child = start
    while child > 0 {
      let parent = (child - 1) / 2
      guard less(heap[child], heap[parent]) else { return }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  private static func popMin(_ heap: inout [Timer]) {
    let last = heap.removeLast()
    guard !heap.isEmpty else { return }
    heap[0] = last
    var parent = 0
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var smallest = parent
      if left < heap.count, less(heap[left], heap[smallest]) { smallest = left }
      if right < heap.count, less(heap[right], heap[smallest]) { smallest = right }
      if smallest == parent { return }
      heap.swapAt(parent, smallest)
      parent = smallest
    }
  }
}

/// A fixed set of event loops; ``next()`` hands them out round-robin.
final class EventLoopGroup: Sendable {
  private let loops: [EventLoop]
  private let counter = Atomic<Int>(0)

  /// Creates `count` loops (threads), started lazily on first use of the group.
  init(count: Int) {
    loops = (0..<max(1, count)).map { EventLoop(name: "parley-io-\($0)") }
  }

  /// The next loop, round-robin.
  func next() -> EventLoop {
    let index = counter.add(1, ordering: .relaxed).oldValue
    return loops[index % loops.count]
  }
}
