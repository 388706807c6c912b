/// The calls of one connection waiting for a pool thread to start their handlers, in arrival
/// order, and the runner tasks that start them (``HandlerExecution/pool``).
///
/// The I/O thread appends each accepted call; a runner (a task on Swift's pool) takes calls
/// one at a time and starts each handler in its own task on that pool thread. Calls that
/// arrive together therefore cost one hop to the pool, not one each, and the memory of their
/// handler tasks is allocated and freed on the same thread. Up to `maxRunners` runners (the
/// pool's width) run at once, so a connection's handlers still use every core when some of them
/// compute for long.
///
/// Not thread-safe: the owner keeps it behind its lock.
struct HandlerStartQueue<Item> {
  /// Waiting calls from `head` on; slots before `head` were taken (and emptied).
  private var items: [Item?] = []
  private var head = 0
  /// Runner tasks started and not yet finished.
  private(set) var runners = 0
  /// The most runners at once.
  let maxRunners: Int

  /// An empty queue whose calls are started by at most `maxRunners` runners at once.
  init(maxRunners: Int) {
    self.maxRunners = max(1, maxRunners)
  }

  /// The number of calls waiting.
  var count: Int { items.count - head }

  /// The slots the queue holds, waiting or already taken (for tests: bounded by compaction).
  var storedSlots: Int { items.count }

  /// Adds `item` and returns whether the caller must start a runner: whenever fewer than
  /// `maxRunners` run. A running runner may be busy in a long handler, so a call that arrives
  /// meanwhile gets a runner of its own while the pool has room; with every runner started,
  /// calls wait for the first one free.
  mutating func append(_ item: Item) -> Bool {
    items.append(item)
    guard runners < maxRunners else { return false }
    runners += 1
    return true
  }

  /// The next waiting call for a runner, or `nil` when none waits: the runner then ends (it is
  /// no longer counted, so the next ``append(_:)`` starts one).
  mutating func next() -> Item? {
    while head < items.count {
      let item = items[head].take()
      head += 1
      if head == items.count {
        items.removeAll(keepingCapacity: true)
        head = 0
      } else if head >= 64, head * 2 >= items.count {
        // Taken slots are dropped once they are half of the array: a queue that never empties
        // (runners always behind) does not grow without bound.
        items.removeFirst(head)
        head = 0
      }
      if let item { return item }
    }
    runners -= 1
    return nil
  }
}
