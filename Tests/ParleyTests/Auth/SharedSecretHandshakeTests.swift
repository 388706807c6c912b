import Foundation
import Parley
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension RuntimeSocketSuites {
  /// The shared-secret challenge–response in the handshake (`hello` → `auth` → `auth` → `welcome`).
  @Suite(.serialized) struct SharedSecretHandshakeTests {
    private func server(secret: SharedSecret?, configure: (inout ServerConfiguration) -> Void = { _ in })
      -> ParleyServer
    {
      var configuration = ServerConfiguration()
      configuration.secret = secret
      configure(&configuration)
      let server = ParleyServer(configuration: configuration)
      server.register(echoService())
      return server
    }

    private func client(secret: SharedSecret?) -> ClientConfiguration {
      var configuration = ClientConfiguration()
      configuration.secret = secret
      configuration.codecs = [JSONEnvelopeCodec()]  // the tests read the client's frames as JSON
      return configuration
    }

    @Test func rightSecretOverTCPSucceedsAndTheServerProvesItself() async throws {
      let secret = try testSecret()
      let server = server(secret: secret)
      guard case .tcp(_, let port) = try await server.start(on: .tcp(host: "127.0.0.1", port: 0)) else {
        Issue.record("not TCP")
        return
      }
      let connection = try await ClientConnection.connect(
        to: .tcp(host: "127.0.0.1", port: port), configuration: client(secret: secret))
      #expect(connection.welcome?.proof?.count == 32)
      #expect(try await connection.echo("[1]") == "[1]")
      await connection.close()
      await server.stop()
    }

    @Test func wrongSecretIsRejectedUnauthenticated() async throws {
      let server = server(secret: try testSecret(0x01))
      guard case .tcp(_, let port) = try await server.start(on: .tcp(host: "127.0.0.1", port: 0)) else {
        return
      }
      let error = await expectParleyError(.unauthenticated) {
        _ = try await ClientConnection.connect(
          to: .tcp(host: "127.0.0.1", port: port), configuration: client(secret: try testSecret(0x02)))
      }
      #expect(error?.mayHaveRun == false)
      #expect(await eventually { server.connectionCount == 0 })
      await server.stop()
    }

    @Test func clientWithoutSecretIsToldTheServerRequiresOne() async throws {
      let server = server(secret: try testSecret())
      let (clientSide, serverSide) = InProcessTransport.makePair()
      server.accept(serverSide)
      let error = await expectParleyError(.unauthenticated) {
        _ = try await ClientConnection.connect(over: clientSide)
      }
      #expect(error?.message.contains("requires a shared secret") == true)
      await server.stop()
    }

    @Test func serverThatCannotProveTheSecretIsRefusedByTheClient() async throws {
      let server = server(secret: nil)
      let (clientSide, serverSide) = InProcessTransport.makePair()
      server.accept(serverSide)
      let error = await expectParleyError(.unauthenticated) {
        _ = try await ClientConnection.connect(
          over: clientSide, configuration: client(secret: try testSecret()))
      }
      #expect(error?.message.contains("did not challenge") == true)
      await server.stop()
    }

    @Test func theSecretNeverAppearsInWhatTheClientSent() async throws {
      let secret = try testSecret()
      let server = server(secret: secret)
      let (clientSide, serverSide) = InProcessTransport.makePair()
      server.accept(serverSide)
      let capture = CapturingChannel(clientSide)
      let connection = try await ClientConnection.connect(
        over: capture, configuration: client(secret: secret))
      #expect(try await connection.echo("{}") == "{}")
      await connection.close()
      let sent = capture.bytes
      let kinds = frames(of: sent).compactMap { try? JSONEnvelopeCodec().decode($0).kind.rawValue }
      #expect(kinds.starts(with: ["hello", "auth", "call"]))
      #expect(!contains(sent, secret.bytes))
      let hex = secret.bytes.map { String(format: "%02x", $0) }.joined()
      #expect(!contains(sent, Array(hex.utf8)))
      #expect(!contains(sent, Array(hex.uppercased().utf8)))
      #expect(!contains(sent, Array(Data(secret.bytes).base64EncodedString().utf8)))
      await server.stop()
    }

    @Test func replayingAnOldAnswerFails() async throws {
      let secret = try testSecret()
      let server = server(secret: secret)
      // A genuine session, captured.
      let (clientSide, serverSide) = InProcessTransport.makePair()
      server.accept(serverSide)
      let capture = CapturingChannel(clientSide)
      let connection = try await ClientConnection.connect(
        over: capture, configuration: client(secret: secret))
      await connection.close()
      let recordedAnswer = try #require(
        frames(of: capture.bytes).first { (try? JSONEnvelopeCodec().decode($0).kind) == .auth })
      // An attacker replays it on a new connection: the server's nonce differs, so it fails.
      let (attackerSide, serverSide2) = InProcessTransport.makePair()
      server.accept(serverSide2)
      let raw = RawPeer(attackerSide)
      raw.sendHello()
      #expect(await eventually { raw.received.contains { $0.kind == .auth } })
      raw.send(frame: FrameEncoder.frame(recordedAnswer))
      #expect(await eventually { raw.isClosed })
      let reject = raw.received.first { $0.kind == .reject }
      #expect(reject?.error?.code == .unauthenticated)
      #expect(!raw.received.contains { $0.kind == .welcome })
      await server.stop()
    }

    @Test func aCorrectAnswerToTheLiveChallengeIsAccepted() async throws {
      // The raw exchange of docs/wire-protocol.md, driven by hand.
      let secret = try testSecret()
      let server = server(secret: secret)
      let (rawSide, serverSide) = InProcessTransport.makePair()
      server.accept(serverSide)
      let raw = RawPeer(rawSide)
      raw.sendHello()
      #expect(await eventually { raw.received.contains { $0.kind == .auth } })
      let challengeNonce = try #require(raw.received.first { $0.kind == .auth }?.auth?.challenge)
      #expect(challengeNonce.count == 32)
      let authenticator = SharedSecretAuthenticator(secret: secret)
      let challenge = SharedSecretAuthenticator.Challenge(serverNonce: challengeNonce)
      let answer = try authenticator.answer(challenge)
      var reply = Envelope(kind: .auth)
      reply.auth = AuthExchange(nonce: answer.clientNonce, proof: answer.proof)
      raw.send(reply)
      #expect(await eventually { raw.received.contains { $0.kind == .welcome } })
      let proof = try #require(raw.received.first { $0.kind == .welcome }?.welcome?.proof)
      try authenticator.verify(
        SharedSecretAuthenticator.ServerProof(proof: proof), for: answer, to: challenge)
      raw.channel.close()
      await server.stop()
    }

    @Test func silenceAfterTheChallengeTimesOut() async throws {
      let server = server(secret: try testSecret()) { $0.handshakeTimeout = .milliseconds(100) }
      let (rawSide, serverSide) = InProcessTransport.makePair()
      server.accept(serverSide)
      let raw = RawPeer(rawSide)
      raw.sendHello()
      #expect(await eventually { raw.isClosed })
      #expect(raw.received.contains { $0.kind == .auth })
      #expect(!raw.received.contains { $0.kind == .welcome })
      #expect(server.connectionCount == 0)
      await server.stop()
    }

    @Test func unauthenticatedConnectionsAreBounded() async throws {
      let secret = try testSecret()
      let server = server(secret: secret) { $0.maxUnauthenticatedConnections = 2 }
      var silent: [RawPeer] = []
      for _ in 0..<2 {
        let (rawSide, serverSide) = InProcessTransport.makePair()
        server.accept(serverSide)
        silent.append(RawPeer(rawSide))
      }
      #expect(server.connectionCount == 2)
      // A third connection still in the handshake is refused at once (OVERLOADED) and closed.
      let (extraSide, extraServerSide) = InProcessTransport.makePair()
      server.accept(extraServerSide)
      let extra = RawPeer(extraSide)
      #expect(await eventually { extra.isClosed })
      #expect(extra.received.allSatisfy { $0.kind == .reject && $0.error?.code == .overloaded })
      #expect(server.connectionCount == 2)
      // Once one of the silent ones goes away, a real client gets in and authenticates; an
      // authenticated connection no longer counts against the limit.
      silent[0].channel.close()
      #expect(await eventually { server.connectionCount == 1 })
      let (clientSide, serverSide) = InProcessTransport.makePair()
      server.accept(serverSide)
      let connection = try await ClientConnection.connect(
        over: clientSide, configuration: client(secret: secret))
      #expect(try await connection.echo("1") == "1")
      let (laterSide, laterServerSide) = InProcessTransport.makePair()
      server.accept(laterServerSide)
      let later = RawPeer(laterSide)
      later.sendHello()
      #expect(await eventually { later.received.contains { $0.kind == .auth } })
      later.channel.close()
      silent[1].channel.close()
      await connection.close()
      await server.stop()
    }

    @Test func beyondLoopbackNeedsASecretAndAcceptsOneFromAPrivateFile() async throws {
      let open = ParleyServer()
      let error = await expectParleyError(.permissionDenied) {
        try await open.start(on: .tcp(host: "0.0.0.0", port: 0))
      }
      #expect(error?.message.contains("requires a shared secret") == true)

      let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-auth-\(getpid())")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: directory) }
      let path = directory.appendingPathComponent("secret").path
      #expect(
        FileManager.default.createFile(atPath: path, contents: Data("correct horse battery staple\n".utf8)))
      chmod(path, 0o600)
      let secret = try SharedSecret.load(fromFile: path)
      let server = server(secret: secret)
      guard case .tcp(_, let port) = try await server.start(on: .tcp(host: "0.0.0.0", port: 0)) else {
        return
      }
      let connection = try await ClientConnection.connect(
        to: .tcp(host: "127.0.0.1", port: port), configuration: client(secret: secret))
      #expect(try await connection.echo("2") == "2")
      await connection.close()
      await server.stop()
    }

    @Test func aTooShortTextSecretFailsAtStart() async throws {
      var configuration = ServerConfiguration()
      configuration.sharedSecret = "short"
      let server = ParleyServer(configuration: configuration)
      await expectParleyError(.unauthenticated) {
        try await server.start(on: .tcp(host: "127.0.0.1", port: 0))
      }
      await server.stop()
    }
  }
}

/// The byte-exact example in `docs/wire-protocol.md` ("Security").
@Suite struct AuthDocumentedExampleTests {
  @Test func theDocumentedExchangeIsWhatTheRuntimeComputesAndSends() throws {
    let secret = try SharedSecret(bytes: Array("correct horse battery staple".utf8))
    let authenticator = SharedSecretAuthenticator(secret: secret)
    let challenge = SharedSecretAuthenticator.Challenge(serverNonce: (0..<32).map { UInt8($0) })
    let answer = try authenticator.answer(challenge, clientNonce: (32..<64).map { UInt8($0) })
    let proof = try authenticator.verify(answer, to: challenge)
    var challengeEnvelope = Envelope(kind: .auth)
    challengeEnvelope.auth = AuthExchange(challenge: challenge.serverNonce)
    var answerEnvelope = Envelope(kind: .auth)
    answerEnvelope.auth = AuthExchange(nonce: answer.clientNonce, proof: answer.proof)
    let challengeFrame = JSONEnvelopeCodec().frame(challengeEnvelope)
    let answerFrame = JSONEnvelopeCodec().frame(answerEnvelope)
    #expect(Array(challengeFrame.prefix(4)) == [0, 0, 0, 0x64])
    #expect(
      utf8Text(Array(challengeFrame.dropFirst(4)))
        == #"{"v":1,"kind":"auth","challenge":"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"}"#
    )
    #expect(Array(answerFrame.prefix(4)) == [0, 0, 0, 0xab])
    #expect(
      utf8Text(Array(answerFrame.dropFirst(4)))
        == #"{"v":1,"kind":"auth","nonce":"202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f","proof":"3c32932e4b64cfdf6a2316233d04e16cf13ac39e0c3535a5847f68657710c8d9"}"#
    )
    #expect(
      proof.proof.map { String(format: "%02x", $0) }.joined()
        == "2392bffd1758f963f9975b5619531b77400caf3486c4c38783580f761960cb64")
    let decoded = try JSONEnvelopeCodec().decode(Array(answerFrame.dropFirst(4)))
    #expect(decoded.auth == answerEnvelope.auth)
  }
}
