import ParleyDocGen
import ParleyFrontEnd
import Testing

/// The translate stage: visibility, doc links, constraint wording, back-links.
@Suite struct SiteBuilderTests {
  static let source = """
    contract t.shop version 2

    /// An order; see [Item] and [Item.sku].
    struct Order {
      1 id: String
      /// The lines, each an [Item]. Unknown: [Itme].
      2 items: [Item] @count(1...10)
      /// Only for the warehouse.
      /// @internal
      3 bin: String?
    }

    /// One line.
    struct Item {
      1 sku: String @length(1...64)
      2 quantity: Int32 @range(1...100) @since(2)
    }

    /// Back office only.
    /// @internal
    struct Audit {
      1 who: String
    }

    /// Orders.
    service Shop {
      /// Places an [Order].
      rpc place(Order) -> Item
      /// Audit trail.
      /// @internal
      rpc audit(Audit) -> ()
    }
    """

  static func build(includeInternal: Bool = false) -> (DocSite, [DocDiagnostic]) {
    DocGenerator.translate(
      DocGenFixtures.load(["t.ipc": source]), options: DocOptions(includeInternal: includeInternal))
  }

  @Test func internalElementsAreHiddenUnlessAskedFor() throws {
    let (site, _) = Self.build()
    let page = try #require(site.contracts.first)
    #expect(page.types.map(\.header.name) == ["Order", "Item"])
    #expect(page.types[0].fields.map(\.header.name) == ["id", "items"])
    #expect(page.services[0].methods.map(\.header.name) == ["place"])
    let (all, _) = Self.build(includeInternal: true)
    let full = try #require(all.contracts.first)
    #expect(full.types.map(\.header.name) == ["Order", "Item", "Audit"])
    #expect(full.types[2].header.isInternal)
    #expect(full.services[0].methods.map(\.header.name) == ["place", "audit"])
  }

  @Test func unknownDocLinksAreWarningsAtTheBracket() throws {
    let (site, diagnostics) = Self.build()
    #expect(
      diagnostics.map(\.description) == [
        "t.ipc:6:43: warning: doc link '[Itme]' names no type or member in scope; did you mean 'Item'?"
      ])
    let order = try #require(site.contracts.first?.types.first)
    #expect(
      order.header.doc.blocks == [
        .paragraph([
          .text("An order; see "), .reference("Item", target: DocLink(page: "t.shop", anchor: "Item")),
          .text(" and "), .reference("Item.sku", target: DocLink(page: "t.shop", anchor: "Item.sku")),
          .text("."),
        ])
      ])
  }

  @Test func constraintsInWordsAndBackLinks() throws {
    let (site, _) = Self.build()
    let page = try #require(site.contracts.first)
    let item = page.types[1]
    #expect(item.fields.map { $0.constraints.map(\.plain) } == [["1–64 characters"], ["1–100"]])
    #expect(item.fields[1].header.since == 2)
    #expect(item.usedBy.map(\.text) == ["Order.items", "Shop.place"])
    #expect(item.usedBy.map(\.role) == ["field", "response"])
    #expect(page.types[0].fields[1].constraints.map(\.plain) == ["1–10 items"])
    #expect(page.types[0].fields[1].presence == .required)
  }

  @Test(arguments: [
    (Constraints(range: NumericRange(lower: .integer(1), upper: .integer(100))), "1–100"),
    (Constraints(range: NumericRange(lower: .integer(0), upper: nil)), "at least 0"),
    (Constraints(range: NumericRange(lower: nil, upper: .floating(0.5))), "at most 0.5"),
    (Constraints(length: CountRange(lower: nil, upper: 64)), "at most 64 characters"),
    (Constraints(length: CountRange(lower: 1, upper: 1)), "exactly 1 character"),
    (Constraints(count: CountRange(lower: 1, upper: nil)), "at least 1 item"),
    (Constraints(pattern: "^[A-Z]{3}$"), "matches `^[A-Z]{3}$`"),
    (Constraints(format: .email), "an e-mail address"),
  ])
  func constraintWording(_ constraints: Constraints, _ expected: String) {
    #expect(ConstraintWording.describe(constraints, for: .builtin(.string)).map(\.plain) == [expected])
  }

  @Test func docCommentOfTheNextMemberIsNotInherited() throws {
    let contracts = DocGenFixtures.load([
      "t.ipc": """
      contract t.docs version 1
      struct User {
        1 id: String
        /// The display name.
        2 name: String
      }
      """
    ])
    let output = DocGenerator.generate(contracts, options: DocOptions())
    let fields = try #require(output.model.contracts.first?.types.first?.fields)
    #expect(fields.map { $0.header.doc.plainText } == ["", "The display name."])
  }
}
