import Synchronization

/// The call-chain context every call carries (`"ctx"` in the envelope): the correlation root,
/// the services the chain has passed through, and its depth.
///
/// Handlers run with the incoming context in ``CallContext/current`` (a task-local), so a call a
/// handler makes extends the chain automatically; nothing is stored in shared mutable state.
/// A top-level call starts a new root: `depth` 1 and `chain` `[service]`. Each nested call appends
/// its target service and adds 1 to the depth. A call whose depth would exceed the configured
/// maximum fails with `MAX_DEPTH_EXCEEDED` before anything is sent.
public struct CallContext: Sendable, Equatable, Hashable {
  /// The correlation root shared by every call of one chain (16 lowercase hex digits when made
  /// by this runtime).
  public var root: String
  /// The services called along the chain, outermost first; the last one is this call's target.
  public var chain: [String] {
    get { services.array }
    set { services = CallChain(newValue) }
  }
  /// The number of calls in the chain including this one (1 for a top-level call).
  public var depth: Int
  /// ``chain`` as kept (and encoded and decoded): no array for a one-service chain.
  var services: CallChain

  /// Creates a context.
  public init(root: String, chain: [String], depth: Int) {
    self.init(root: root, services: CallChain(chain), depth: depth)
  }

  /// Creates a context from a kept chain.
  init(root: String, services: CallChain, depth: Int) {
    self.root = root
    self.services = services
    self.depth = depth
  }

  /// The context of the call being handled by the current task, if any.
  @TaskLocal public static var current: CallContext?

  /// A fresh correlation root (15 hex digits, 60 bits): unique per process and unpredictable across
  /// processes (a random per-process seed mixed with a counter, without a system call per root).
  public static func makeRoot() -> String {
    let counter = rootCounter.add(1, ordering: .relaxed).oldValue
    var z = rootSeed &+ counter &* 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    let value = z ^ (z >> 31)
    // 15 hex digits written in place: a Swift string of up to 15 UTF-8 bytes is stored inline,
    // so neither this root nor its copy decoded by the peer allocates.
    return String(unsafeUninitializedCapacity: 15) { buffer in
      for index in 0..<15 {
        let digit = UInt8(truncatingIfNeeded: (value >> UInt64(56 - 4 * index)) & 0xF)
        buffer[index] = digit < 10 ? 0x30 + digit : 0x57 + digit  // 0-9, a-f
      }
      return 15
    }
  }

  /// The context for a call to `service` made from within this one.
  public func extended(to service: String) -> CallContext {
    CallContext(root: root, services: services.appending(service), depth: depth == Int.max ? depth : depth + 1)
  }

  /// The context for a call to `service` made by the current task: extends
  /// ``current`` or starts a new root.
  public static func outgoing(to service: String) -> CallContext {
    if let current { return current.extended(to: service) }
    var services = CallChain()
    services.append(service)
    return CallContext(root: makeRoot(), services: services, depth: 1)
  }
}

private let rootSeed: UInt64 = {
  var generator = SystemRandomNumberGenerator()
  return generator.next()
}()
private let rootCounter = Atomic<UInt64>(0)

/// The deadline of the call being handled by the current task (monotonic nanoseconds), so that
/// calls a handler makes never get more time than its own caller left it.
enum InheritedDeadline {
  @TaskLocal static var current: UInt64?
}
