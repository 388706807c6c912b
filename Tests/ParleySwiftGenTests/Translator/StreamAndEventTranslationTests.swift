import ParleyFrontEnd
import ParleySwiftGen
import Testing

/// What the generator emits for `stream` and `event` methods, per access level and parts.
@Suite("Streams and events in generated code")
struct StreamAndEventTranslationTests {
  static let contract = """
    contract demo.feed version 1
    struct Query {
      1 topic: String
      2 limit: Int32 = 10
    }
    struct Item {
      1 text: String
    }
    error Gone code 410 {
      1 topic: String
    }
    service Feed {
      stream items(Query) -> Item throws Gone
      stream heartbeat() -> Int64
      event posted(Item)
      event pinged()
    }
    """

  static func generate(_ options: SwiftGeneratorOptions) throws -> String {
    let sources = SwiftGenerator.generate(Contracts.load(["demo/feed.ipc": contract]), options: options)
    return try #require(sources.first).contents
  }

  @Test("client members carry the access level", arguments: SwiftGeneratorOptions.AccessLevel.allCases)
  func clientMembers(_ access: SwiftGeneratorOptions.AccessLevel) throws {
    let code = try Self.generate(SwiftGeneratorOptions(accessLevel: access))
    let prefix = access == .internal ? "" : access.rawValue + " "
    for line in [
      "\(prefix)nonisolated(nonsending) func items(_ request: DemoFeed.Query, options: Parley.CallOptions = Parley.CallOptions()) async throws -> Parley.ParleyTypedStream<DemoFeed.Item> {",
      "\(prefix)nonisolated(nonsending) func items(topic: Swift.String, limit: Swift.Int32 = 10, options: Parley.CallOptions = Parley.CallOptions()) async throws -> Parley.ParleyTypedStream<DemoFeed.Item> {",
      "\(prefix)nonisolated(nonsending) func heartbeat(options: Parley.CallOptions = Parley.CallOptions()) async throws -> Parley.ParleyTypedStream<Swift.Int64> {",
      "\(prefix)var posted: Parley.ParleyEventTopic<DemoFeed.Item> {",
      "\(prefix)var pinged: Parley.ParleyEventTopic<Swift.Void> {",
    ] {
      #expect(code.contains(line), "missing: \(line)")
    }
    #expect(!code.contains("not generated yet"))
  }

  @Test func handlerRequirementsAndRegistration() throws {
    let code = try Self.generate(SwiftGeneratorOptions())
    #expect(
      code.contains(
        "func items(_ request: DemoFeed.Query, writer: Parley.ParleyTypedStreamWriter<DemoFeed.Item>, call: Parley.IncomingCall) async throws\n"
      ))
    #expect(
      code.contains(
        "func heartbeat(writer: Parley.ParleyTypedStreamWriter<Swift.Int64>, call: Parley.IncomingCall) async throws\n"
      ))
    #expect(code.contains("registration.stream(DemoFeed.FeedDescriptor.Items.name) { call, writer in"))
    #expect(code.contains("registration.stream(DemoFeed.FeedDescriptor.Heartbeat.name) { call, writer in"))
    // Events are published through the client, not implemented by the handler.
    #expect(!code.contains("func posted("))
    #expect(!code.contains("registration.method(DemoFeed.FeedDescriptor.Posted.name)"))
  }

  @Test func onlyTheRequestedParts() throws {
    let client = try Self.generate(SwiftGeneratorOptions(parts: [.types, .client]))
    #expect(client.contains("var posted: Parley.ParleyEventTopic<DemoFeed.Item>"))
    #expect(!client.contains("registration.stream("))
    let server = try Self.generate(SwiftGeneratorOptions(parts: [.types, .server]))
    #expect(server.contains("registration.stream("))
    #expect(!server.contains("Parley.ParleyEventTopic"))
    #expect(!server.contains("Parley.ParleyTypedStream<"))
  }
}
