import ParleyFrontEnd
import Testing

@Suite("Name lookup and imports")
struct NameLookupTests {
  static let files: [String: String] = [
    "shop/common/money.ipc":
      "contract shop.common version 1\nstruct Money {\n  1 cents: Int64\n}\nenum Currency {\n  1 eur\n}",
    "shop/orders.ipc": """
    contract shop.orders version 1
    import "common/money.ipc"
    struct Order {
      1 a: Money
      2 b: common.Money
      3 c: shop.common.Money
      4 d: [Currency: Money]
      5 e: Local
      6 f: orders.Local
    }
    struct Local {
      1 x: Int32
    }
    """,
  ]

  @Test("imported types resolve unqualified, by the last name segment and by the full name")
  func qualifiedForms() throws {
    let result = FrontEnd.load(paths: ["shop/orders.ipc"], fileSystem: InMemoryFileSystem(Self.files))
    #expect(result.diagnostics.isEmpty)
    let orders = try #require(result.contracts.contract(named: "shop.orders"))
    let money = TypeReference.named(DeclarationReference(contract: "shop.common", name: "Money"))
    guard case .struct(let order) = orders.declaration(named: "Order") else {
      Issue.record("no Order")
      return
    }
    #expect(order.fields.prefix(3).map(\.type) == [money, money, money])
    #expect(
      order.fields[3].type
        == .map(key: .named(DeclarationReference(contract: "shop.common", name: "Currency")), value: money))
    #expect(order.fields[4].type == order.fields[5].type)
    #expect(orders.imports.map(\.resolvedPath) == ["shop/common/money.ipc"])
    #expect(orders.imports.first?.contract == "shop.common")
  }

  @Test("imported files are loaded but marked as not requested")
  func requested() throws {
    let result = FrontEnd.load(paths: ["shop/orders.ipc"], fileSystem: InMemoryFileSystem(Self.files))
    #expect(result.contracts.contracts.map(\.path) == ["shop/common/money.ipc", "shop/orders.ipc"])
    #expect(result.contracts.requestedContracts.map(\.name) == ["shop.orders"])
  }

  @Test("relative paths follow the root option")
  func relativePaths() {
    let result = FrontEnd.load(
      paths: ["./shop/../shop/orders.ipc"], fileSystem: InMemoryFileSystem(Self.files),
      options: FrontEnd.Options(root: "shop"))
    #expect(result.contracts.contracts.map(\.relativePath) == ["common/money.ipc", "orders.ipc"])
  }

  @Test("a type of the file's own contract wins over an imported one")
  func ownTypeWins() throws {
    let result = FrontEnd.load(sources: [
      "a.ipc":
        "contract x.a version 1\nimport \"b.ipc\"\nstruct T {\n  1 t: Int32\n}\nstruct U {\n  1 t: T\n}",
      "b.ipc": "contract x.b version 1\nstruct T {\n  1 t: String\n}",
    ])
    #expect(result.diagnostics.isEmpty)
    guard case .struct(let u) = result.contracts.contract(named: "x.a")?.declaration(named: "U") else {
      Issue.record("no U")
      return
    }
    #expect(u.fields[0].type == .named(DeclarationReference(contract: "x.a", name: "T")))
  }

  @Test("a name declared by two imports is ambiguous; qualifying it resolves it")
  func ambiguity() {
    let sources = [
      "m.ipc":
        "contract m version 1\nimport \"a.ipc\"\nimport \"b.ipc\"\nstruct S {\n  1 x: T\n  2 y: a.T\n}",
      "a.ipc": "contract a version 1\nstruct T {\n}", "b.ipc": "contract b version 1\nstruct T {\n}",
    ]
    #expect(
      TestSupport.rendered(sources) == [
        "m.ipc:5:8: error: 'T' is ambiguous: it is declared in 'a' and 'b' (a.ipc:2:8, b.ipc:2:8); qualify it as 'a.T' or 'b.T'"
      ])
  }

  @Test("imports are not transitive")
  func notTransitive() {
    let sources = [
      "a.ipc": "contract a version 1\nimport \"b.ipc\"\nstruct S {\n  1 x: C\n}",
      "b.ipc": "contract b version 1\nimport \"c.ipc\"", "c.ipc": "contract c version 1\nstruct C {\n}",
    ]
    #expect(
      TestSupport.rendered(sources) == [
        #"a.ipc:4:8: error: unknown type 'C'; 'C' is declared in 'c'; add import "c.ipc""#
      ])
  }

  @Test("a relative import climbs out of the importing file's folder")
  func parentImport() {
    let files = [
      "x/a.ipc": "contract x.a version 1\nimport \"../y/b.ipc\"\nstruct S {\n  1 t: T\n}",
      "y/b.ipc": "contract y.b version 1\nstruct T {\n}",
    ]
    let result = FrontEnd.load(paths: ["x/a.ipc"], fileSystem: InMemoryFileSystem(files))
    #expect(result.diagnostics.isEmpty)
  }
}
