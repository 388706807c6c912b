import Foundation

/// Runs CPU-bound test work on a thread of its own and returns its result.
///
/// Every test target runs in one process whose cooperative thread pool has one thread per core
/// (two on CI). A long synchronous loop on that pool starves the socket tests' continuations into
/// their timeouts, even when it yields now and then; the kernel shares the CPU fairly between
/// threads. Record issues after the work returns: test context does not reach the thread.
func onDedicatedThread<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
  await withCheckedContinuation { continuation in
    let thread = Thread { continuation.resume(returning: body()) }
    thread.stackSize = 16 << 20
    thread.start()
  }
}
