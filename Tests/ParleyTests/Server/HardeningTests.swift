import Foundation
import Parley
import Synchronization
import Testing

extension RuntimeSocketSuites {
  /// The hardening list of the runtime issue: each item is a test against a live server.
  @Suite(.serialized) struct HardeningTests {
    /// A server on a temp socket plus a well-behaved client that must keep working.
    struct Fixture {
      let fixture: TestServer
      let good: ClientConnection
      var path: String {
        if case .unix(let path) = fixture.endpoint { return path }
        return ""
      }

      static func make(_ configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> Fixture {
        await warmUpRuntime()
        var configuration = ServerConfiguration()
        configure(&configuration)
        var slow = echoService()
        slow.method("wait") { call in
          try await Task.sleep(for: .seconds(30))
          return call.payload
        }
        let fixture = try await TestServer.start([slow], configuration: configuration)
        let good = try await fixture.connect()
        return Fixture(fixture: fixture, good: good)
      }

      func expectGoodClientWorks(sourceLocation: SourceLocation = #_sourceLocation) async {
        let reply = try? await good.echo(#"{"still":"fine"}"#)
        #expect(reply == #"{"still":"fine"}"#, sourceLocation: sourceLocation)
      }

      func tearDown(sourceLocation: SourceLocation = #_sourceLocation) async {
        await expectGoodClientWorks(sourceLocation: sourceLocation)
        #expect(good.statistics.pendingCalls == 0, sourceLocation: sourceLocation)
        await good.close()
        await fixture.stop(grace: .milliseconds(100))
        let released = await eventually { OpenSockets.descriptors(matching: fixture.directory).isEmpty }
        #expect(released, "runtime sockets still open: \(OpenSockets.all())", sourceLocation: sourceLocation)
      }
    }

    @Test func oversizeLengthGetsGoawayAndClose() async throws {
      let f = try await Fixture.make()
      let raw = try RawClient(path: f.path)
      try await raw.handshake()
      raw.send([0x7F, 0xFF, 0xFF, 0xFF, 0x7B])
      let goaway = await raw.read(kind: "goaway")
      #expect(goaway?.code == "FRAME_TOO_LARGE")
      #expect(await raw.readsUntilClosed())
      raw.closeSocket()
      await f.tearDown()
    }

    @Test func oversizeBeforeHandshakeToo() async throws {
      let f = try await Fixture.make { $0.maxFrameSize = 1024 }
      let raw = try RawClient(path: f.path)
      raw.send([0, 0, 0x04, 0x01])  // 1025 > 1024
      #expect(await raw.read(kind: "goaway")?.code == "FRAME_TOO_LARGE")
      #expect(await raw.readsUntilClosed())
      raw.closeSocket()
      await f.tearDown()
    }

    @Test func zeroLengthFrameIsAProtocolError() async throws {
      let f = try await Fixture.make()
      let raw = try RawClient(path: f.path)
      try await raw.handshake()
      raw.send([0, 0, 0, 0])
      #expect(await raw.read(kind: "goaway")?.code == "PROTOCOL_ERROR")
      #expect(await raw.readsUntilClosed())
      raw.closeSocket()
      await f.tearDown()
    }

    @Test func truncatedFrameThenEOF() async throws {
      let f = try await Fixture.make()
      let raw = try RawClient(path: f.path)
      try await raw.handshake()
      raw.send([0, 0, 0, 50, 0x7B, 0x22])
      raw.shutdownWrite()
      #expect(await raw.readsUntilClosed())
      #expect(await eventually { f.fixture.server.connectionCount == 1 })
      raw.closeSocket()
      await f.tearDown()
    }

    @Test func invalidJSONIsAProtocolError() async throws {
      let f = try await Fixture.make()
      let raw = try RawClient(path: f.path)
      try await raw.handshake()
      raw.send(json: #"{"v":1,"kind":"call","id":1,"#)
      #expect(await raw.read(kind: "goaway")?.code == "PROTOCOL_ERROR")
      #expect(await raw.readsUntilClosed())
      raw.closeSocket()
      await f.tearDown()
    }

    @Test func unknownKindIsAnsweredAndTheConnectionLives() async throws {
      let f = try await Fixture.make()
      let raw = try RawClient(path: f.path)
      try await raw.handshake()
      raw.send(json: #"{"v":1,"kind":"teleport","id":77}"#)
      let reply = await raw.read(kind: "reply")
      #expect(reply?.id == 77)
      #expect(reply?.code == "PROTOCOL_ERROR")
      raw.send(json: #"{"v":1,"kind":"teleport"}"#)  // no id: counted, dropped
      raw.send(json: #"{"v":1,"kind":"ping","id":5}"#)
      #expect(await raw.read(kind: "pong")?.id == 5)
      raw.send(
        json:
          #"{"v":1,"kind":"call","id":8,"contract":"test.echo","cv":1,"service":"Echo","method":"echo","payload":[1]}"#
      )
      let echoed = await raw.read(kind: "reply")
      #expect(echoed?.id == 8 && echoed?.ok == true && echoed?.payload == "[1]")
      raw.closeSocket()
      await f.tearDown()
    }

    @Test func callWithoutIDClosesTheConnection() async throws {
      let f = try await Fixture.make()
      let raw = try RawClient(path: f.path)
      try await raw.handshake()
      raw.send(json: #"{"v":1,"kind":"call","contract":"test.echo","cv":1,"service":"Echo","method":"echo"}"#)
      #expect(await raw.read(kind: "goaway")?.code == "PROTOCOL_ERROR")
      #expect(await raw.readsUntilClosed())
      raw.closeSocket()
      await f.tearDown()
    }

    @Test func duplicateIDInFlightFailsOnlyTheDuplicate() async throws {
      let f = try await Fixture.make()
      let raw = try RawClient(path: f.path)
      try await raw.handshake()
      let call =
        #"{"v":1,"kind":"call","id":5,"contract":"test.echo","cv":1,"service":"Echo","method":"wait","timeoutMs":400}"#
      raw.send(json: call)
      raw.send(json: call)
      let first = await raw.read(kind: "reply")
      #expect(first?.id == 5 && first?.code == "PROTOCOL_ERROR")
      let second = await raw.read(kind: "reply")  // the original call times out on the server
      #expect(second?.id == 5 && second?.code == "TIMEOUT")
      raw.closeSocket()
      await f.tearDown()
    }

    @Test func replyForUnknownIDIsDroppedAndCounted() async throws {
      let f = try await Fixture.make()
      let trigger = EnvelopeKind(rawValue: "test.bogusReply")
      f.fixture.server.setEnvelopeHandler(for: trigger) { _, peer in
        try? peer.send(.reply(id: 987_654, payload: utf8Bytes("{}")))
      }
      try f.good.send(Envelope(kind: trigger))
      #expect(await eventually { f.good.statistics.unmatchedReplies == 1 })
      await f.tearDown()
    }

    @Test func clientThatNeverSaysHelloIsClosed() async throws {
      let f = try await Fixture.make { $0.handshakeTimeout = .milliseconds(150) }
      let raw = try RawClient(path: f.path)
      #expect(await raw.read(kind: "reject")?.code == "PROTOCOL_ERROR")
      #expect(await raw.readsUntilClosed())
      raw.closeSocket()
      await f.tearDown()
    }

    @Test func theWelcomeIsTheServersFirstFrameHoweverLongTheHelloTakes() async throws {
      let f = try await Fixture.make { $0.heartbeatInterval = .milliseconds(10) }
      let raw = try RawClient(path: f.path)
      try await Task.sleep(for: .milliseconds(200))  // twenty heartbeat intervals before the hello
      try await raw.handshake()  // throws unless the first frame is the welcome (no ping before it)
      raw.closeSocket()
      await f.tearDown()
    }

    @Test func theLargestTimeoutIsServedWithTheLongestDeadline() async throws {
      // Int64.max ms: the server keeps at most Int32.max ms (24 days) instead of overflowing.
      let seen = Mutex<ContinuousClock.Instant?>(nil)
      var service = echoService()
      service.method("deadline") { call in
        seen.withLock { $0 = call.deadline }
        return call.payload
      }
      let fixture = try await TestServer.start([service])
      guard case .unix(let path) = fixture.endpoint else { return }
      let raw = try RawClient(path: path)
      try await raw.handshake()
      let before = ContinuousClock.now
      raw.send(
        json:
          #"{"v":1,"kind":"call","id":1,"contract":"test.echo","cv":1,"service":"Echo","method":"deadline","timeoutMs":9223372036854775807,"payload":{}}"#
      )
      let reply = await raw.read(kind: "reply")
      #expect(reply?.ok == true && reply?.payload == "{}")
      let deadline = try #require(seen.withLock { $0 })
      let granted = before.duration(to: deadline)
      #expect(
        granted > .seconds(Int64(Int32.max) / 1000 - 60) && granted <= .seconds(Int64(Int32.max) / 1000 + 60))
      raw.closeSocket()
      await fixture.stop()
    }

    @Test func clientDisconnectMidCallCancelsTheHandler() async throws {
      let started = Flag()
      let cancelled = Flag()
      var service = echoService()
      service.method("hold") { call in
        started.set()
        do { try await Task.sleep(for: .seconds(30)) } catch {
          cancelled.set()
          throw error
        }
        return call.payload
      }
      let fixture = try await TestServer.start([service])
      guard case .unix(let path) = fixture.endpoint else { return }
      let raw = try RawClient(path: path)
      try await raw.handshake()
      raw.send(
        json: #"{"v":1,"kind":"call","id":1,"contract":"test.echo","cv":1,"service":"Echo","method":"hold"}"#)
      #expect(await eventually { started.isSet })
      let other = try await fixture.connect()
      raw.closeSocket()
      #expect(await eventually { cancelled.isSet })
      #expect(try await other.echo("{}") == "{}")
      #expect(await eventually { fixture.server.inFlightCalls == 0 })
      await other.close()
      await fixture.stop()
    }

    @Test func peerPolicyRefusesOtherUsers() async throws {
      var configuration = ServerConfiguration()
      configuration.peerPolicy = .uids([UInt32.max - 1])
      let fixture = try await TestServer.start([echoService()], configuration: configuration)
      let error = await expectParleyError(.unauthenticated) { _ = try await fixture.connect() }
      #expect(error?.mayHaveRun == false)
      #expect(fixture.server.rejectedPeerCount == 1)
      #expect(fixture.server.connectionCount == 0)
      await fixture.stop()
    }

    @Test func thousandsOfFramesInOneWriteAreAllAnswered() async throws {
      let f = try await Fixture.make()
      let raw = try RawClient(path: f.path)
      try await raw.handshake()
      var batch: [UInt8] = []
      for id in 1...5000 { batch += FrameEncoder.frame(utf8Bytes(#"{"v":1,"kind":"ping","id":\#(id)}"#)) }
      #expect(raw.send(batch))
      let pongs = await offPool { () -> Int in
        var count = 0
        while count < 5000, let envelope = raw.readEnvelopeSync() {
          if envelope.kind == "pong" { count += 1 }
        }
        return count
      }
      #expect(pongs == 5000)
      raw.closeSocket()
      await f.tearDown()
    }

    @Test func connectionLimitsCloseExtraConnectionsAtOnce() async throws {
      let f = try await Fixture.make {
        $0.maxConnections = 2
        $0.maxUnauthenticatedConnections = 1
      }
      // The good client holds one slot; one more may be in the handshake; a third is closed.
      let waiting = try RawClient(path: f.path)
      #expect(await eventually { f.fixture.server.connectionCount == 2 })
      let refused = try RawClient(path: f.path)
      #expect(await refused.readsUntilClosed())
      waiting.closeSocket()
      refused.closeSocket()
      #expect(await eventually { f.fixture.server.connectionCount == 1 })
      await f.tearDown()
    }

    @Test func stopDrainsRunningCallsAndRefusesNewOnes() async throws {
      let release = Flag()
      var service = echoService()
      service.method("slow") { call in
        while !release.isSet { try await Task.sleep(for: .milliseconds(5)) }
        return call.payload
      }
      service.method("stuck") { call in
        try await Task.sleep(for: .seconds(30))
        return call.payload
      }
      let fixture = try await TestServer.start([service])
      let connection = try await fixture.connect()
      let slow = Task { try await connection.echo("slow", "{}") }
      let stuck = Task { try await connection.echo("stuck", "{}") }
      #expect(await eventually { fixture.server.inFlightCalls == 2 })
      let stopping = Task { await fixture.server.stop(grace: .milliseconds(300)) }
      try await Task.sleep(for: .milliseconds(50))
      let refused = await expectParleyError(.shuttingDown) { _ = try await connection.echo("{}") }
      #expect(refused?.mayHaveRun == false)
      release.set()
      #expect(try await slow.value == "{}")
      let failed = await expectParleyError(.shuttingDown) { _ = try await stuck.value }
      #expect(failed?.mayHaveRun == true)
      await stopping.value
      guard case .unix(let path) = fixture.endpoint else { return }
      #expect(!FileManager.default.fileExists(atPath: path))
      await connection.close()
      await fixture.stop()
    }
  }
}
