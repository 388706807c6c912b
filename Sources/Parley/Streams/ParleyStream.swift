/// The items of a server stream, as encoded payloads in the connection's codec.
///
/// Iterate it once. It ends normally (`nil`) or by throwing the stream's ``ParleyError`` (e.g.
/// `APPLICATION`, `CANCELLED`, `CONNECTION_LOST`). Cancelling the iterating task, or dropping
/// the sequence and its iterator before the end, sends `cancel` and the server cancels its
/// handler.
///
/// ```swift
/// let items = try await connection.stream(
///   contract: "demo.count", version: 1, service: "Counter", method: "countTo",
///   payload: Array(#"{"n":3}"#.utf8))
/// for try await item in items { print(String(decoding: item, as: UTF8.self)) }
/// ```
public struct ParleyStream: AsyncSequence, Sendable {
  /// Cancels the stream when the last sequence or iterator referring to it goes away early.
  final class Handle: Sendable {
    let state: ClientStreamState
    init(_ state: ClientStreamState) { self.state = state }
    deinit {
      state.cancel(ParleyError(.cancelled, "the stream was dropped by the consumer", mayHaveRun: true))
    }
  }

  let handle: Handle

  /// The stream's call id on its connection.
  public var callID: UInt64 { handle.state.callID }

  /// The most items that were ever buffered waiting for the consumer (bounded by the credit
  /// window, ``CallOptions/streamCredit``).
  public var maxBufferedItems: Int { handle.state.maxBuffered }

  /// Items received so far.
  public var receivedItems: Int { handle.state.received }

  /// Cancels the stream: sends `cancel`; the iterator then throws `CANCELLED`.
  public func cancel() {
    handle.state.cancel(ParleyError(.cancelled, "the stream was cancelled by the consumer", mayHaveRun: true))
  }

  /// Creates the iterator (iterate once).
  public func makeAsyncIterator() -> Iterator { Iterator(handle: handle) }

  /// Yields the items in order.
  public struct Iterator: AsyncIteratorProtocol {
    let handle: Handle

    /// The next item, `nil` after a normal end.
    /// - Throws: the stream's ``ParleyError``.
    public mutating func next() async throws -> [UInt8]? {
      try await handle.state.next()
    }

    /// The next item, on `actor`'s executor (what `for try await` calls): iterating from an
    /// actor switches no executor per item.
    /// - Throws: the stream's ``ParleyError``.
    public mutating func next(isolation actor: isolated (any Actor)?) async throws -> [UInt8]? {
      try await handle.state.next()
    }
  }
}
