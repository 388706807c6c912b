import Foundation
import Parley
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A codec that claims to be `binary`, to test negotiation (it is never used for envelopes).
struct FakeBinaryCodec: EnvelopeCodec {
  var id: WireCodec { .binary }
  func encode(_ envelope: Envelope, into bytes: inout [UInt8]) {
    JSONEnvelopeCodec().encode(envelope, into: &bytes)
  }
  func decode(_ bytes: [UInt8]) throws(ParleyError) -> Envelope { try JSONEnvelopeCodec().decode(bytes) }
  func validatePayload(_ payload: [UInt8]) throws(ParleyError) {}
}

extension RuntimeSocketSuites {
  @Suite(.serialized) struct HandshakeTests {
    @Test func codecIsTheFirstOfTheClientsOffersTheServerSupports() async throws {
      var server = ServerConfiguration()
      server.codecs = [JSONEnvelopeCodec(), FakeBinaryCodec()]
      var client = ClientConfiguration()
      client.codecs = [FakeBinaryCodec(), JSONEnvelopeCodec()]
      let harness = try await Harness.make(.inProcess, server: server, client: client)
      #expect(harness.connection.codec == .binary)
      #expect(try await harness.connection.echo("{}") == "{}")
      await harness.tearDown()
    }

    @Test func noCommonCodecIsRejected() async throws {
      var client = ClientConfiguration()
      client.codecs = [FakeBinaryCodec()]
      var server = ServerConfiguration()
      server.codecs = [JSONEnvelopeCodec()]  // a JSON-only server: the client offers only binary
      let error = await expectParleyError(.protocolError) {
        _ = try await Harness.make(.unix, server: server, client: client)
      }
      #expect(error?.message.contains("no common codec") == true)
    }

    @Test func contractVersionMismatchIsRejected() async throws {
      var client = ClientConfiguration()
      client.contracts = [ContractVersion(name: "test.echo", version: 5)]
      let error = await expectParleyError(.versionMismatch) {
        _ = try await Harness.make(.inProcess, client: client)
      }
      #expect(error?.message.contains("test.echo") == true)
      client.contracts = [
        ContractVersion(name: "test.echo", version: 1), ContractVersion(name: "other", version: 9),
      ]
      let harness = try await Harness.make(.inProcess, client: client)
      #expect(
        harness.connection.welcome?.contracts == [
          ServedContract(name: "test.echo", version: 1, minimumVersion: 1)
        ])
      await harness.tearDown()
    }

    /// A peer whose largest frame is 0 or less could be sent nothing: the handshake fails
    /// with PROTOCOL_ERROR on either side (`maxFrame` in a server's welcome or a client's hello).
    @Test func aWelcomeThatAllowsNoFrameIsRefused() async throws {
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      let server = try StalledServer(
        path: directory + "/s.sock",
        welcome: StalledServer.healthyWelcome.replacingOccurrences(
          of: #""maxFrame":16777216"#, with: #""maxFrame":0"#))
      let error = await expectParleyError(.protocolError) {
        _ = try await ClientConnection.connect(to: .unix(path: server.path))
      }
      #expect(error?.message.contains("maxFrame") == true, "\(String(describing: error))")
      await server.stop()
    }

    @Test(arguments: [0, -1, Int.min])
    func aHelloThatAllowsNoFrameIsRefused(maxFrame: Int) async throws {
      let server = try await TestServer.start([echoService()])
      guard case .unix(let path) = server.endpoint else { return }
      let raw = try RawClient(path: path)
      raw.send(json: #"{"v":1,"kind":"hello","codecs":["json"],"maxFrame":\#(maxFrame)}"#)
      let answer = await offPool { raw.readEnvelopeSync() }
      #expect(answer?.kind == "reject")
      #expect(answer?.code == "PROTOCOL_ERROR")
      raw.closeSocket()
      await server.stop()
    }

    @Test func serverThatNeverWelcomesTimesOut() async throws {
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      let path = directory + "/silent.sock"
      let silent = unixStreamSocket()
      defer { close(silent) }
      var address = sockaddr_un()
      address.sun_family = sa_family_t(AF_UNIX)
      withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
      }
      _ = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          bind(silent, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
      }
      listen(silent, 4)
      var client = ClientConfiguration()
      client.handshakeTimeout = .milliseconds(100)
      let error = await expectParleyError(.timeout) {
        _ = try await ClientConnection.connect(to: .unix(path: path), configuration: client)
      }
      #expect(error?.mayHaveRun == false)
    }

    @Test func busyHandlerDoesNotKillAHealthyConnection() async throws {
      var service = echoService()
      service.method("busy") { call in
        try await Task.sleep(for: .seconds(1))
        return call.payload
      }
      var server = ServerConfiguration()
      server.heartbeatInterval = .milliseconds(100)
      var client = ClientConfiguration()
      client.heartbeatInterval = .milliseconds(100)
      client.missedPingsAllowed = 3
      let harness = try await Harness.make(.unix, services: [service], server: server, client: client)
      #expect(try await harness.connection.echo("busy", "{}") == "{}")
      await harness.tearDown()
    }
  }
}
