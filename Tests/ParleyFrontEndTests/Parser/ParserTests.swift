import ParleyFrontEnd
import Testing

@Suite("Parser")
struct ParserTests {
  func parse(_ text: String) -> ParsedFile { FrontEnd.parse(SourceFile(path: "t.ipc", text: text)) }

  /// The example of the language spec, verbatim: it parses without a single diagnostic.
  static let specExample = """
    /// Orders between the storefront and the back office.
    contract shop.orders version 3

    import "common.ipc"            // path relative to this file; its types are usable as common.Money or Money

    /// An order id such as "ord_42".
    type OrderID = String @pattern("^ord_[a-z0-9]+$")

    /// Money in minor units.
    struct Money {
      1 amountMinor: Int64      @range(0...)
      2 currency: String        @pattern("^[A-Z]{3}$")
    }

    enum OrderStatus {
      1 pending
      2 paid
      reserved 5
    }

    union PaymentMethod {
      1 card: CardPayment
      3 voucher: String
    }

    struct Order {
      1 id: OrderID
      2 items: [LineItem]       @count(1...100)
      3 note: String?           @length(...500)
      4 status: OrderStatus = .pending
      6 labels: [String: String] = [:]
      7 giftWrap: Bool = false  @since(3)
      reserved 8, 10...12
      reserved "legacyCode"
    }

    /// The order does not exist.
    error OrderNotFound code 404 {
      1 orderId: OrderID
    }

    /// Back-office order service.
    service OrderService {
      /// Fetch one order.
      rpc getOrder(GetOrderRequest) -> Order throws OrderNotFound      @timeout(2s) @idempotent
      rpc placeOrder(PlaceOrder) -> Receipt throws OutOfStock, PaymentDeclined
      rpc health() -> ()
      oneway recordView(ViewEvent)                      // fire-and-forget: no reply, no error
      event orderShipped(ShipmentNotice)                // published by the service, received by subscribers
      stream exportOrders(ExportRequest) -> OrderPage   // server streams many OrderPage, then ends
      @deprecated("use getOrder") rpc fetchOrder(GetOrderRequest) -> Order
      @since(3) rpc cancelOrder(CancelRequest) -> Order throws OrderNotFound
    }
    """

  @Test("the spec's example parses cleanly")
  func specExampleParses() {
    let parsed = parse(Self.specExample)
    #expect(parsed.diagnostics.isEmpty)
    let syntax = parsed.syntax
    #expect(syntax.header?.name.text == "shop.orders")
    #expect(syntax.header?.version?.text == "3")
    #expect(syntax.header?.doc == "Orders between the storefront and the back office.")
    #expect(syntax.imports.map(\.path) == ["common.ipc"])
    #expect(
      syntax.declarations.map(\.name.text) == [
        "OrderID", "Money", "OrderStatus", "PaymentMethod", "Order", "OrderNotFound", "OrderService",
      ])
    let service = syntax.declarations[6]
    #expect(service.methods.map(\.kind) == [.rpc, .rpc, .rpc, .oneway, .event, .stream, .rpc, .rpc])
    #expect(service.methods[6].attributes.map(\.name.text) == ["deprecated"])
    #expect(service.methods[0].attributes.map(\.name.text) == ["timeout", "idempotent"])
    #expect(service.methods[0].doc == "Fetch one order.")
  }

  @Test("a doc comment belongs to the element after it, never to an undocumented element before it")
  func docCommentsAttachToTheFollowingElementOnly() {
    let parsed = parse(
      """
      contract a.b version 1
      struct S {
        1 plain: String
        /// Documented.
        2 documented: String
      }
      union U {
        1 first: String
        /// The second variant.
        2 second: Int32
      }
      /// The enum.
      enum E {
        1 one
      }
      """)
    #expect(parsed.diagnostics.isEmpty)
    let declarations = parsed.syntax.declarations
    #expect(declarations[0].doc == nil)
    #expect(declarations[0].members.map(\.doc) == [nil, "Documented."])
    #expect(declarations[1].doc == nil)
    #expect(declarations[1].members.map(\.doc) == [nil, "The second variant."])
    #expect(declarations[2].doc == "The enum.")
  }

  @Test("an attribute on its own line belongs to the next member; on the same line, to the previous one")
  func attributePlacement() {
    let parsed = parse(
      """
      contract a.b version 1
      struct S {
        1 a: String @length(1...2)
        @deprecated
        2 b: String
      }
      """)
    #expect(parsed.diagnostics.isEmpty)
    let members = parsed.syntax.declarations[0].members
    #expect(members[0].attributes.map(\.name.text) == ["length"])
    #expect(members[1].attributes.map(\.name.text) == ["deprecated"])
  }

  @Test("each member starts on its own line; a closing brace may follow the last one on its line")
  func oneMemberPerLine() {
    let parsed = parse(
      """
      contract a.b version 1
      struct S { 1 a: Int32 }
      struct T {
        1 a: Int32 2 b: Int32
        3 c: Int32 @range(0...) reserved 4
      }
      enum E { 1 one 2 two }
      """)
    #expect(
      parsed.diagnostics.map(\.description) == [
        "t.ipc:4:14: error: expected a line break after the member, found '2'; put each member on its own line",
        "t.ipc:5:27: error: expected a line break after the member, found 'reserved'; put each member on its own line",
        "t.ipc:7:16: error: expected a line break after the member, found '2'; put each member on its own line",
      ])
    #expect(parsed.syntax.declarations[0].members.map(\.name.text) == ["a"])
    #expect(parsed.syntax.declarations[1].members.map(\.name.text) == ["a", "c"])
  }

  @Test("after an error the parser resumes at the next line and reports each broken line once")
  func recovery() {
    let parsed = parse(
      """
      contract a.b version 1
      struct S {
        1 a: ]]] ]]]
        2 b String
        3 c: Int32
      }
      struct T {
        1 d: S
      }
      """)
    #expect(parsed.diagnostics.count == 2)
    #expect(parsed.syntax.declarations.map(\.name.text) == ["S", "T"])
    #expect(parsed.syntax.declarations[0].members.map(\.name.text) == ["a", "b", "c"])
  }

  @Test("a missing '}' is reported and the next declaration still parses")
  func missingBrace() {
    let parsed = parse("contract a.b version 1\nstruct S {\n  1 a: Int32\nstruct T {\n  1 b: S\n}\n")
    #expect(parsed.diagnostics.map(\.message) == ["expected '}' to close struct 'S' opened at t.ipc:2:10"])
    #expect(parsed.syntax.declarations.map(\.name.text) == ["S", "T"])
  }

  @Test("type nesting is limited")
  func nestingLimit() {
    let deep = String(repeating: "[", count: 33) + "Int32" + String(repeating: "]", count: 33)
    let ok = String(repeating: "[", count: 32) + "Int32" + String(repeating: "]", count: 32)
    #expect(parse("contract a.b version 1\nstruct S {\n  1 a: \(ok)\n}").diagnostics.isEmpty)
    #expect(
      parse("contract a.b version 1\nstruct S {\n  1 a: \(deep)\n}").diagnostics.map(\.kind) == [
        .nestingTooDeep
      ])
  }

  @Test("a file with many errors stops after a hundred")
  func tooManyErrors() {
    let text = "contract a.b version 1\nstruct S {\n" + String(repeating: "junk\n", count: 300) + "}"
    let diagnostics = parse(text).diagnostics
    #expect(diagnostics.count == 101)
    #expect(diagnostics.last?.kind == .tooManyErrors)
  }

  @Test("literals and ranges in attributes and defaults")
  func literals() {
    let parsed = parse(
      "contract a.b version 1\nstruct S {\n  1 a: Int32 = -5 @range(-10...) @x(...3, \"s\", .c, nil, [], [:], true, id)\n}"
    )
    #expect(parsed.diagnostics.isEmpty)
    let member = parsed.syntax.declarations[0].members[0]
    guard case .number(let number) = member.defaultValue else {
      Issue.record("default is not a number")
      return
    }
    #expect(number.isNegative && number.text == "5")
    #expect(member.attributes[1].arguments?.count == 8)
  }
}
