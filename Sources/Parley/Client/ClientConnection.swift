import Synchronization

/// A client's connection to a server: the untyped call API that generated clients build on.
///
/// One connection multiplexes many concurrent calls. Replies are matched to callers by call id
/// on the I/O thread, which resumes the waiting task directly (no task per call).
///
/// ```swift
/// let connection = try await ClientConnection.connect(to: .unix(path: "/run/shop/orders.sock"))
/// let reply = try await connection.call(
///   contract: "shop.orders", version: 3, service: "OrderService", method: "getOrder",
///   payload: Array(#"{"id":"ord_42"}"#.utf8), options: CallOptions(timeout: .seconds(2)))
/// // reply: the JSON text of the order (payloads are JSON unless `payloadCodec` says otherwise)
/// await connection.close()
/// ```
///
/// Untyped payloads are JSON text by default, whatever codec the connection negotiated: the call
/// marks its payload's codec (`payloadCodec`) when it differs from the connection's, and the reply,
/// stream items and a contract error's payload come back in the payload's codec. Generated clients
/// pass `payloadCodec: connection.codec` with payloads they encoded in it.
public final class ClientConnection: ConnectionCoreHandler, Sendable {
  /// A call waiting for its reply. Its service and method are not kept here: errors resumed from
  /// the I/O thread are located (service, method, call id) by the waiting caller in ``exchange``,
  /// so registering a call copies no strings.
  private struct Pending {
    var continuation: UnsafeContinuation<[UInt8], any Error>
    var deadline: UInt64
    /// The codec the reply's payload must be in (the call's payload codec); `nil` for
    /// ``request(_:timeout:)``, whose replies are the peer's own control payloads.
    var payloadCodec: WireCodec?
  }

  private enum Phase {
    case handshaking(UnsafeContinuation<Welcome, any Error>?)
    case ready
    case closed(ParleyError)
  }

  private struct State {
    var phase: Phase = .handshaking(nil)
    var handshakeDeadline = UInt64.max
    var pending = CallIDTable<Pending>()
    /// The core's timer fires at or before this time (set when a call scheduled it, and from
    /// the earliest deadline each time it fires), so a call with a later deadline need not ask
    /// the core.
    var timerAt = UInt64.max
    var unmatchedReplies = 0
    var unhandled = 0
    var handlers: [EnvelopeKind: @Sendable (Envelope) -> Void] = [:]
    /// The server's challenge and our answer, kept to check the server's proof in `welcome`.
    var exchange: (SharedSecretAuthenticator.Challenge, SharedSecretAuthenticator.Answer)?
  }

  /// The configuration in use.
  public let configuration: ClientConfiguration
  let core: ConnectionCore
  private let state = Mutex(State())
  let nextID = Atomic<UInt64>(1)
  /// Open streams by call id (`streamItem` / `streamEnd` go there).
  let streams = ClientStreams()
  private let welcomeBox = Mutex<Welcome?>(nil)
  private let maxInFlight: Atomic<Int>
  private let authentication: HandshakeAuthentication
  /// Whether the negotiated codec is binary (set from `welcome`; JSON before, like the core's):
  /// read on every call without taking the core's lock.
  private let negotiatedBinary = Atomic<Bool>(false)
  /// ``ClientConfiguration/defaultTimeout`` in nanoseconds.
  private let defaultTimeout: UInt64
  /// The codecs that check outgoing payloads of each codec: the configured one of that name
  /// (the negotiated codec is one of them), else a default one.
  private let jsonPayloadValidator: any EnvelopeCodec
  private let binaryPayloadValidator: any EnvelopeCodec

  private init(channel: any ByteChannel, configuration: ClientConfiguration) {
    self.configuration = configuration
    self.authentication = HandshakeAuthentication(configuration)
    self.maxInFlight = Atomic(configuration.maxInFlight)
    self.defaultTimeout = configuration.defaultTimeout.nanoseconds
    self.jsonPayloadValidator = configuration.codecs.first { $0.id == .json } ?? JSONEnvelopeCodec()
    self.binaryPayloadValidator = configuration.codecs.first { $0.id == .binary } ?? BinaryEnvelopeCodec()
    self.core = ConnectionCore(
      channel: channel,
      settings: .init(
        maxFrameSize: configuration.maxFrameSize,
        heartbeatInterval: configuration.heartbeatInterval.nanoseconds,
        missedPingsAllowed: configuration.missedPingsAllowed,
        writeProgressTimeout: configuration.writeProgressTimeout.nanoseconds))
  }

  // MARK: Connecting

  /// Connects to a server at `endpoint` and completes the handshake.
  /// - Throws: ``ParleyError``: `NOT_CONNECTED` (nothing listening, bad path), `TIMEOUT`, or the
  ///   server's `reject` code (`VERSION_MISMATCH`, `UNAUTHENTICATED`, `PERMISSION_DENIED`, …).
  public static func connect(
    to endpoint: Endpoint, configuration: ClientConfiguration = ClientConfiguration()
  )
    async throws -> ClientConnection
  {
    let channel = try await SocketConnector.connect(
      to: endpoint, timeout: configuration.connectTimeout, maxPendingBytes: configuration.maxPendingWriteBytes
    )
    return try await connect(over: channel, configuration: configuration)
  }

  /// Completes the handshake over an already-connected channel (e.g. an in-process pair).
  /// - Throws: ``ParleyError`` as for ``connect(to:configuration:)``.
  public static func connect(
    over channel: any ByteChannel, configuration: ClientConfiguration = ClientConfiguration()
  )
    async throws -> ClientConnection
  {
    let connection = ClientConnection(channel: channel, configuration: configuration)
    try await connection.handshake()
    return connection
  }

  private func handshake() async throws {
    if case .misconfigured(let error) = authentication {
      core.close(reason: error)
      throw error
    }
    let deadline = Sys.now() + configuration.handshakeTimeout.nanoseconds
    let welcome: Welcome = try await withUnsafeThrowingContinuation { continuation in
      state.withLock {
        $0.phase = .handshaking(continuation)
        $0.handshakeDeadline = deadline
      }
      core.start(handler: self)
      core.scheduleTimer(at: deadline)
      var hello = Envelope(kind: .hello)
      hello.hello = Hello(
        codecs: configuration.codecs.map(\.id.rawValue), contracts: configuration.contracts,
        name: configuration.name, maxFrame: configuration.maxFrameSize)
      core.sendHandshake(hello)
    }
    welcomeBox.withLock { $0 = welcome }
  }

  /// The server's `welcome`: codec, limits, heartbeat, contracts.
  public var welcome: Welcome? { welcomeBox.withLock { $0 } }

  /// The negotiated codec.
  public var codec: WireCodec { negotiatedBinary.load(ordering: .relaxed) ? .binary : .json }

  /// The negotiated codec's implementation (for encoding payloads).
  public var envelopeCodec: any EnvelopeCodec { core.codec }

  /// A description of the server end (path or address).
  public var peerDescription: String { core.channel.peerDescription }

  /// Whether the connection is closed.
  public var isClosed: Bool { core.isClosed }

  /// Counters of this connection.
  public var statistics: ConnectionStatistics {
    state.withLock {
      ConnectionStatistics(
        pendingCalls: $0.pending.count, unmatchedReplies: $0.unmatchedReplies,
        unhandledEnvelopes: $0.unhandled,
        protocolViolations: core.protocolViolations.load(ordering: .relaxed))
    }
  }

  // MARK: Calls

  /// Calls `service.method` of `contract` at `version` with a payload encoded in `payloadCodec`
  /// and returns the reply payload, encoded in that same codec.
  ///
  /// `payloadCodec` is JSON unless stated, so payloads written as JSON text work over any
  /// negotiated codec; when it differs from the connection's ``codec`` the call carries it as
  /// `payloadCodec` and the server answers in it (`docs/wire-protocol.md`, "Payload codec").
  /// The call carries the current ``CallContext`` extended to `service`, and the remaining time
  /// budget. Cancelling the calling task sends `cancel` to the server and throws `CANCELLED`.
  /// It runs on the caller's executor (`nonisolated(nonsending)`): entering and leaving it costs
  /// no executor switch.
  ///
  /// ```swift
  /// let order = try await connection.call(
  ///   contract: "shop.orders", version: 3, service: "OrderService", method: "getOrder",
  ///   payload: Array(#"{"id":"ord_42"}"#.utf8))   // JSON in, JSON out
  /// ```
  /// - Throws: ``ParleyError``: the server's error (e.g. `APPLICATION`, with its payload in
  ///   `payloadCodec`; `SERVICE_NOT_FOUND`; `DECODE_FAILED` from a service that does not read
  ///   `payloadCodec`), `TIMEOUT`, `CANCELLED`, `CONNECTION_LOST`, `NOT_CONNECTED`, `OVERLOADED`,
  ///   `MAX_DEPTH_EXCEEDED`, `FRAME_TOO_LARGE`, `INTERNAL` (a payload that is not well-formed
  ///   in `payloadCodec`; not sent), `PROTOCOL_ERROR` (a reply, or a contract error's payload, in
  ///   another codec than `payloadCodec`).
  public nonisolated(nonsending) func call(
    contract: String, version: Int, service: String, method: String, payload: [UInt8],
    payloadCodec: WireCodec = .json, options: CallOptions = CallOptions()
  ) async throws -> [UInt8] {
    let context = CallContext.outgoing(to: service)
    let now = Sys.now()
    var deadline = now &+ (options.timeout.map(\.nanoseconds) ?? defaultTimeout)
    if let inherited = InheritedDeadline.current, inherited < deadline { deadline = inherited }
    try precheck(
      context: context, service: service, method: method, payload: payload, payloadCodec: payloadCodec)
    guard deadline > now else {
      throw ParleyError(
        .timeout, "no time left for the call", mayHaveRun: false, service: service, method: method)
    }
    let id = nextID.add(1, ordering: .relaxed).oldValue
    let timeoutMs = Int64((deadline - now) / 1_000_000)
    let marker = marker(for: payloadCodec)
    return try await exchange(
      id: id, deadline: deadline, service: service, method: method, payloadCodec: payloadCodec
    ) { flushNow in
      let envelope = Envelope(
        callID: id, contract: contract, contractVersion: version, service: service, method: method,
        timeoutMs: timeoutMs, context: context, payload: payload, payloadCodec: marker)
      return core.send(envelope, flushNow: flushNow)
    }
  }

  /// Sends `envelope` (e.g. a gateway's `register` or `subscribe`) under a fresh id and waits
  /// for the peer's `reply` to that id; returns the reply's payload (the peer's own control
  /// payload: unlike a call's, its payload codec is not checked).
  /// - Throws: ``ParleyError``: the peer's error, `TIMEOUT`, `CANCELLED`, `CONNECTION_LOST`,
  ///   `NOT_CONNECTED`, `OVERLOADED`.
  public nonisolated(nonsending) func request(_ envelope: Envelope, timeout: Duration? = nil) async throws
    -> [UInt8]
  {
    let now = Sys.now()
    let deadline = now &+ (timeout.map(\.nanoseconds) ?? defaultTimeout)
    let id = nextID.add(1, ordering: .relaxed).oldValue
    return try await exchange(
      id: id, deadline: deadline, service: envelope.service ?? envelope.kind.rawValue,
      method: envelope.method ?? envelope.kind.rawValue, payloadCodec: nil
    ) { flushNow in
      var envelope = envelope
      envelope.id = id
      return core.send(envelope, flushNow: flushNow)
    }
  }

  /// What the call table says to a new call.
  private enum Admission {
    /// Not sent: the connection is not ready, the task is cancelled or too many calls are in
    /// flight.
    case refused(ParleyError)
    /// Registered: send it (at once when it is alone, else together with the others), after
    /// setting the core's timer to its deadline when `scheduleTimer`.
    case admitted(othersInFlight: Bool, scheduleTimer: Bool)
  }

  /// Registers call `id`, has `send` build and send its envelope (at once when `flushNow`, else
  /// together with the other calls in flight), then waits for the reply.
  ///
  /// The envelope is built, sent and destroyed inside `send`, in the synchronous part (never kept
  /// in the suspended call's frame): an envelope returned out of a closure was copied field by
  /// field and the original destroyed (9 `swift_retain`/`swift_release` and 6 bridge-object
  /// retains/releases more per call, counted with uprobes).
  private nonisolated(nonsending) func exchange(
    id: UInt64, deadline: UInt64, service: String, method: String, payloadCodec: WireCodec?,
    send: (_ flushNow: Bool) -> ParleyError?
  ) async throws -> [UInt8] {
    // The standard library's executor-inheriting entry point of `withTaskCancellationHandler`
    // (the same handler, registered and removed the same way): the `isolation:` variant hops to
    // its isolation on entry and back on return, two `swift_task_switch` per call, each of which
    // locks the task's status records (`AsyncTask::getPreferredTaskExecutor`). With `call` and
    // this function `nonisolated(nonsending)` (no switch on entering them, none after this one
    // returns inside `call`), a call makes two: entering the operation closure below and
    // returning to the caller's executor (3 before, counted with a `swift_task_switch` uprobe).
    do {
      return try await wait(id: id, deadline: deadline, payloadCodec: payloadCodec, send: send)
    } catch let error as ParleyError {
      throw error.located(service: service, method: method, callID: id)
    }
  }

  /// The part of ``exchange(id:deadline:service:method:payloadCodec:send:)`` that registers the
  /// call, sends it and waits; its errors are not located yet.
  private nonisolated(nonsending) func wait(
    id: UInt64, deadline: UInt64, payloadCodec: WireCodec?, send: (_ flushNow: Bool) -> ParleyError?
  ) async throws -> [UInt8] {
    try await _unsafeInheritExecutor_withTaskCancellationHandler {
      try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<[UInt8], any Error>) in
        let admission = state.withLock { state -> Admission in
          switch state.phase {
          case .ready: break
          case .closed(let error):
            return .refused(
              ParleyError(.notConnected, "the connection is closed: \(error.message)", mayHaveRun: false))
          case .handshaking:
            return .refused(ParleyError(.notConnected, "the handshake is not complete", mayHaveRun: false))
          }
          if Task.isCancelled {
            return .refused(
              ParleyError(.cancelled, "the call was cancelled before it was sent", mayHaveRun: false))
          }
          let limit = maxInFlight.load(ordering: .relaxed)
          if state.pending.count >= limit {
            return .refused(
              ParleyError(
                .overloaded, "\(limit) calls are already in flight on this connection", mayHaveRun: false))
          }
          state.pending.insert(
            Pending(continuation: continuation, deadline: deadline, payloadCodec: payloadCodec), for: id)
          let scheduleTimer = deadline < state.timerAt
          if scheduleTimer { state.timerAt = deadline }
          return .admitted(othersInFlight: state.pending.count > 1, scheduleTimer: scheduleTimer)
        }
        switch admission {
        case .refused(let refusal):
          continuation.resume(throwing: refusal)
        case .admitted(let othersInFlight, let scheduleTimer):
          if scheduleTimer { core.scheduleTimer(at: deadline) }
          // With other calls in flight, let the I/O thread send this one together with theirs.
          if let error = send(!othersInFlight) {
            complete(id, .failure(error))
          }
        }
      }
    } onCancel: {
      if complete(
        id, .failure(ParleyError(.cancelled, "the call was cancelled by the caller", mayHaveRun: true)))
      {
        core.send(Envelope(kind: .cancel, id: id))
      }
    }
  }

  /// Sends a oneway message (no reply, no error from the server) with a payload encoded in
  /// `payloadCodec` (JSON unless stated; marked when it is not the connection's ``codec``).
  /// - Throws: ``ParleyError`` when it cannot be sent (`NOT_CONNECTED`, `OVERLOADED`,
  ///   `MAX_DEPTH_EXCEEDED`, `FRAME_TOO_LARGE`, `INTERNAL` for a malformed payload).
  ///   Oneways may fill only half of ``ClientConfiguration/maxPendingWriteBytes``: past that they
  ///   are refused `OVERLOADED` (not sent), so that a flood of oneways leaves room for calls.
  public func oneway(
    contract: String, version: Int, service: String, method: String, payload: [UInt8],
    payloadCodec: WireCodec = .json
  ) throws {
    let context = CallContext.outgoing(to: service)
    try precheck(
      context: context, service: service, method: method, payload: payload, payloadCodec: payloadCodec)
    try ensureReady()
    let queued = core.channel.pendingWriteBytes
    if queued + payload.count > configuration.maxPendingWriteBytes / 2 {
      throw ParleyError(
        .overloaded,
        "\(queued) bytes are queued for sending to \(core.channel.peerDescription): oneways may fill half of maxPendingWriteBytes (\(configuration.maxPendingWriteBytes)), the rest is kept for calls"
      ).located(service: service, method: method, callID: nil)
    }
    var envelope = Envelope(kind: .oneway)
    envelope.contract = contract
    envelope.contractVersion = version
    envelope.service = service
    envelope.method = method
    envelope.context = context
    envelope.payload = payload
    envelope.payloadCodec = marker(for: payloadCodec)
    if let error = core.send(envelope) { throw error.located(service: service, method: method, callID: nil) }
  }

  /// Sends any envelope as is (for the events, streams and gateway layers built on this one).
  /// - Throws: ``ParleyError`` when it cannot be sent.
  public func send(_ envelope: Envelope) throws {
    try ensureReady()
    if let error = core.send(envelope) { throw error }
  }

  /// Routes inbound envelopes of `kind` (e.g. `event`, `call`) to `handler`, called on the I/O
  /// thread: it must return quickly. Kinds without a handler are counted and, when they carry an
  /// id, answered with `PROTOCOL_ERROR`.
  ///
  /// `reply`, `streamEnd` and the `streamItem`s of this connection's own streams always go to the
  /// calls and streams it opened; the `streamItem` handler receives only credit grants (a
  /// `streamItem` with `credit` and no `payload`) for streams this connection serves.
  public func setHandler(for kind: EnvelopeKind, _ handler: @escaping @Sendable (Envelope) -> Void) {
    state.withLock { $0.handlers[kind] = handler }
  }

  func precheck(
    context: CallContext, service: String, method: String, payload: [UInt8], payloadCodec: WireCodec
  ) throws {
    if context.depth > configuration.maxDepth {
      throw ParleyError(
        .maxDepthExceeded,
        "the call chain \(context.chain.joined(separator: " → ")) is \(context.depth) deep, above the maximum of \(configuration.maxDepth)",
        mayHaveRun: false, service: service, method: method)
    }
    if configuration.validatesPayloads, !payload.isEmpty {
      do {
        switch payloadCodec {
        case .json: try jsonPayloadValidator.validatePayload(payload)
        case .binary: try binaryPayloadValidator.validatePayload(payload)
        }
      } catch {
        throw error.located(service: service, method: method, callID: nil)
      }
    }
  }

  /// The `payloadCodec` marker of an outgoing payload in `codec`: `nil` when it is the
  /// connection's codec (the common case, nothing on the wire).
  func marker(for codec: WireCodec) -> WireCodec? {
    codec == self.codec ? nil : codec
  }

  func ensureReady() throws {
    try state.withLock { state in
      switch state.phase {
      case .ready: return
      case .closed(let error):
        throw ParleyError(.notConnected, "the connection is closed: \(error.message)", mayHaveRun: false)
      case .handshaking: throw ParleyError(.notConnected, "the handshake is not complete", mayHaveRun: false)
      }
    }
  }

  /// Resumes call `id` with `result` if it is still pending; returns whether it was.
  @discardableResult
  private func complete(_ id: UInt64, _ result: Result<[UInt8], ParleyError>) -> Bool {
    guard let pending = state.withLock({ $0.pending.remove(id) }) else { return false }
    switch result {
    case .success(let payload): pending.continuation.resume(returning: payload)
    case .failure(let error): pending.continuation.resume(throwing: error)
    }
    return true
  }

  // MARK: Closing

  /// A connection dropped without ``close()`` closes its transport here, so its socket (and the
  /// server's end of it) is released; its open streams and close hooks see `CONNECTION_LOST`.
  /// Calls in flight keep the connection alive until they end.
  deinit {
    guard !core.isClosed else { return }
    let error = ParleyError(.connectionLost, "the connection was dropped without close()", mayHaveRun: true)
    core.close(reason: error)
    coreClosed(core, error: error)  // the core holds this object weakly: it can no longer call
  }

  /// Closes the connection; pending calls fail with `CONNECTION_LOST`. Returns once the
  /// transport is closed.
  public func close() async {
    core.close(reason: ParleyError(.connectionLost, "the connection was closed locally", mayHaveRun: true))
    await core.waitUntilChannelClosed()
  }

  // MARK: ConnectionCoreHandler

  func core(_ core: ConnectionCore, received envelope: Envelope) {
    switch envelope.kind {
    case .reply:
      guard let id = envelope.id else {
        core.protocolViolations.add(1, ordering: .relaxed)
        return
      }
      let result: Result<[UInt8], ParleyError>
      if envelope.ok == true {
        let payload = envelope.payload ?? []
        // The common case first: a call's answer, without building a `Result`.
        if let pending = state.withLock({ $0.pending.remove(id) }) {
          if let expected = pending.payloadCodec,
            let mismatch = envelope.payloadCodecMismatch(
              expected: expected, connectionCodec: codec, answer: "reply")
          {
            core.protocolViolations.add(1, ordering: .relaxed)
            pending.continuation.resume(throwing: mismatch)
          } else {
            pending.continuation.resume(returning: payload)
          }
          return
        }
        result = .success(payload)
      } else {
        let error =
          envelope.error ?? ParleyError(.protocolError, "failed reply without an error", mayHaveRun: true)
        if let pending = state.withLock({ $0.pending.remove(id) }) {
          var failure = error
          if let expected = pending.payloadCodec,
            let mismatch = envelope.payloadCodecMismatch(
              expected: expected, connectionCodec: codec, answer: "reply")
          {
            core.protocolViolations.add(1, ordering: .relaxed)
            failure = mismatch
          }
          pending.continuation.resume(throwing: failure)
          return
        }
        result = .failure(error)
      }
      if !streams.receiveReply(id: id, result) {
        state.withLock { $0.unmatchedReplies += 1 }
      }
    case .streamItem where envelope.credit != nil && envelope.payload == nil:
      receiveCredit(envelope)
    case .streamItem, .streamEnd:
      streams.receive(envelope, core: core)
    case .welcome:
      handleWelcome(envelope)
    case .auth:
      handleChallenge(envelope)
    case .reject:
      let error = envelope.error ?? ParleyError(.protocolError, "rejected")
      let failure = ParleyError(
        error.code, "the server rejected the connection: \(error.message)", mayHaveRun: false)
      failHandshake(failure)
      core.close(reason: failure)
    default:
      let handler = state.withLock { state -> (@Sendable (Envelope) -> Void)? in
        if let handler = state.handlers[envelope.kind] { return handler }
        state.unhandled += 1
        return nil
      }
      if let handler {
        handler(envelope)
      } else if let id = envelope.id, envelope.kind != .cancel {
        core.send(
          .reply(
            id: id,
            error: ParleyError(.protocolError, "unsupported envelope kind \"\(envelope.kind.rawValue)\"")))
      }
    }
  }

  /// A peer's credit grant for a stream this connection serves (a service attached to a gateway
  /// serves calls on its client connection): goes to the `streamItem` handler.
  ///
  /// The `credit` member tells the direction apart, as on a server connection: items of the
  /// streams this connection opened never carry it (and ids of calls it serves may equal ids of
  /// its own streams, since each side numbers its calls). Without a handler the grant is dropped
  /// and counted as a protocol violation (nothing is answered to a `streamItem`).
  private func receiveCredit(_ envelope: Envelope) {
    let handler = state.withLock { state -> (@Sendable (Envelope) -> Void)? in
      if let handler = state.handlers[.streamItem] { return handler }
      state.unhandled += 1
      return nil
    }
    guard let handler else {
      core.protocolViolations.add(1, ordering: .relaxed)
      return
    }
    handler(envelope)
  }

  /// Answers the server's shared-secret challenge (only while handshaking, once).
  private func handleChallenge(_ envelope: Envelope) {
    let expected = state.withLock { state -> Bool in
      guard case .handshaking = state.phase, state.exchange == nil else { return false }
      return true
    }
    guard expected else {
      core.protocolViolations.add(1, ordering: .relaxed)
      return
    }
    guard case .sharedSecret(let authenticator) = authentication else {
      failAuthentication(
        "the server requires a shared secret; none is configured (ClientConfiguration.secret)")
      return
    }
    let challenge = SharedSecretAuthenticator.Challenge(serverNonce: envelope.auth?.challenge ?? [])
    let answer: SharedSecretAuthenticator.Answer
    do {
      answer = try authenticator.answer(challenge)
    } catch {
      failAuthentication("the server's challenge is unusable: \(error)")
      return
    }
    state.withLock { $0.exchange = (challenge, answer) }
    var reply = Envelope(kind: .auth)
    reply.auth = AuthExchange(nonce: answer.clientNonce, proof: answer.proof)
    core.sendHandshake(reply)
  }

  private func failAuthentication(_ message: String) {
    let failure = ParleyError(.unauthenticated, message, mayHaveRun: false)
    failHandshake(failure)
    core.close(sending: .closing(.goaway, failure), reason: failure)
  }

  private func handleWelcome(_ envelope: Envelope) {
    guard let welcome = envelope.welcome else { return }
    if case .sharedSecret(let authenticator) = authentication {
      // Mutual authentication: a server that skips the challenge or cannot prove it knows the
      // secret is refused.
      guard let (challenge, answer) = state.withLock({ $0.exchange }) else {
        failAuthentication(
          "the server did not challenge for the shared secret, so it cannot prove it knows it")
        return
      }
      do {
        try authenticator.verify(
          SharedSecretAuthenticator.ServerProof(proof: welcome.proof ?? []), for: answer, to: challenge)
      } catch {
        failAuthentication("the server's proof of the shared secret is wrong")
        return
      }
    }
    guard let codec = configuration.codecs.first(where: { $0.id.rawValue == welcome.codec }) else {
      let failure = ParleyError(
        .protocolError, "the server chose codec \"\(welcome.codec)\", which was not offered")
      failHandshake(failure)
      core.close(sending: .closing(.goaway, failure), reason: failure)
      return
    }
    guard welcome.maxFrame >= 1 else {
      let failure = ParleyError(
        .protocolError,
        "the server's welcome has maxFrame \(welcome.maxFrame), which leaves room for no frame")
      failHandshake(failure)
      core.close(sending: .closing(.goaway, failure), reason: failure)
      return
    }
    core.setCodec(codec, peerMaxFrame: welcome.maxFrame)
    negotiatedBinary.store(codec.id == .binary, ordering: .relaxed)
    maxInFlight.store(min(configuration.maxInFlight, max(1, welcome.maxInFlight)), ordering: .relaxed)
    let continuation = state.withLock { state -> UnsafeContinuation<Welcome, any Error>? in
      guard case .handshaking(let continuation) = state.phase else { return nil }
      state.phase = .ready
      state.handshakeDeadline = UInt64.max
      return continuation
    }
    continuation?.resume(returning: welcome)
  }

  private func failHandshake(_ error: ParleyError) {
    let continuation = state.withLock { state -> UnsafeContinuation<Welcome, any Error>? in
      guard case .handshaking(let continuation) = state.phase else { return nil }
      state.phase = .closed(error)
      return continuation
    }
    continuation?.resume(throwing: error)
  }

  func coreTimer(_ core: ConnectionCore, now: UInt64) -> UInt64? {
    let (expired, handshakeExpired, next) = state.withLock {
      state -> ([(id: UInt64, value: Pending)], Bool, UInt64?) in
      let expired = state.pending.removeAll { $0.deadline <= now }
      var next = UInt64.max
      state.pending.forEach { _, pending in next = min(next, pending.deadline) }
      // The core sets its next timer at or before the value returned.
      state.timerAt = next
      let handshakeExpired = state.handshakeDeadline <= now
      if !handshakeExpired { next = min(next, state.handshakeDeadline) }
      return (expired, handshakeExpired, next == UInt64.max ? nil : next)
    }
    for (id, pending) in expired {
      pending.continuation.resume(
        throwing: ParleyError(
          .timeout, "no reply within the call's deadline", mayHaveRun: true, callID: id))
      core.send(Envelope(kind: .cancel, id: id))
    }
    if handshakeExpired {
      let failure = ParleyError(
        .timeout, "no welcome from \(core.channel.peerDescription) within the handshake timeout",
        mayHaveRun: false)
      failHandshake(failure)
      core.close(reason: failure)
    }
    if let timer = hooks.withLock({ $0.timer }), let wanted = timer(now) {
      return min(next ?? UInt64.max, wanted)
    }
    return next
  }

  // MARK: Hooks for layers that also serve calls on this connection (a service linked to a gateway)

  private struct Hooks {
    var timer: (@Sendable (UInt64) -> UInt64?)?
    var closed: [@Sendable (ParleyError) -> Void] = []
    var closeError: ParleyError?
  }

  private let hooks = Mutex(Hooks())

  /// Runs `timer` whenever the connection's timer fires (it returns the next time it wants), and
  /// `closed` once when the connection closes (at once if it is already closed).
  func attach(timer: (@Sendable (UInt64) -> UInt64?)?, closed: @escaping @Sendable (ParleyError) -> Void) {
    let alreadyClosed = hooks.withLock { hooks -> ParleyError? in
      if let timer { hooks.timer = timer }
      if let error = hooks.closeError { return error }
      hooks.closed.append(closed)
      return nil
    }
    if let alreadyClosed { closed(alreadyClosed) }
  }

  func coreClosed(_ core: ConnectionCore, error: ParleyError) {
    failHandshake(ParleyError(.notConnected, error.message, mayHaveRun: false))
    let pending = state.withLock { state -> [(id: UInt64, value: Pending)] in
      if case .closed = state.phase {} else { state.phase = .closed(error) }
      return state.pending.removeAll()
    }
    streams.failAll(error)
    for (id, call) in pending {
      call.continuation.resume(
        throwing: ParleyError(
          .connectionLost, error.message, mayHaveRun: true, callID: id))
    }
    let closedHooks = hooks.withLock { hooks -> [@Sendable (ParleyError) -> Void] in
      hooks.closeError = error
      defer { hooks.closed = [] }
      return hooks.closed
    }
    for hook in closedHooks { hook(error) }
  }
}
