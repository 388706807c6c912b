import Synchronization

/// The decoded payloads of one event subscription (see ``ParleyEventTopic/subscribe()``), in
/// the order the gateway delivered them.
///
/// Only events of the subscribed service are yielded (two services of one contract may declare
/// events of the same name). An event whose payload does not decode is dropped and counted in
/// ``undecodableEvents``, and the subscription lives on, as one bad payload fails one call and
/// not the connection. The sequence ends when the subscription is cancelled or the connection to
/// the hub closes.
public struct ParleyTypedEvents<Payload: Sendable>: AsyncSequence, Sendable {
  /// The element type: one event's payload.
  public typealias Element = Payload
  /// Iteration never throws.
  public typealias Failure = Never

  /// The untyped subscription underneath (its ``GatewaySubscription/pattern``, raw events).
  public let raw: GatewaySubscription
  let service: String
  let decode: @Sendable ([UInt8]) throws -> Payload
  let undecodable = Counter()

  final class Counter: Sendable {
    let value = Atomic<Int>(0)
  }

  /// Wraps `raw`, keeping the events of `service` and decoding their payloads with `decode`.
  public init(
    _ raw: GatewaySubscription, service: String, decode: @escaping @Sendable ([UInt8]) throws -> Payload
  ) {
    self.raw = raw
    self.service = service
    self.decode = decode
  }

  /// Events dropped because their payload did not decode.
  public var undecodableEvents: Int { undecodable.value.load(ordering: .relaxed) }

  /// Unsubscribes at the gateway and ends the sequence. Runs on the caller's executor.
  public nonisolated(nonsending) func cancel() async { await raw.cancel() }

  /// Creates the iterator.
  public func makeAsyncIterator() -> Iterator {
    Iterator(base: raw.makeAsyncIterator(), service: service, decode: decode, undecodable: undecodable)
  }

  /// Yields the decoded payloads in order.
  public struct Iterator: AsyncIteratorProtocol {
    /// Iteration never throws.
    public typealias Failure = Never
    var base: AsyncStream<GatewayEvent>.Iterator
    let service: String
    let decode: @Sendable ([UInt8]) throws -> Payload
    let undecodable: Counter

    /// The next event's payload, `nil` once the subscription has ended.
    public mutating func next() async -> Payload? {
      await next(isolation: nil)
    }

    /// The next event's payload on `actor`'s executor (what `for await` calls): iterating from
    /// an actor switches no executor per event.
    public mutating func next(isolation actor: isolated (any Actor)?) async -> Payload? {
      while let event = await base.next(isolation: actor) {
        if let publisher = event.service, publisher != service { continue }
        do {
          return try decode(event.payload)
        } catch {
          undecodable.value.add(1, ordering: .relaxed)
        }
      }
      return nil
    }
  }
}
