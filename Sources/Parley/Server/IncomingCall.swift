/// Who is on the other end of a server connection.
public struct PeerIdentity: Sendable, Equatable {
  /// Kernel credentials (Unix sockets and in-process pairs; `nil` over TCP).
  public var credentials: PeerCredentials?
  /// The name the client gave in `hello`.
  public var name: String?
  /// The transport's description of the peer.
  public var address: String
}

/// A call as a handler sees it: the encoded payload plus everything known about the call.
public struct IncomingCall: Sendable {
  /// The encoded request message, in ``codec``.
  public var payload: [UInt8]
  /// The codec the payload is encoded with: the connection's negotiated codec, or the call's
  /// `payloadCodec` when a gateway forwarded it from a connection of another codec. Decode the
  /// request and encode the reply, stream items and contract-error payloads in this codec.
  public var codec: WireCodec
  /// The contract name.
  public var contract: String
  /// The contract version the caller speaks.
  public var contractVersion: Int
  /// The service name.
  public var service: String
  /// The method name.
  public var method: String
  /// The call id on its connection (`nil` for oneway messages).
  public var callID: UInt64?
  /// The call-chain context (also available as ``CallContext/current`` inside the handler).
  public var context: CallContext
  /// When the caller stops waiting, on `ContinuousClock`; `nil` when the call has no deadline.
  /// The runtime cancels the handler's task once it passes.
  public var deadline: ContinuousClock.Instant? {
    get {
      deadlineNanos.map { nanos in
        let now = Sys.now()
        let remaining = nanos >= now ? Int64(clamping: nanos - now) : -Int64(clamping: now - nanos)
        return ContinuousClock.now.advanced(by: .nanoseconds(remaining))
      }
    }
    set {
      deadlineNanos = newValue.map { instant in
        let now = Sys.now()
        let remaining = ContinuousClock.now.duration(to: instant)
        if remaining >= .zero { return now + min(remaining.nanoseconds, UInt64.max - now) }
        return now - min((.zero - remaining).nanoseconds, now)
      }
    }
  }
  /// The peer that sent the call.
  public var peer: PeerIdentity
  /// ``deadline`` as the runtime keeps it, in monotonic nanoseconds (``Sys/now()``): the time
  /// is read once per call, and converted only when a handler asks.
  var deadlineNanos: UInt64?
}

/// A handler for a request/response method: returns the encoded reply payload.
///
/// Throw ``ParleyError/application(code:name:message:payload:)`` for a contract error; the caller
/// receives it unchanged. Any other error reaches the caller as `INTERNAL` with a generic message.
public typealias MethodHandler = @Sendable (IncomingCall) async throws -> [UInt8]

/// A handler for a oneway method.
public typealias OnewayHandler = @Sendable (IncomingCall) async throws -> Void
