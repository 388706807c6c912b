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

/// A readiness loop on its own thread, built on the platform's ``ReadinessPoller``: level-
/// triggered `epoll` woken by an `eventfd` on Linux, `poll(2)` woken by a pipe elsewhere.
///
/// Socket reads and writes happen here, never on the cooperative pool. Other threads hand work
/// to it with ``execute(_:)`` and ``schedule(at:_:)``; registrations happen on the loop thread.
///
/// The loop is also a Swift `TaskExecutor` (`EventLoop+TaskExecutor.swift`): jobs of tasks that
/// prefer it join the same queue as ``execute(_:)``'s work and run on the loop thread between
/// batches of I/O, in the order they were enqueued.
final class EventLoop: @unchecked Sendable {
  /// One unit of queued work: a closure from ``execute(_:)`` or a job of a task that prefers this
  /// loop as its executor.
  enum Work {
    case closure(@Sendable () -> Void)
    case job(UnownedJob)
  }

  private struct Timer {
    var deadline: UInt64
    var sequence: UInt64
    var work: @Sendable () -> Void
  }

  private struct Shared {
    var tasks: [Work] = []
    var timers: [Timer] = []  // binary min-heap by (deadline, sequence)
    var sequence: UInt64 = 0
    var sleepingUntil: UInt64? = nil
  }

  private let shared = Mutex(Shared())
  private var handlers: [Int32: any IOHandler] = [:]  // loop thread only
  private var interests: [Int32: (read: Bool, write: Bool)] = [:]  // loop thread only
  private let poller: any ReadinessPoller
  /// A read buffer shared by every channel of this loop (only used on the loop thread).
  let readBuffer: UnsafeMutableRawBufferPointer
  /// The loop's thread (`pthread_self()`, which also holds inside Swift tasks running there).
  private let thread = Mutex<pthread_t?>(nil)

  /// The process-wide loops, created on first use. Connections are spread over them.
  static let group = EventLoopGroup(count: 2)

  /// Creates a loop and starts its thread.
  init(name: String) {
    poller = makeReadinessPoller()
    readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
    let worker = Thread { [self] in
      thread.withLock { $0 = pthread_self() }
      run()
    }
    worker.name = name
    worker.stackSize = 1 << 20
    worker.start()
    while thread.withLock({ $0 }) == nil { usleep(100) }
  }

  /// Whether the caller runs on this loop's thread.
  var inLoop: Bool {
    guard let loopThread = thread.withLock({ $0 }) else { return false }
    return pthread_equal(loopThread, pthread_self()) != 0
  }

  /// Runs `work` on the loop thread soon (after the current iteration's events).
  func execute(_ work: @escaping @Sendable () -> Void) {
    enqueue(work: .closure(work))
  }

  /// Queues `work` behind everything queued before it; wakes the loop only when it sleeps and
  /// this is the first item (work queued from the loop thread itself never wakes anything).
  func enqueue(work: Work) {
    let wake = shared.withLock { state -> Bool in
      state.tasks.append(work)
      return state.tasks.count == 1 && state.sleepingUntil != nil
    }
    if wake { poller.wakeUp() }
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
    if wake { poller.wakeUp() }
  }

  // MARK: Registration (loop thread only)

  /// Registers `handler` for `fd` with read interest.
  func register(_ fd: Int32, _ handler: any IOHandler) {
    if handlers[fd] != nil { poller.remove(fd) }
    handlers[fd] = handler
    interests[fd] = (true, false)
    poller.add(fd)
  }

  /// Changes the readiness `fd` is watched for.
  func setInterest(_ fd: Int32, read: Bool, write: Bool) {
    guard handlers[fd] != nil else { return }
    if let current = interests[fd], current.read == read, current.write == write { return }
    interests[fd] = (read, write)
    poller.setInterest(fd, read: read, write: write)
  }

  /// Stops watching `fd` (call before closing it).
  func deregister(_ fd: Int32) {
    guard handlers.removeValue(forKey: fd) != nil else { return }
    interests[fd] = nil
    poller.remove(fd)
  }

  // MARK: The loop

  private func run() {
    while true {
      let timeoutMs = prepareToSleep()
      // Awake as soon as the wait returns: work the handlers enqueue on this loop (a reply
      // resuming a caller that runs here) must not write the wake-up descriptor.
      poller.wait(timeoutMs: timeoutMs, woke: { shared.withLock { $0.sleepingUntil = nil } }) {
        fd, readable, writable in
        if writable, let handler = handlers[fd] { handler.ioWritable() }
        if readable, let handler = handlers[fd] { handler.ioReadable() }
      }
      runDueWork()
    }
  }

  /// Runs queued tasks and due timers; returns the wait timeout in ms (-1 = none).
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

  /// Tasks taken from the shared queue, run outside the lock (loop thread only). Swapped with
  /// the queue, so neither array is reallocated per iteration.
  private var running: [Work] = []

  private func runDueWork() {
    for _ in 0..<8 {
      var due: [@Sendable () -> Void] = []
      shared.withLock { state in
        swap(&running, &state.tasks)
        guard let first = state.timers.first else { return }
        let now = Sys.now()
        guard first.deadline <= now else { return }
        while let top = state.timers.first, top.deadline <= now {
          due.append(top.work)
          Self.popMin(&state.timers)
        }
      }
      if running.isEmpty && due.isEmpty { return }
      for task in running {
        switch task {
        case .closure(let work): work()
        case .job(let job): job.runSynchronously(on: asUnownedTaskExecutor())
        }
      }
      running.removeAll(keepingCapacity: true)
      for work in due { work() }
    }
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

  /// Whether the caller runs on one of this group's loop threads.
  var inAnyLoop: Bool { current != nil }

  /// The loop whose thread the caller runs on, if any.
  var current: EventLoop? { loops.first { $0.inLoop } }

  /// The next loop, round-robin.
  func next() -> EventLoop {
    let index = counter.add(1, ordering: .relaxed).oldValue
    return loops[index % loops.count]
  }
}
