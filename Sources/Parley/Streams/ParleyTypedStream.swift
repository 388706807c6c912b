/// A stream of decoded items: a ``ParleyStream`` plus the item decoder and the error mapping of
/// a generated client (e.g. `APPLICATION` back into the contract's error type).
public struct ParleyTypedStream<Element: Sendable>: AsyncSequence, Sendable {
  /// The untyped stream underneath.
  public let raw: ParleyStream
  let decode: @Sendable ([UInt8]) throws -> Element
  let mapError: @Sendable (ParleyError) -> any Error

  /// Wraps `raw`, decoding each item with `decode`; the stream's final ``ParleyError`` is
  /// passed through `mapError` before it is thrown. An item that fails to decode cancels the
  /// stream and its error is thrown.
  public init(
    _ raw: ParleyStream, decode: @escaping @Sendable ([UInt8]) throws -> Element,
    mapError: @escaping @Sendable (ParleyError) -> any Error = { $0 }
  ) {
    self.raw = raw
    self.decode = decode
    self.mapError = mapError
  }

  /// Wraps `raw` the way generated clients do: each item is decoded from `codec` with `decode`
  /// (a failure is `DECODE_FAILED` naming `service` and `method`, and cancels the stream), and
  /// an `APPLICATION` error ending the stream is thrown as the matching `declared` contract
  /// error type (anything else as the ``ParleyError`` itself).
  ///
  /// ```swift
  /// ParleyTypedStream(raw, service: "OrderService", method: "exportOrders",
  ///                   declared: [ShopUsers.UserNotFound.self], codec: codec) { bytes, codec in
  ///   try ShopOrders.OrderPage(parleyJSONBytes: bytes)
  /// }
  /// ```
  public init(
    _ raw: ParleyStream, service: String, method: String, declared: [any ParleyContractError.Type],
    codec: WireCodec, decode: @escaping @Sendable ([UInt8], WireCodec) throws -> Element
  ) {
    self.init(
      raw,
      decode: { bytes in
        try ParleyPayload.decoding(service: service, method: method) { try decode(bytes, codec) }
      },
      mapError: { error in ParleyPayload.contractError(error, declared: declared, codec: codec) })
  }

  /// Cancels the stream (see ``ParleyStream/cancel()``).
  public func cancel() { raw.cancel() }

  /// Creates the iterator (iterate once).
  public func makeAsyncIterator() -> Iterator {
    Iterator(base: raw.makeAsyncIterator(), raw: raw, decode: decode, mapError: mapError)
  }

  /// Yields the decoded items in order.
  public struct Iterator: AsyncIteratorProtocol {
    var base: ParleyStream.Iterator
    let raw: ParleyStream
    let decode: @Sendable ([UInt8]) throws -> Element
    let mapError: @Sendable (ParleyError) -> any Error

    /// The next item, `nil` after a normal end.
    /// - Throws: the stream's error (mapped), or the decoding error of an item.
    public mutating func next() async throws -> Element? {
      try await next(isolation: nil)
    }

    /// The next item, on `actor`'s executor (what `for try await` calls): iterating from an
    /// actor switches no executor per item.
    /// - Throws: the stream's error (mapped), or the decoding error of an item.
    public mutating func next(isolation actor: isolated (any Actor)?) async throws -> Element? {
      let bytes: [UInt8]?
      do { bytes = try await base.next(isolation: actor) } catch let error as ParleyError {
        throw mapError(error)
      }
      guard let bytes else { return nil }
      do { return try decode(bytes) } catch {
        raw.cancel()
        throw error
      }
    }
  }
}

/// The server's typed end of a stream: encodes items for a ``StreamWriter`` (for generated
/// handlers).
public struct ParleyTypedStreamWriter<Item>: Sendable {
  /// The untyped writer underneath.
  public let raw: StreamWriter
  let encode: @Sendable (Item) throws -> [UInt8]

  /// Wraps `raw`, encoding each item with `encode`.
  public init(_ raw: StreamWriter, encode: @escaping @Sendable (Item) throws -> [UInt8]) {
    self.raw = raw
    self.encode = encode
  }

  /// Encodes and sends one item, waiting for credit first (see ``StreamWriter/send(_:)``).
  /// - Throws: the encoding error, `CancellationError`, or ``ParleyError``.
  public func send(_ item: Item) async throws {
    try await raw.send(try encode(item))
  }
}
