import Foundation
import Parley
import Testing

/// ``GatewayPolicy``: the rules, the JSON form, and the hub refusing what they do not grant.
@Suite struct GatewayPolicyRuleTests {
  private let me = PeerCredentials.current
  private let other = PeerCredentials(uid: 4_000_001, gid: 4_000_002, pid: nil)

  @Test func byDefaultTheGatewaysUserMayDoEverythingAndNobodyElseAnything() {
    let policy = GatewayPolicy.sameUser
    #expect(policy.mayRegister("Anything", credentials: me))
    #expect(policy.mayCall("Anything", credentials: me))
    if me.uid != other.uid {
      #expect(!policy.mayRegister("Anything", credentials: other))
      #expect(!policy.mayCall("Anything", credentials: other))
    }
  }

  @Test func rulesGrantByUserOrGroupAndPattern() {
    let policy = GatewayPolicy(rules: [
      .init(uids: [other.uid], register: ["UserService"], call: ["Order*"]),
      .init(gids: [other.gid], call: ["RoleService"]),
    ])
    #expect(policy.mayRegister("UserService", credentials: other))
    #expect(!policy.mayRegister("OrderService", credentials: other))
    #expect(policy.mayCall("OrderService", credentials: other))
    #expect(policy.mayCall("RoleService", credentials: other))
    #expect(!policy.mayCall("UserService", credentials: other))
  }

  @Test func unidentifiedPeersFollowTheirSwitch() {
    #expect(GatewayPolicy.sameUser.mayCall("X", credentials: nil))
    #expect(!GatewayPolicy(unidentifiedPeersAsServerUser: false).mayCall("X", credentials: nil))
  }

  @Test func jsonRoundTripAndUnknownKeysRejected() throws {
    let policy = try GatewayPolicy(
      json: Array(
        #"{"serverUserMayDoEverything":false,"rules":[{"uids":[7],"gids":[8],"register":["A"],"call":["B*"]}]}"#
          .utf8))
    #expect(!policy.serverUserMayDoEverything)
    #expect(policy.rules == [.init(uids: [7], gids: [8], register: ["A"], call: ["B*"])])
    #expect(throws: GatewayPolicyError.self) { try GatewayPolicy(json: Array(#"{"rule":[]}"#.utf8)) }
    #expect(throws: GatewayPolicyError.self) {
      try GatewayPolicy(json: Array(#"{"rules":[{"uids":[1],"cal":["B"]}]}"#.utf8))
    }
    #expect(throws: GatewayPolicyError.self) {
      try GatewayPolicy(json: Array(#"{"rules":[{"uids":[-1]}]}"#.utf8))
    }
    #expect(throws: GatewayPolicyError.self) { try GatewayPolicy(json: Array("not json".utf8)) }
  }
}

extension RuntimeSocketSuites {
  /// The hub enforcing a ``GatewayPolicy`` over real Unix-socket connections.
  @Suite(.serialized) struct GatewayPolicyHubTests {
    @Test func refusedRegisterAndCallArePermissionDeniedAndNothingRuns() async throws {
      let me = PeerCredentials.current.uid
      var configuration = GatewayConfiguration()
      configuration.policy = GatewayPolicy(
        rules: [.init(uids: [me], register: ["Echo"], call: ["Other*"])], serverUserMayDoEverything: false)
      let directory = try TestServer.makeTemporaryDirectory(prefix: "parley-auth-gw")
      defer { TestServer.removeTree(directory) }
      let hub = GatewayHub(configuration: configuration)
      let endpoint = Endpoint.unix(path: directory + "/gateway.sock")
      try await hub.start(on: endpoint)

      let ran = SeenCredentials()
      var echo = ServiceRegistration(contract: "test.echo", version: 1, service: "Echo")
      echo.method("echo") { call in
        ran.set(call.peer.credentials)
        return call.payload
      }
      let link = try await GatewayServiceLink.connect(
        to: endpoint, services: [echo], configuration: GatewayServiceConfiguration(name: "echo"))

      var forbidden = ServiceRegistration(contract: "test.echo", version: 1, service: "Forbidden")
      forbidden.method("echo") { call in call.payload }
      do {
        let refused = try await GatewayServiceLink.connect(
          to: endpoint, services: [forbidden], configuration: GatewayServiceConfiguration(name: "forbidden"))
        Issue.record("registering Forbidden was allowed")
        await refused.close()
      } catch let error as ParleyError {
        #expect(error.code == .permissionDenied, "\(error)")
      }

      let client = try await GatewayClient.connect(to: endpoint)
      do {
        _ = try await client.connection.call(
          contract: "test.echo", version: 1, service: "Echo", method: "echo", payload: Array("{}".utf8),
          options: CallOptions(timeout: .seconds(5)))
        Issue.record("calling Echo was allowed")
      } catch let error as ParleyError {
        #expect(error.code == .permissionDenied, "\(error)")
        #expect(error.mayHaveRun == false)
      }
      #expect(ran.value == nil)
      await client.close()
      await link.close()
      await hub.stop(grace: .milliseconds(200))
    }
  }
}
