import Foundation
import Parley
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The Unix-socket allow list (``PeerPolicy``), as a pure check and over a real socket.
@Suite struct PeerPolicyRuleTests {
  private let me = PeerCredentials.current
  private let stranger = PeerCredentials(uid: 4_000_001, gid: 4_000_001, pid: 1)
  private let root = PeerCredentials(uid: 0, gid: 0, pid: 1)

  @Test func sameUserAdmitsOnlyTheServersUser() {
    #expect(PeerPolicy.sameUser.allows(me))
    #expect(!PeerPolicy.sameUser.allows(stranger))
    if getuid() != 0 { #expect(!PeerPolicy.sameUser.allows(root)) }
  }

  @Test func uidsAdmitExactlyTheListedUsers() {
    let policy = PeerPolicy.uids([stranger.uid])
    #expect(policy.allows(stranger))
    #expect(!policy.allows(root))
    if me.uid != stranger.uid { #expect(!policy.allows(me)) }
  }

  @Test func membersAdmitByUserOrGroupAndRootOnlyWhenListed() {
    let byGroup = PeerPolicy.members(uids: [], gids: [stranger.gid], includingServerUser: false)
    #expect(byGroup.allows(stranger))
    #expect(!byGroup.allows(PeerCredentials(uid: 4_000_002, gid: 7, pid: nil)))
    #expect(!byGroup.allows(root))
    let withServer = PeerPolicy.members(uids: [], gids: [], includingServerUser: true)
    #expect(withServer.allows(me))
    #expect(!withServer.allows(stranger))
    #expect(PeerPolicy.members(uids: [0], gids: [], includingServerUser: false).allows(root))
  }
}

extension RuntimeSocketSuites {
  /// The allow list applied to real Unix-socket connections, before any frame is read.
  @Suite(.serialized) struct PeerPolicySocketTests {
    private func start(_ policy: PeerPolicy) async throws -> TestServer {
      var configuration = ServerConfiguration()
      configuration.peerPolicy = policy
      return try await TestServer.start([echoService()], configuration: configuration)
    }

    @Test func aPeerOutsideTheAllowListIsRejectedUnauthenticatedAndClosed() async throws {
      // The check runs against an allow list that excludes this process's user.
      let fixture = try await start(
        .members(uids: [4_000_001], gids: [4_000_001], includingServerUser: false))
      let error = await expectParleyError(.unauthenticated) { _ = try await fixture.connect() }
      #expect(error?.mayHaveRun == false)
      #expect(fixture.server.rejectedPeerCount == 1)
      #expect(fixture.server.connectionCount == 0)
      await fixture.stop()
    }

    @Test func anAllowedPeerIsServedAndHandlersSeeItsCredentials() async throws {
      let seen = SeenCredentials()
      var registration = ServiceRegistration(contract: "test.echo", version: 1, service: "Echo")
      registration.method("whoami") { call in
        seen.set(call.peer.credentials)
        return Array("{}".utf8)
      }
      var configuration = ServerConfiguration()
      configuration.peerPolicy = .members(
        uids: [], gids: [PeerCredentials.current.gid], includingServerUser: false)
      let fixture = try await TestServer.start([registration], configuration: configuration)
      let connection = try await fixture.connect()
      _ = try await connection.call(
        contract: "test.echo", version: 1, service: "Echo", method: "whoami", payload: Array("{}".utf8),
        options: CallOptions())
      let credentials = try #require(seen.value)
      #expect(credentials.uid == PeerCredentials.current.uid)
      #expect(credentials.gid == PeerCredentials.current.gid)
      #expect(credentials.pid == getpid())
      await connection.close()
      await fixture.stop()
    }
  }
}

/// A box a handler writes the peer's credentials into.
final class SeenCredentials: Sendable {
  private let box = Mutex<PeerCredentials?>(nil)
  func set(_ value: PeerCredentials?) { box.withLock { $0 = value } }
  var value: PeerCredentials? { box.withLock { $0 } }
}
