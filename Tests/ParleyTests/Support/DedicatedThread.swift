import Foundation

/// Runs CPU-bound test work on a thread of its own (not the cooperative pool, whose one thread per
/// core the socket tests of every target share) and returns its result. Record issues after it
/// returns: test context does not reach the thread.
func onDedicatedThread<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
  await withCheckedContinuation { continuation in Thread { continuation.resume(returning: body()) }.start() }
}
