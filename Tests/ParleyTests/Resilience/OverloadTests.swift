import Foundation
import Parley
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension RuntimeSocketSuites {
  /// Bounded queues: past a limit new work gets `OVERLOADED` (not run); a peer that stops
  /// reading is closed.
  @Suite(.serialized) struct OverloadTests {
    @Test func serverAnswersOverloadedNotRunPastItsInFlightLimit() async throws {
      await warmUpRuntime()
      var configuration = ServerConfiguration()
      configuration.maxInFlightPerConnection = 2
      let fixture = try await TestServer.start([echoService()], configuration: configuration)
      guard case .unix(let path) = fixture.endpoint else { return }
      let raw = try RawClient(path: path)
      try await raw.handshake()
      for id in 1...3 {
        raw.send(
          json:
            #"{"v":1,"kind":"call","id":\#(id),"contract":"test.echo","cv":1,"service":"Echo","method":"sleep","timeoutMs":20000,"payload":{}}"#
        )
      }
      let frame = await offPool { raw.readFrame() }
      let text = frame.map { utf8Text($0) } ?? ""
      #expect(text.contains(#""id":3"#) && text.contains("OVERLOADED"), "\(text)")
      #expect(text.contains(#""mayHaveRun":false"#), "\(text)")
      raw.closeSocket()
      await fixture.stop(grace: .milliseconds(100))
    }

    @Test func clientRefusesPastItsInFlightLimitWithoutSending() async throws {
      await warmUpRuntime()
      let fixture = try await TestServer.start([echoService()])
      var configuration = ClientConfiguration()
      configuration.maxInFlight = 2
      let connection = try await fixture.connect(configuration: configuration)
      let sleepers = (0..<2).map { _ in
        Task { try await connection.echo("sleep", "{}", timeout: .seconds(20)) }
      }
      #expect(await eventually { connection.statistics.pendingCalls == 2 })
      let refused = await expectParleyError(.overloaded) { _ = try await connection.echo("{}") }
      #expect(refused?.mayHaveRun == false)
      for sleeper in sleepers { sleeper.cancel() }
      for sleeper in sleepers { _ = try? await sleeper.value }
      await connection.close()
      await fixture.stop(grace: .milliseconds(100))
    }

    @Test func connectionsPastTheLimitAreRejectedOverloaded() async throws {
      await warmUpRuntime()
      var configuration = ServerConfiguration()
      configuration.maxConnections = 1
      let fixture = try await TestServer.start([echoService()], configuration: configuration)
      let first = try await fixture.connect()
      let refused = await expectParleyError(.overloaded) { _ = try await fixture.connect() }
      #expect(refused?.mayHaveRun == false)
      #expect(try await first.echo("{}") == "{}")
      await first.close()
      #expect(await eventually { fixture.server.connectionCount == 0 })
      let again = try await fixture.connect()
      await again.close()
      await fixture.stop(grace: .milliseconds(100))
    }

    @Test func serverClosesAClientThatStopsReadingItsReplies() async throws {
      await warmUpRuntime()
      var configuration = ServerConfiguration()
      configuration.heartbeatInterval = .milliseconds(20)
      configuration.missedPingsAllowed = 1_000_000  // only write progress may end this connection
      configuration.writeProgressTimeout = .milliseconds(300)
      let fixture = try await TestServer.start([echoService()], configuration: configuration)
      guard case .unix(let path) = fixture.endpoint else { return }
      let raw = try RawClient(path: path)
      try await raw.handshake()
      let big = "\"" + String(repeating: "b", count: 256 * 1024) + "\""
      // 32 replies of 256 KiB (8 MiB, far below maxPendingWriteBytes) that the client never reads.
      _ = await offPool {
        for id in 1...32 {
          let call =
            #"{"v":1,"kind":"call","id":\#(id),"contract":"test.echo","cv":1,"service":"Echo","method":"echo","timeoutMs":20000,"payload":"#
            + big + "}"
          if !raw.send(json: call) { break }
        }
      }
      #expect(await eventually(seconds: 10) { fixture.server.connectionCount == 0 })
      raw.closeSocket()
      await fixture.stop(grace: .milliseconds(100))
    }

    @Test func onewaysLeaveHalfTheOutboundQueueForCalls() async throws {
      await warmUpRuntime()
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      let server = try StalledServer(path: directory + "/s.sock")
      var configuration = ClientConfiguration()
      configuration.missedPingsAllowed = 1_000_000
      configuration.writeProgressTimeout = .seconds(60)
      configuration.maxPendingWriteBytes = 4 * 1024 * 1024
      configuration.validatesPayloads = false
      let connection = try await ClientConnection.connect(
        to: .unix(path: server.path), configuration: configuration)
      let chunk = utf8Bytes("\"" + String(repeating: "a", count: 256 * 1024) + "\"")
      var refusal: ParleyError?
      var sent = 0
      for _ in 0..<64 where refusal == nil {
        do {
          try connection.oneway(
            contract: "test.echo", version: 1, service: "Echo", method: "m", payload: chunk)
          sent += 1
        } catch let error as ParleyError {
          refusal = error
        }
      }
      // Refused once about 2 MiB (half of 4 MiB) wait, less what the kernel's socket buffers took.
      #expect(refusal?.code == .overloaded && refusal?.mayHaveRun == false, "\(String(describing: refusal))")
      #expect(refusal?.message.contains("kept for calls") == true, "\(String(describing: refusal))")
      #expect(sent < 64)
      // A call of 1 MiB still fits in the half kept for calls: it is queued, not refused.
      let big = utf8Bytes("\"" + String(repeating: "b", count: 1024 * 1024) + "\"")
      let call = Task {
        try await connection.call(
          contract: "test.echo", version: 1, service: "Echo", method: "echo", payload: big,
          options: CallOptions(timeout: .seconds(30)))
      }
      #expect(await eventually { connection.statistics.pendingCalls == 1 })
      call.cancel()
      let outcome = await call.result
      if case .failure(let error as ParleyError) = outcome {
        #expect(error.code == .cancelled, "\(error)")
      } else {
        Issue.record("the call should end cancelled: \(outcome)")
      }
      await connection.close()
      await server.stop()
    }

    @Test func peerThatStopsReadingIsClosedAfterTheWriteProgressTimeout() async throws {
      await warmUpRuntime()
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      let server = try StalledServer(path: directory + "/s.sock")
      var configuration = ClientConfiguration()
      configuration.heartbeatInterval = .milliseconds(20)
      configuration.missedPingsAllowed = 1_000_000  // only write progress may end this connection
      configuration.writeProgressTimeout = .milliseconds(500)
      configuration.maxPendingWriteBytes = 4 * 1024 * 1024
      configuration.validatesPayloads = false
      let connection = try await ClientConnection.connect(
        to: .unix(path: server.path), configuration: configuration)
      let pending = Task { try await connection.echo("echo", "{}", timeout: .seconds(20)) }
      let chunk = utf8Bytes("\"" + String(repeating: "a", count: 256 * 1024) + "\"")
      var refusal: ParleyError?
      for _ in 0..<64 where refusal == nil {
        do {
          try connection.oneway(
            contract: "test.echo", version: 1, service: "Echo", method: "m", payload: chunk)
        } catch let error as ParleyError {
          refusal = error
        }
      }
      // Outbound bytes are bounded: past maxPendingWriteBytes sending fails OVERLOADED (not sent).
      #expect(refusal?.code == .overloaded && refusal?.mayHaveRun == false, "\(String(describing: refusal))")
      do {
        _ = try await pending.value
        Issue.record("the call should fail")
      } catch let error as ParleyError {
        #expect(error.code == .connectionLost && error.message.contains("no write progress"), "\(error)")
        #expect(error.mayHaveRun)
      }
      #expect(connection.isClosed)
      await connection.close()
      await server.stop()
    }
  }
}

/// A Unix listener that completes the handshake with one client (answering its hello with
/// `welcome`, a JSON envelope) and then never reads again.
final class StalledServer: @unchecked Sendable {
  let path: String
  private let fd: Int32
  private let welcome: String
  private let stopFlag = Atomic<Bool>(false)
  private let done = Atomic<Bool>(false)

  static let healthyWelcome =
    #"{"v":1,"kind":"welcome","codec":"json","maxFrame":16777216,"heartbeatMs":20,"maxInFlight":1024,"contracts":[],"name":"stalled"}"#

  init(path: String, welcome: String = StalledServer.healthyWelcome) throws {
    self.path = path
    self.welcome = welcome
    fd = unixStreamSocket()
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard bound == 0, listen(fd, 4) == 0 else {
      close(fd)
      throw ParleyError(.notConnected, "cannot listen at \(path)")
    }
    let thread = Thread { [self] in run() }
    thread.start()
  }

  private func run() {
    var client: Int32 = -1
    while !stopFlag.load(ordering: .relaxed) {
      var poller = pollfd(fd: client >= 0 ? client : fd, events: Int16(POLLIN), revents: 0)
      if client >= 0 {
        usleep(10_000)  // connected: read nothing, ever
        continue
      }
      guard poll(&poller, 1, 50) > 0 else { continue }
      client = accept(fd, nil, nil)
      guard client >= 0 else { continue }
      var hello = [UInt8](repeating: 0, count: 4096)
      _ = hello.withUnsafeMutableBytes { recv(client, $0.baseAddress, 4096, 0) }
      let frame = FrameEncoder.frame(Array(welcome.utf8))
      _ = frame.withUnsafeBytes { send(client, $0.baseAddress, $0.count, 0) }
    }
    if client >= 0 { close(client) }
    close(fd)
    unlink(path)
    done.store(true, ordering: .relaxed)
  }

  /// Stops the thread and closes everything.
  func stop() async {
    stopFlag.store(true, ordering: .relaxed)
    _ = await eventually { self.done.load(ordering: .relaxed) }
  }
}
