import Synchronization

/// The events of one subscription, in the order the gateway delivered them (per publisher, the
/// order it published them). Iterate it; call ``cancel()`` to unsubscribe.
///
/// A subscription made through a ``GatewayClient`` ends when its connection closes; one made
/// through a ``GatewayServiceLink`` (``GatewayServiceLink/subscribe(_:)``) survives reconnects:
/// the link subscribes again on every new connection.
///
/// ```swift
/// let shipped = try await client.subscribe("shop.orders.*")
/// for await event in shipped { print(event.topic) }
/// ```
public final class GatewaySubscription: AsyncSequence, Sendable {
  /// The element type: one delivered event.
  public typealias Element = GatewayEvent

  /// The pattern subscribed to.
  public let pattern: TopicPattern
  let stream: AsyncStream<GatewayEvent>
  let continuation: AsyncStream<GatewayEvent>.Continuation
  let hubID = Mutex<UInt64?>(nil)
  /// Whether it outlives its connection (a link's subscription, subscribed again after reconnects).
  let survivesDisconnect: Bool
  private let dropped = Atomic<Int>(0)
  private weak let owner: (any GatewaySubscriptionOwner)?

  init(
    pattern: TopicPattern, buffer: Int, survivesDisconnect: Bool = false,
    owner: any GatewaySubscriptionOwner
  ) {
    self.pattern = pattern
    self.survivesDisconnect = survivesDisconnect
    (stream, continuation) = AsyncStream.makeStream(
      of: GatewayEvent.self, bufferingPolicy: .bufferingOldest(buffer))
    self.owner = owner
  }

  /// Events dropped because this subscription's buffer was full (its consumer fell behind by
  /// more than ``GatewayClient/subscriptionBuffer`` events).
  public var droppedEvents: Int { dropped.load(ordering: .relaxed) }

  /// Queues `event` for the consumer; returns `false` (and counts it) when the buffer is full.
  func deliver(_ event: GatewayEvent) -> Bool {
    if case .dropped = continuation.yield(event) {
      dropped.add(1, ordering: .relaxed)
      return false
    }
    return true
  }

  /// Iterates the delivered events; ends when the subscription is cancelled or the connection
  /// closes.
  public func makeAsyncIterator() -> AsyncStream<GatewayEvent>.Iterator {
    stream.makeAsyncIterator()
  }

  /// Unsubscribes at the gateway and ends the sequence. Runs on the caller's executor (called
  /// from an actor, it does not leave it; see `docs/generated-code.md`, "Executors").
  public nonisolated(nonsending) func cancel() async {
    await owner?.unsubscribe(self)
    continuation.finish()
  }
}
