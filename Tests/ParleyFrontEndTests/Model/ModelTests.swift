import ParleyFrontEnd
import Testing

@Suite("Resolved model")
struct ModelTests {
  static func showcase() throws -> Contract {
    let result = TestSupport.loadExamples()
    return try #require(result.contracts.contract(named: "parley.showcase"))
  }

  static func structNamed(_ name: String, in contract: Contract) throws -> StructDeclaration {
    guard case .struct(let declaration) = contract.declaration(named: name) else {
      throw ModelError.missing(name)
    }
    return declaration
  }

  enum ModelError: Error { case missing(String) }

  @Test("defaults are typed literals")
  func defaults() throws {
    let scalars = try Self.structNamed("Scalars", in: Self.showcase())
    let defaults = scalars.fields.map(\.defaultValue)
    #expect(
      defaults == [
        .bool(true), .integer(-8), .integer(16), .integer(32), .integer(9_000_000_000), .integer(64),
        .integer(255),
        .integer(65535), .integer(4_294_967_295), .integer(18_446_744_073_709_551_615), .floating(1.5),
        .floating(-2500), .string("line\n\"quoted\" 😀"), nil, nil, .duration(milliseconds: 1500),
        .string("123e4567-e89b-12d3-a456-426614174000"),
      ])
    let collections = try Self.structNamed("Collections", in: Self.showcase())
    #expect(collections.fields.map(\.defaultValue).prefix(3) == [.emptyList, nil, .emptyMap])
    #expect(collections.field(named: "maybeList")?.defaultValue == .null)
    #expect(
      try Self.structNamed("Node", in: Self.showcase()).field(named: "color")?.defaultValue
        == .enumCase("green"))
  }

  @Test("constraints are parsed into typed values")
  func constraints() throws {
    let showcase = try Self.showcase()
    let scalars = try Self.structNamed("Scalars", in: showcase)
    #expect(
      scalars.field(named: "medium")?.constraints.range
        == NumericRange(lower: .integer(-1000), upper: .integer(1000)))
    #expect(
      scalars.field(named: "double")?.constraints.range
        == NumericRange(lower: .floating(-1e6), upper: .floating(1e6)))
    #expect(scalars.field(named: "blob")?.constraints.length == CountRange(lower: nil, upper: 1024))
    let collections = try Self.structNamed("Collections", in: showcase)
    #expect(collections.field(named: "names")?.constraints.count == CountRange(lower: nil, upper: 10))
    #expect(collections.field(named: "email")?.constraints.format == .email)
    guard case .distinctType(let slug) = showcase.declaration(named: "Slug") else {
      Issue.record("no Slug")
      return
    }
    #expect(slug.underlying == .string)
    #expect(slug.constraints.pattern == "^[a-z0-9-]+$")
    #expect(slug.constraints.length == CountRange(lower: 1, upper: 40))
    guard case .distinctType(let old) = showcase.declaration(named: "OldSlug") else { return }
    #expect(old.availability == Availability(deprecation: Deprecation(reason: "use Slug"), since: 2))
  }

  @Test("methods carry kind, payloads, errors, timeout and idempotency")
  func methods() throws {
    let showcase = try Self.showcase()
    let service = try #require(showcase.services.first)
    #expect(service.methods.map(\.kind) == [.rpc, .rpc, .oneway, .event, .stream, .rpc, .rpc])
    let ping = service.methods[0]
    #expect(ping.request == nil && ping.response == nil)
    let transfer = service.methods[1]
    #expect(transfer.timeoutMilliseconds == 2000 && transfer.isIdempotent)
    #expect(transfer.errors.map(\.name) == ["Overdrawn", "Teapot", "PermissionDenied"])
    #expect(transfer.errors.last?.contract == "shop.common")
    #expect(service.methods[4].timeoutMilliseconds == 60_000)
    #expect(service.methods[6].timeoutMilliseconds == 3_600_000)
    #expect(service.methods[5].availability.deprecation?.reason == "use transfer")
    #expect(service.methods[3].response == nil)
  }

  @Test("doc comments reach every kind of node")
  func docs() throws {
    let showcase = try Self.showcase()
    #expect(
      showcase.doc
        == "Uses every construct of the contract language once; the test suites compile it.\nDoc comments may span several lines."
    )
    guard case .enum(let color) = showcase.declaration(named: "Color"),
      case .union(let shape) = showcase.declaration(named: "Shape"),
      case .error(let teapot) = showcase.declaration(named: "Teapot")
    else {
      Issue.record("missing declarations")
      return
    }
    #expect(color.doc == "An open enum; cases can be deprecated, documented and reserved.")
    #expect(color.cases[0].doc == "The default colour.")
    #expect(color.cases[3].availability.deprecation?.reason == "use blue")
    #expect(color.reserved.numbers.map(\.range) == [5...5, 7...9])
    #expect(shape.variants[2].doc == "A plain number.")
    #expect(teapot.code == 418 && teapot.fields.isEmpty)
    #expect(showcase.services[0].methods[0].doc == "Request/response; `()` means no payload.")
    let scalars = try Self.structNamed("Scalars", in: showcase)
    #expect(scalars.fields[0].doc == nil)
  }

  @Test("every node carries its location")
  func locations() throws {
    let showcase = try Self.showcase()
    let node = try Self.structNamed("Node", in: showcase)
    #expect(node.location.path.hasSuffix("Contracts/showcase/showcase.ipc"))
    let children = try #require(node.field(named: "children"))
    #expect(children.location.line == node.location.line + 2)
    #expect(
      children.location.column == 3 && children.nameLocation.column == 5 && children.typeLocation.column == 15
    )
  }

  @Test("cross references: which types a type uses, which methods use a type")
  func crossReferences() throws {
    let set = TestSupport.loadExamples().contracts
    let index = CrossReferences(set)
    let money = DeclarationReference(contract: "shop.common", name: "Money")
    let users = Set(index.usages(of: money).map(\.user.description))
    #expect(users.contains("shop.orders.LineItem") && users.contains("parley.showcase.Overdrawn"))
    let methods = index.methods(using: money).map { "\($0.user.name).\($0.member)" }
    #expect(methods.contains("Showcase.transfer"))
    let order = try #require(set.declaration(DeclarationReference(contract: "shop.orders", name: "Order")))
    #expect(
      order.referencedDeclarations.map(\.name) == [
        "OrderID", "UserID", "LineItem", "OrderStatus", "PaymentMethod",
      ])
  }

  @Test("type references describe themselves fully qualified")
  func typeDescriptions() {
    let type = TypeReference.optional(
      .map(key: .builtin(.string), value: .list(.named(DeclarationReference(contract: "a.b", name: "C")))))
    #expect(type.description == "[String: [a.b.C]]?")
  }
}
