import Parley
import Testing

@Suite struct TopicPatternTests {
  @Test(arguments: [
    ("shop.orders.*", "shop.orders.orderShipped", true),
    ("shop.orders.*", "shop.orders", false),
    ("shop.orders.*", "shop.orders.a.b", false),
    ("shop.*.orderShipped", "shop.orders.orderShipped", true),
    ("shop.**", "shop.orders.orderShipped", true),
    ("shop.**", "shop", true),
    ("shop.orders.orderShipped", "shop.orders.orderShipped", true),
    ("shop.orders.orderShipped", "shop.orders.orderPlaced", false),
    ("**", "anything.at.all", true),
  ])
  func matches(pattern: String, topic: String, expected: Bool) throws {
    #expect(try TopicPattern(pattern).matches(topic) == expected)
  }

  @Test(arguments: ["", "shop..orders", "shop.**.x", "shop.ord*", "."])
  func rejectsMalformedPatterns(_ pattern: String) {
    #expect(throws: ParleyError.self) { try TopicPattern(pattern) }
  }
}
