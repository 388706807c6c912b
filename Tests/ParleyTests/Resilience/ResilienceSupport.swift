import Foundation
import Parley
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Counts how often handlers ran.
final class ExecutionCounter: Sendable {
  private let count = Atomic<Int>(0)
  /// Adds one and returns the new count.
  @discardableResult func increment() -> Int { count.add(1, ordering: .relaxed).newValue }
  var value: Int { count.load(ordering: .relaxed) }
}

/// Records every state a client publishes, in order.
final class StateRecorder: Sendable {
  private final class Log: Sendable {
    let states = Mutex<[ConnectionState]>([])
  }

  private let log = Log()
  private let task: Task<Void, Never>

  init(_ client: ParleyClient) {
    let states = client.states
    let log = self.log
    task = Task {
      for await state in states { log.states.withLock { $0.append(state) } }
    }
  }

  var states: [ConnectionState] { log.states.withLock { $0 } }

  /// The kinds in order, consecutive repeats collapsed.
  var kinds: [ConnectionState.Kind] {
    states.map(\.kind).reduce(into: []) { result, kind in
      if result.last != kind { result.append(kind) }
    }
  }

  /// Waits until `count` states of `kind` were recorded.
  func waitFor(_ kind: ConnectionState.Kind, count: Int = 1, seconds: Double = 10) async -> Bool {
    await eventually(seconds: seconds) { states.filter { $0.kind == kind }.count >= count }
  }

  /// Waits for the sequence to end (after `shutdown`).
  func finish() async { await task.value }
}

/// Whether `sequence` occurs in `kinds` in order (not necessarily adjacent).
func containsInOrder(_ kinds: [ConnectionState.Kind], _ sequence: [ConnectionState.Kind]) -> Bool {
  var index = sequence.startIndex
  for kind in kinds where index < sequence.endIndex && kind == sequence[index] { index += 1 }
  return index == sequence.endIndex
}

/// Connects clients to `server` over in-process pairs, keeping the server side of the latest
/// pair so that a test (or a handler) can cut the connection.
final class InProcessLink: Sendable {
  let server: ParleyServer
  private let latest = Mutex<(any ByteChannel)?>(nil)

  init(services: [ServiceRegistration], configuration: ServerConfiguration = ServerConfiguration()) {
    server = ParleyServer(configuration: configuration)
    for service in services { server.register(service) }
  }

  var connector: ParleyClient.Connector {
    { [self] configuration in
      let (client, serverSide) = InProcessTransport.makePair()
      latest.withLock { $0 = serverSide }
      server.accept(serverSide)
      return try await ClientConnection.connect(over: client, configuration: configuration)
    }
  }

  /// Closes the server side of the latest connection.
  func cut() { latest.withLock { $0 }?.close() }
}

/// Fast reconnection settings for tests.
func fastClientConfiguration(seed: UInt64 = 1) -> ParleyClientConfiguration {
  var configuration = ParleyClientConfiguration()
  configuration.reconnect = BackoffPolicy(initialDelay: .milliseconds(2), maxDelay: .milliseconds(20))
  configuration.retry.backoff = BackoffPolicy(initialDelay: .milliseconds(1), maxDelay: .milliseconds(5))
  configuration.jitterSeed = seed
  return configuration
}

extension ParleyClient {
  /// Calls `test.echo` v1 `Echo.<method>`.
  func echo(_ payload: String, options: CallOptions = CallOptions(timeout: .seconds(10))) async throws
    -> String
  {
    try await invoke("echo", payload, options: options)
  }

  /// Calls `test.echo` v1 `Echo.<method>`.
  func invoke(_ method: String, _ payload: String, options: CallOptions = CallOptions(timeout: .seconds(10)))
    async throws -> String
  {
    utf8Text(
      try await call(
        contract: "test.echo", version: 1, service: "Echo", method: method, payload: utf8Bytes(payload),
        options: options))
  }
}

/// A Unix listener that accepts connections and closes each at once, before any handshake,
/// on its own thread (blocking calls stay off the cooperative pool).
final class AcceptAndCloseServer: @unchecked Sendable {
  let path: String
  private let fd: Int32
  private let stopFlag = Atomic<Bool>(false)
  private let accepted = Atomic<Int>(0)
  private let done = Atomic<Bool>(false)

  init(path: String) throws {
    self.path = path
    fd = unixStreamSocket()
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (index, byte) in bytes.enumerated() { raw[index] = byte }
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard bound == 0, listen(fd, 64) == 0 else {
      close(fd)
      throw ParleyError(.notConnected, "cannot listen at \(path)")
    }
    let thread = Thread { [self] in run() }
    thread.start()
  }

  var acceptCount: Int { accepted.load(ordering: .relaxed) }

  private func run() {
    while !stopFlag.load(ordering: .relaxed) {
      var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, 50) > 0 else { continue }
      let client = accept(fd, nil, nil)
      if client >= 0 {
        accepted.add(1, ordering: .relaxed)
        close(client)
      }
    }
    close(fd)
    unlink(path)
    done.store(true, ordering: .relaxed)
  }

  /// Stops the thread, closes the listener and removes the socket file.
  func stop() async {
    stopFlag.store(true, ordering: .relaxed)
    _ = await eventually { self.done.load(ordering: .relaxed) }
  }
}
