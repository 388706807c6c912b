import Synchronization

/// The events of one subscription, in the order the gateway delivered them (per publisher, the
/// order it published them). Iterate it; call ``cancel()`` to unsubscribe.
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
  private let onCancel: @Sendable (GatewaySubscription) async -> Void

  init(pattern: TopicPattern, buffer: Int, onCancel: @escaping @Sendable (GatewaySubscription) async -> Void)
  {
    self.pattern = pattern
    (stream, continuation) = AsyncStream.makeStream(
      of: GatewayEvent.self, bufferingPolicy: .bufferingOldest(buffer))
    self.onCancel = onCancel
  }

  /// Iterates the delivered events; ends when the subscription is cancelled or the connection
  /// closes.
  public func makeAsyncIterator() -> AsyncStream<GatewayEvent>.Iterator {
    stream.makeAsyncIterator()
  }

  /// Unsubscribes at the gateway and ends the sequence.
  public func cancel() async {
    await onCancel(self)
    continuation.finish()
  }
}
