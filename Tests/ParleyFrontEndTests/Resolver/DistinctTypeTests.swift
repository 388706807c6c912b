import ParleyFrontEnd
import Testing

@Suite("Distinct types")
struct DistinctTypeTests {
  static let source = """
    contract d.t version 1
    type Percent = UInt8 @range(0...100)
    type Code = String @length(1...8) @format(uuid) @deprecated
    struct S {
      1 a: Percent = 50 @range(10...90)
      2 b: Code? @pattern("^[A-Z]+$")
      3 byCode: [Code: Percent]
    }
    """

  @Test("a field of a distinct type keeps its own constraints; the type's constraints stay on the type")
  func composition() throws {
    let result = FrontEnd.load(sources: ["d.ipc": Self.source])
    #expect(result.diagnostics.isEmpty)
    let contract = try #require(result.contracts.contract(named: "d.t"))
    guard case .struct(let s) = contract.declaration(named: "S"),
      case .distinctType(let percent) = contract.declaration(named: "Percent")
    else {
      Issue.record("missing declarations")
      return
    }
    #expect(percent.constraints.range == NumericRange(lower: .integer(0), upper: .integer(100)))
    #expect(s.fields[0].constraints.range == NumericRange(lower: .integer(10), upper: .integer(90)))
    #expect(s.fields[0].defaultValue == .integer(50))
    #expect(s.fields[1].constraints.pattern == "^[A-Z]+$")
    guard case .distinctType(let code) = contract.declaration(named: "Code") else { return }
    #expect(code.availability.isDeprecated && code.constraints.format == .uuid)
  }

  @Test("defaults must satisfy both the field's and the distinct type's constraints")
  func defaultsCheckBoth() {
    let text = """
      contract d.t version 1
      type Percent = UInt8 @range(0...100)
      struct S {
        1 a: Percent = 200
        2 b: Percent = 5 @range(10...)
      }
      """
    #expect(
      TestSupport.rendered(text) == [
        "test.ipc:4:18: error: default value 200 is outside '@range(0...100)'",
        "test.ipc:5:18: error: default value 5 is outside '@range(10...)'",
      ])
  }

  @Test("field constraints are checked against the underlying type")
  func underlyingType() {
    let text = "contract d.t version 1\ntype Code = String\nstruct S {\n  1 a: Code @range(1...2)\n}"
    #expect(
      TestSupport.rendered(text) == ["test.ipc:4:13: error: '@range' applies to numbers, not to 'Code'"])
  }
}
