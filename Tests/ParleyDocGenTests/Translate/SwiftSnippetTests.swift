import ParleyDocGen
import ParleyFrontEnd
import ParleySwiftGen
import Testing

/// The Swift snippets of methods: the generated client's real API for every method kind, with the
/// Swift generator's member names.
@Suite struct SwiftSnippetTests {
  static let source = """
    contract t.feed version 1

    struct PageRequest {
      1 limit: Int32
    }

    struct OrderPage {
      1 ids: [String]
    }

    struct ShipmentNotice {
      1 orderId: String
    }

    error Gone code 410 {
      1 id: String
    }

    service Feed {
      stream exportOrders(PageRequest) -> OrderPage throws Gone
      stream numbers() -> Int64
      event orderShipped(ShipmentNotice)
      event ticked()
      rpc transport(PageRequest) -> ()
      event register(ShipmentNotice)
    }
    """

  /// The snippets of the service's methods, by method name.
  static func snippets() throws -> [String: String] {
    let (site, _) = DocGenerator.translate(DocGenFixtures.load(["t.ipc": source]), options: DocOptions())
    let service = try #require(site.contracts.first?.services.first)
    return Dictionary(uniqueKeysWithValues: service.methods.map { ($0.header.name, $0.swiftSnippet) })
  }

  @Test func streamsAreIteratedAndTheirErrorsCaught() throws {
    let snippets = try Self.snippets()
    let export = try #require(snippets["exportOrders"])
    #expect(export.contains("let client = TFeed.FeedClient(connection)"))
    #expect(
      export.contains("  for try await page in try await client.exportOrders(TFeed.PageRequest(limit: "))
    #expect(export.contains("    print(page)"))
    #expect(export.contains("} catch let error as TFeed.Gone {"))
    #expect(!export.contains("not generated"))
    let numbers = try #require(snippets["numbers"])
    #expect(numbers.contains("for try await item in try await client.numbers() {"))
  }

  @Test func eventsSubscribeAndPublishThroughAGateway() throws {
    let snippets = try Self.snippets()
    let shipped = try #require(snippets["orderShipped"])
    #expect(shipped.hasPrefix("let gateway = try await GatewayClient.connect(to: endpoint)"))
    #expect(shipped.contains("let client = TFeed.FeedClient(gateway)"))
    #expect(shipped.contains("for await notice in try await client.orderShipped.subscribe() {"))
    #expect(shipped.contains("try await client.orderShipped.publish(TFeed.ShipmentNotice(orderId: "))
    let ticked = try #require(snippets["ticked"])
    #expect(ticked.contains("for await _ in try await client.ticked.subscribe() {"))
    #expect(ticked.contains("try await client.ticked.publish(())"))
  }

  @Test func methodsNamedLikeClientMembersUseTheGeneratorsName() throws {
    let snippets = try Self.snippets()
    #expect(try #require(snippets["transport"]).contains("try await client.transport_(TFeed.PageRequest("))
    #expect(try #require(snippets["register"]).contains("try await client.register_.subscribe()"))
  }

  /// A contract whose own declarations take the names of generated service types.
  static let takenNames = """
    contract t.taken version 1

    struct ShopClient {
      1 id: String
    }

    error ShopHandler code 409 {
      1 id: String
    }

    service Shop {
      rpc find(ShopClient) -> ShopClient throws ShopHandler
    }
    """

  /// The snippet of `t.taken`'s `find` and the Swift the generator emits, with `generator` options.
  static func snippetAndCode(_ generator: SwiftGeneratorOptions) throws -> (snippet: String, code: String) {
    let contracts = DocGenFixtures.load(["taken.ipc": takenNames])
    let (site, _) = DocGenerator.translate(contracts, options: DocOptions(generator: generator))
    let method = try #require(site.contracts.first?.services.first?.methods.first)
    let code = try #require(SwiftGenerator.generate(contracts, options: generator).first).contents
    return (method.swiftSnippet, code)
  }

  @Test func theTypePrefixOfTheConfigurationIsUsed() throws {
    let (snippet, code) = try Self.snippetAndCode(SwiftGeneratorOptions(typePrefix: "Acme"))
    #expect(code.contains("enum AcmeTTaken {"))
    #expect(snippet.contains("let client = AcmeTTaken.ShopClient_(connection)"), "\(snippet)")
    #expect(snippet.contains("try await client.find(AcmeTTaken.ShopClient(id: "), "\(snippet)")
    #expect(snippet.contains("} catch let error as AcmeTTaken.ShopHandler {"), "\(snippet)")
    #expect(!snippet.contains(" TTaken."))
  }

  /// The generator renames a service type whose name the contract already uses (`ShopClient_`);
  /// the snippet names exactly the client type the generated code declares.
  @Test func aTakenClientNameGetsTheGeneratorsRename() throws {
    let (snippet, code) = try Self.snippetAndCode(SwiftGeneratorOptions())
    #expect(code.contains("struct ShopClient_: Swift.Sendable {"), "the generator's rename")
    #expect(snippet.contains("let client = TTaken.ShopClient_(connection)"), "\(snippet)")
    #expect(snippet.contains("try await client.find(TTaken.ShopClient(id: "))
  }
}
