import Foundation
import Parley
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `parley gateway --policy FILE`: a GatewayPolicy JSON file, with clear errors for bad files.
@Suite(.serialized, .timeLimit(.minutes(2))) struct PolicyOptionTests {
  private func gatewayFails(withPolicy path: String, saying message: String) async throws {
    let directory = try TestServer.makeTemporaryDirectory(prefix: "parley-gwpol")
    defer { TestServer.removeTree(directory) }
    let child = try ChildProcess(["gateway", "--socket", directory + "/gateway.sock", "--policy", path])
    defer { child.terminate() }
    #expect(await child.waitForExit() == 1)
    #expect(
      child.output.contains { $0.contains("error: --policy:") && $0.contains(message) }, "\(child.output)")
  }

  @Test func badPolicyFilesAreRefusedWithTheReason() async throws {
    let directory = try TestServer.makeTemporaryDirectory(prefix: "parley-gwpol")
    defer { TestServer.removeTree(directory) }
    try await gatewayFails(withPolicy: directory + "/missing.json", saying: "cannot read the policy file")
    let misspelt = directory + "/misspelt.json"
    try Data(#"{"rulez":[]}"#.utf8).write(to: URL(fileURLWithPath: misspelt))
    try await gatewayFails(withPolicy: misspelt, saying: #"unknown member "rulez""#)
    let broken = directory + "/broken.json"
    try Data(#"{"rules":[{"uids":[1,]}"#.utf8).write(to: URL(fileURLWithPath: broken))
    try await gatewayFails(withPolicy: broken, saying: broken)
  }

  @Test func thePolicyDecidesWhoMayCallWhat() async throws {
    let directory = try TestServer.makeTemporaryDirectory(prefix: "parley-gwpol")
    defer { TestServer.removeTree(directory) }
    let path = directory + "/policy.json"
    let policy = #"""
      {"serverUserMayDoEverything": false,
       "rules": [{"uids": [\#(getuid())], "register": ["RoleService"], "call": ["Order*"]}]}
      """#
    try Data(policy.utf8).write(to: URL(fileURLWithPath: path))
    let gateway = try await GatewayProcess(arguments: ["--policy", path])
    let role = try gateway.service("role")
    defer {
      role.terminate()
      gateway.cleanUp()
    }
    #expect(gateway.child.output.contains { $0.contains("policy from \(path): 1 rule(s)") })
    #expect(try await gateway.waitForInstances(of: "RoleService", count: 1))
    let client = try await gateway.client()
    let error = await parleyError {
      _ = try await client.connection.call(
        contract: "shop.roles", version: 1, service: "RoleService", method: "rolesOf",
        payload: json(#"{"userId":"usr_1"}"#), options: CallOptions(timeout: .seconds(5)))
    }
    #expect(error?.code == .permissionDenied)
    #expect(error?.mayHaveRun == false)
    await client.close()
    await role.stop()
    await gateway.stop()
  }
}
