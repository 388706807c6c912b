import ParleyDocGen
import ParleyFrontEnd
import Testing

/// The constraint rules over the model: what a receiver accepts.
@Suite struct ExampleValidatorTests {
  static let contracts = DocGenFixtures.load([
    "t.ipc": """
    contract t.rules version 1
    type Code = String @pattern("^[A-Z]{3}$")
    enum Color {
      1 red
      2 green
    }
    union Shape {
      1 circle: Double
      2 label: String @length(1...3)
    }
    struct Box {
      1 code: Code
      2 size: Int32 @range(1...10)
      3 tags: [String] = [] @count(...2)
      4 note: String? @length(...5)
      5 color: Color = .red
      6 shape: Shape?
      7 mail: String? @format(email)
      8 blob: Bytes? @length(2...2)
      9 at: Timestamp?
      10 wait: Duration?
      11 id: UUID?
    }
    """
  ])
  static let box = TypeReference.named(DeclarationReference(contract: "t.rules", name: "Box"))
  let validator = ExampleValidator(Self.contracts)

  func problems(_ members: [(key: String, value: JSONValue)]) -> [String] {
    let base: [(key: String, value: JSONValue)] = [("code", .string("ABC")), ("size", .integer(5))]
    let kept = base.filter { entry in !members.contains { $0.key == entry.key } }
    return validator.violations(of: .object(kept + members), as: Self.box)
  }

  @Test func acceptsAValidBox() {
    #expect(problems([]) == [])
    #expect(
      problems([
        ("tags", .array([.string("a")])), ("note", .string("short")), ("color", .string("green")),
        ("shape", .object([("type", .string("label")), ("value", .string("abc"))])),
        ("mail", .string("ada@example.com")), ("blob", .string("AQI=")),
        ("at", .string("2026-01-15T09:30:00Z")),
        ("wait", .string("1.5s")), ("id", .string("3f2504e0-4f89-41d3-9a0c-0305e82c3301")),
      ]) == [])
  }

  @Test(arguments: [
    ("size", JSONValue.integer(11), "$.size: above 1–10"),
    ("size", JSONValue.string("x"), "$.size: expected an integer"),
    (
      "tags", JSONValue.array([.string("a"), .string("b"), .string("c")]),
      "$.tags: 3 items, expected at most 2 items"
    ),
    ("note", JSONValue.string("toolong"), "$.note: 7 characters, expected at most 5 characters"),
    ("color", JSONValue.string("blue"), "$.color: 'blue' is not a case of Color"),
    ("mail", JSONValue.string("nope"), "$.mail: not an e-mail address"),
    ("blob", JSONValue.string("AQID"), "$.blob: 3 bytes, expected exactly 2 bytes"),
    ("at", JSONValue.string("yesterday"), "$.at: expected an RFC 3339 timestamp"),
    ("wait", JSONValue.integer(3), "$.wait: expected a duration such as \"1.5s\""),
    ("id", JSONValue.string("x"), "$.id: expected a UUID"),
    ("extra", JSONValue.bool(true), "$: unknown key 'extra'"),
  ])
  func reportsEachBrokenRule(key: String, value: JSONValue, expected: String) {
    #expect(problems([(key, value)]) == [expected])
  }

  @Test func reportsPatternsMissingFieldsAndUnionProblems() {
    #expect(
      validator.violations(of: .object([("code", .string("abc"))]), as: Self.box) == [
        "$.code: \"abc\" does not match ^[A-Z]{3}$", "$: missing required field 'size'",
      ])
    #expect(
      problems([("shape", .object([("type", .string("label")), ("value", .string(""))]))]) == [
        "$.shape.value: 0 characters, expected 1–3 characters"
      ])
    #expect(
      problems([("shape", .object([("type", .string("square"))]))]) == [
        "$.shape: 'square' is not a variant of Shape"
      ])
  }
}
