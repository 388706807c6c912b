import Foundation
import ParleyDocGen
import Testing

/// `--format json`: the documented, versioned model.
@Suite struct JSONModelRendererTests {
  @Test func modelFollowsTheSchema() throws {
    let site = DocGenerator.generate(DocGenFixtures.exampleContracts, options: DocOptions(format: .json)).site
    #expect(site.files.map(\.path) == ["contracts.json"])
    let text = try #require(site.file("contracts.json")).contents
    let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(root["schema"] as? String == "parley-docs-model/1")
    let contracts = try #require(root["contracts"] as? [[String: Any]])
    #expect(
      contracts.map { $0["name"] as? String } == [
        "parley.showcase", "shop.common", "shop.inventory", "shop.orders", "shop.roles", "shop.users",
      ])
    let orders = try #require(contracts.first { $0["name"] as? String == "shop.orders" })
    let declarations = try #require(orders["declarations"] as? [[String: Any]])
    let order = try #require(declarations.first { $0["name"] as? String == "Order" })
    #expect(order["kind"] as? String == "struct")
    #expect(order["anchor"] as? String == "shop.orders#Order")
    let fields = try #require(order["fields"] as? [[String: Any]])
    let items = try #require(fields.first { $0["name"] as? String == "items" })
    #expect(
      (items["type"] as? [String: Any])?["list"] as? [String: String] == ["named": "shop.orders.LineItem"])
    #expect((items["constraints"] as? [String: Any])?["count"] as? [String: Int] == ["min": 1, "max": 100])
    #expect(items["required"] as? Bool == true)
    let service = try #require(declarations.first { $0["kind"] as? String == "service" })
    let methods = try #require(service["methods"] as? [[String: Any]])
    let getOrder = try #require(methods.first)
    #expect(getOrder["timeoutMs"] as? Int == 2000)
    #expect(getOrder["errors"] as? [String] == ["shop.orders.OrderNotFound"])
    #expect(
      (getOrder["examples"] as? [[String: Any]])?.map { $0["label"] as? String } == [
        "Request", "Reply", "Error reply (OrderNotFound)",
      ])
    for key in ["doc", "since", "deprecated", "internal"] { #expect(getOrder.keys.contains(key)) }
  }
}
