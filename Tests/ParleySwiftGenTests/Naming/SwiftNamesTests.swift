import ParleyFrontEnd
import Testing

@testable import ParleySwiftGen

@Suite("Naming")
struct SwiftNamesTests {
  @Test(
    "case conversion",
    arguments: [
      ("order_status", "OrderStatus", "orderStatus"), ("shop.orders", "ShopOrders", "shopOrders"),
      ("amountMinor", "AmountMinor", "amountMinor"), ("URL", "URL", "url"), ("last4", "Last4", "last4"),
      ("4ever", "_4ever", "_4ever"), ("Pending", "Pending", "pending"),
    ])
  func caseConversion(_ raw: String, _ upper: String, _ lower: String) {
    #expect(SwiftNames.upperCamelCase(raw) == upper)
    #expect(SwiftNames.lowerCamelCase(raw) == lower)
  }

  @Test("keywords are escaped or renamed")
  func escaping() {
    #expect(SwiftNames.escaped("default") == "`default`")
    #expect(SwiftNames.escaped("class") == "`class`")
    #expect(SwiftNames.escaped("self") == "self_")
    #expect(SwiftNames.escaped("Type") == "Type_")
    #expect(SwiftNames.escaped("name") == "name")
    #expect(SwiftNames.bare("`default`") == "default")
  }

  @Test("string literals are escaped")
  func literals() {
    #expect(SwiftNames.stringLiteral("a\"b\\c\nd\u{1}") == #""a\"b\\c\nd\u{1}""#)
  }

  @Test("collisions get a suffix; reserved member names are avoided")
  func collisions() {
    var namer = UniqueNamer(reserved: ["validate"])
    #expect(namer.claim("validate") == "validate_")
    #expect(namer.claim("name") == "name")
    #expect(namer.claim("name") == "name_")
    #expect(namer.claim("name") == "name_2")
    #expect(
      NameTable.caseNames(["unknown", "Unknown", "low"]) == [
        "unknown": "unknown_", "Unknown": "unknown_2", "low": "low",
      ])
  }

  @Test("namespaces per contract; module names and deprecated types are renamed")
  func namespaces() throws {
    let result = FrontEnd.load(sources: [
      "a.ipc":
        "contract shop.orders version 1\nstruct Swift {\n  1 x: Int32\n}\n@deprecated(\"old\") struct Old {\n  1 x: Int32\n}\n",
      "b.ipc": "contract shop.users version 1\nstruct Swift {\n  1 y: Int32\n}\n",
    ])
    #expect(!result.hasErrors)
    let names = NameTable(result.contracts, options: SwiftGeneratorOptions(typePrefix: "My"))
    #expect(
      names.qualified(DeclarationReference(contract: "shop.orders", name: "Swift")) == "MyShopOrders.Swift_")
    #expect(
      names.qualified(DeclarationReference(contract: "shop.users", name: "Swift")) == "MyShopUsers.Swift_")
    let old = names.names(of: DeclarationReference(contract: "shop.orders", name: "Old"))
    #expect(old.concrete == "_Old")
    #expect(old.visible == "Old")
  }
}
