import Parley
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(1))) struct ContextTests {
  /// order → user → role, each a separate instance calling the next through the hub.
  @Test func contextCrossesHops() async throws {
    let harness = try await GatewayHarness.start()
    let seen = Mutex<[String: CallContext]>([:])
    var role = ServiceRegistration(contract: "shop.roles", version: 1, service: "RoleService")
    role.method("rolesOf") { call in
      seen.withLock { $0["role"] = call.context }
      return json(#"{"roles":["admin"]}"#)
    }
    let roleLink = try await harness.service([role], name: "role")
    let userLinkBox = Mutex<GatewayServiceLink?>(nil)
    var user = ServiceRegistration(contract: "shop.users", version: 2, service: "UserService")
    user.method("getUser") { call in
      seen.withLock { $0["user"] = call.context }
      guard let link = userLinkBox.withLock({ $0 }) else { throw ParleyError(.internal, "no link") }
      return try await link.connection.call(
        contract: "shop.roles", version: 1, service: "RoleService", method: "rolesOf", payload: json("{}"))
    }
    let userLink = try await harness.service([user], name: "user")
    userLinkBox.withLock { $0 = userLink }
    let orderLinkBox = Mutex<GatewayServiceLink?>(nil)
    var order = ServiceRegistration(contract: "shop.orders", version: 3, service: "OrderService")
    order.method("getOrder") { call in
      seen.withLock { $0["order"] = call.context }
      guard let link = orderLinkBox.withLock({ $0 }) else { throw ParleyError(.internal, "no link") }
      return try await link.connection.call(
        contract: "shop.users", version: 2, service: "UserService", method: "getUser", payload: json("{}"))
    }
    let orderLink = try await harness.service([order], name: "order")
    orderLinkBox.withLock { $0 = orderLink }

    let client = try await harness.client()
    let reply = try await client.connection.call(
      contract: "shop.orders", version: 3, service: "OrderService", method: "getOrder", payload: json("{}"))
    #expect(text(reply).contains("admin"))
    let contexts = seen.withLock { $0 }
    let roleContext = try #require(contexts["role"])
    #expect(roleContext.chain == ["OrderService", "UserService", "RoleService"])
    #expect(roleContext.depth == 3)
    #expect(contexts["order"]?.root == roleContext.root)
    #expect(contexts["user"]?.root == roleContext.root)
    for link in [orderLink, userLink, roleLink] { await link.close() }
    await client.close()
    await harness.stop()
  }

  @Test func aCycleFailsWithMaxDepthExceeded() async throws {
    let harness = try await GatewayHarness.start()
    let linkBox = Mutex<GatewayServiceLink?>(nil)
    var loop = ServiceRegistration(contract: "test.loop", version: 1, service: "LoopService")
    loop.method("again") { _ in
      guard let link = linkBox.withLock({ $0 }) else { throw ParleyError(.internal, "no link") }
      return try await link.connection.call(
        contract: "test.loop", version: 1, service: "LoopService", method: "again", payload: json("{}"))
    }
    let link = try await harness.service([loop], name: "loop")
    linkBox.withLock { $0 = link }
    let client = try await harness.client()
    let error = await parleyError {
      _ = try await client.connection.call(
        contract: "test.loop", version: 1, service: "LoopService", method: "again", payload: json("{}"))
    }
    #expect(error?.code == .maxDepthExceeded)
    await client.close()
    await link.close()
    await harness.stop()
  }
}
