import Foundation
import Parley
import Testing

/// `parley call` and `parley status` against a gateway process.
@Suite(.serialized, .timeLimit(.minutes(2))) struct CommandLineTests {
  @Test func callStatusAndList() async throws {
    let gateway = try await GatewayProcess()
    let role = try gateway.service("role")
    #expect(try await gateway.waitForInstances(of: "RoleService", count: 1))

    let call = try ChildProcess([
      "call", "--gateway", gateway.socket, "RoleService.rolesOf", #"{"userId":"usr_1"}"#,
    ])
    #expect(await call.waitForExit() == 0)
    #expect(call.output.joined().contains(#""roles":["customer","admin"]"#))

    let contracts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Contracts").path
    let typed = try ChildProcess([
      "call", "--gateway", gateway.socket, "--contracts", contracts, "RoleService.rolesOf",
      #"{"userId":"nope"}"#,
    ])
    #expect(await typed.waitForExit() == 1)
    #expect(typed.output.joined().contains(#""code":"VALIDATION_FAILED""#))

    let missing = try ChildProcess(["call", "--gateway", gateway.socket, "NoService.x", "{}"])
    #expect(await missing.waitForExit() == 1)
    #expect(missing.output.joined().contains(#""code":"SERVICE_NOT_FOUND""#))

    let list = try ChildProcess(["call", "--gateway", gateway.socket, "--list"])
    #expect(await list.waitForExit() == 0)
    #expect(list.output.contains { $0.contains("RoleService.rolesOf") })

    let status = try ChildProcess(["status", "--gateway", gateway.socket, "--json"])
    #expect(await status.waitForExit() == 0)
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    let parsed = try decoder.decode(
      GatewayStatus.self, from: Data(status.output.joined(separator: "\n").utf8))
    #expect(parsed.services.first { $0.service == "RoleService" }?.methods.first?.calls == 2)

    let human = try ChildProcess(["status", "--gateway", gateway.socket])
    #expect(await human.waitForExit() == 0)
    #expect(human.output.contains { $0.contains("rolesOf: 2 calls") })
    await role.stop()
    await gateway.stop()
  }
}
