import ParleyFrontEnd
import Testing

/// One check of the list: a small contract and the one diagnostic it must produce.
struct CheckCase: CustomTestStringConvertible, Sendable {
  var name: String
  var body: String
  var kind: DiagnosticKind
  var expected: String

  var testDescription: String { name }
}

@Suite("Checks")
struct CheckTests {
  static let header = "contract check.test version 2\n"

  static let cases: [CheckCase] = [
    CheckCase(
      name: "unknown type with a suggestion",
      body: "struct Order {\n  1 a: String\n}\nstruct B {\n  1 o: Ordr\n}",
      kind: .unknownType, expected: "test.ipc:6:8: error: unknown type 'Ordr'; did you mean 'Order'?"),
    CheckCase(
      name: "duplicate declaration", body: "struct A {\n}\nenum A {\n  1 x\n}", kind: .duplicateDeclaration,
      expected:
        "test.ipc:4:6: error: 'A' is already declared as a struct in this contract (test.ipc:2:8); rename one of them"
    ),
    CheckCase(
      name: "duplicate field name", body: "struct A {\n  1 a: String\n  2 a: String\n}",
      kind: .duplicateMember,
      expected: "test.ipc:4:5: error: field 'a' is already declared in 'A' (test.ipc:3:5); rename one of them"
    ),
    CheckCase(
      name: "duplicate case name", body: "enum E {\n  1 a\n  2 a\n}", kind: .duplicateMember,
      expected: "test.ipc:4:5: error: case 'a' is already declared in 'E' (test.ipc:3:5); rename one of them"),
    CheckCase(
      name: "duplicate method name", body: "service S {\n  rpc m() -> ()\n  event m()\n}",
      kind: .duplicateMember,
      expected:
        "test.ipc:4:9: error: method 'm' is already declared in 'S' (test.ipc:3:7); rename one of them"),
    CheckCase(
      name: "duplicate field number", body: "struct A {\n  3 note: String\n  3 b: String\n}",
      kind: .duplicateNumber,
      expected: "test.ipc:4:3: error: field number 3 is already used by 'note' (test.ipc:3:3)"),
    CheckCase(
      name: "duplicate case number", body: "enum E {\n  1 a\n  1 b\n}", kind: .duplicateNumber,
      expected: "test.ipc:4:3: error: case number 1 is already used by 'a' (test.ipc:3:3)"),
    CheckCase(
      name: "duplicate variant number", body: "union U {\n  1 a: String\n  1 b: Int32\n}",
      kind: .duplicateNumber,
      expected: "test.ipc:4:3: error: variant number 1 is already used by 'a' (test.ipc:3:3)"),
    CheckCase(
      name: "duplicate error code", body: "error A code 7\nerror B code 7", kind: .duplicateErrorCode,
      expected:
        "test.ipc:3:14: error: error code 7 is already used by 'A' (test.ipc:2:14); give each error of a contract its own code"
    ),
    CheckCase(
      name: "reserved number used", body: "struct A {\n  2 a: String\n  reserved 1...3\n}",
      kind: .reservedNumberUsed,
      expected:
        "test.ipc:3:3: error: field number 2 is reserved (test.ipc:4:12); use a number that was never used; reserved numbers stay retired"
    ),
    CheckCase(
      name: "reserved name used", body: "enum E {\n  1 old\n  reserved \"old\"\n}", kind: .reservedNameUsed,
      expected:
        "test.ipc:3:5: error: case name 'old' is reserved (test.ipc:4:12); choose a name that was never used"),
    CheckCase(
      name: "field number out of range", body: "struct A {\n  536870912 a: String\n}",
      kind: .numberOutOfRange,
      expected: "test.ipc:3:3: error: field number 536870912 is out of range; numbers are 1…536870911"),
    CheckCase(
      name: "error code out of range", body: "error A code 0", kind: .errorCodeOutOfRange,
      expected: "test.ipc:2:14: error: error code 0 is out of range; codes are 1…2147483647"),
    CheckCase(
      name: "attribute on the wrong kind of type", body: "struct A {\n  1 n: Int32 @pattern(\"x\")\n}",
      kind: .misplacedAttribute,
      expected: "test.ipc:3:14: error: '@pattern' applies to String values, not to 'Int32'"),
    CheckCase(
      name: "attribute on the wrong kind of member", body: "enum E {\n  1 a @timeout(1s)\n}",
      kind: .misplacedAttribute,
      expected:
        "test.ipc:3:7: error: '@timeout' cannot be attached to an enum case; it applies to rpc and stream methods"
    ),
    CheckCase(
      name: "unknown attribute", body: "struct A {\n  1 a: String @lenght(1...2)\n}", kind: .unknownAttribute,
      expected: "test.ipc:3:15: error: unknown attribute '@lenght'; did you mean '@length'?"),
    CheckCase(
      name: "inverted range", body: "struct A {\n  1 a: Int32 @range(5...1)\n}", kind: .emptyRange,
      expected:
        "test.ipc:3:21: error: range 5...1 is empty: its lower bound is above its upper bound; swap the bounds"
    ),
    CheckCase(
      name: "range without bounds", body: "struct A {\n  1 a: [String] @count(...)\n}", kind: .emptyRange,
      expected: "test.ipc:3:24: error: '@count(...)' needs at least one bound; write e.g. 1...64"),
    CheckCase(
      name: "invalid regular expression", body: "type T = String @pattern(\"[a-\")", kind: .invalidPattern,
      expected: "test.ipc:2:26: error: invalid regular expression in '@pattern': expected ']'"),
    CheckCase(
      name: "@since above the contract version", body: "struct A {\n  1 a: String @since(3)\n}",
      kind: .sinceAboveVersion,
      expected:
        "test.ipc:3:22: error: '@since(3)' is above the contract version 2; raise the contract version to 3 or lower '@since'"
    ),
    CheckCase(
      name: "default of the wrong type", body: "struct A {\n  1 a: Int32 = \"x\"\n}", kind: .invalidDefault,
      expected: "test.ipc:3:16: error: default value \"x\" does not fit type 'Int32'; expected an integer"),
    CheckCase(
      name: "default that is not a case of the enum",
      body: "enum E {\n  1 a\n}\nstruct A {\n  1 e: E = .b\n}",
      kind: .unknownEnumCase, expected: "test.ipc:6:12: error: 'E' has no case 'b' (test.ipc:2:6)"),
    CheckCase(
      name: "map key type not allowed", body: "struct A {\n  1 m: [Double: String]\n}", kind: .invalidMapKey,
      expected:
        "test.ipc:3:9: error: 'Double' cannot be a map key; use String, an integer type, UUID, an enum or a distinct type of those"
    ),
    CheckCase(
      name: "struct containing itself", body: "struct A {\n  1 a: A\n}", kind: .recursiveStruct,
      expected:
        "test.ipc:3:8: error: struct 'A' contains itself through required fields (A.a), so no value of it can exist (test.ipc:2:8); make one of these fields optional, or a list"
    ),
    CheckCase(
      name: "throws naming a non-error", body: "struct A {\n}\nservice S {\n  rpc m() -> () throws A\n}",
      kind: .throwsNonError,
      expected:
        "test.ipc:5:24: error: 'A' is a struct, not an error (test.ipc:2:8); 'throws' lists error declarations"
    ),
    CheckCase(
      name: "missing import file", body: "import \"nope.ipc\"", kind: .missingImport,
      expected:
        "test.ipc:2:8: error: cannot find imported file 'nope.ipc' (looked for nope.ipc); import paths are relative to the importing file"
    ),
  ]

  @Test("each check reports exactly its diagnostic", arguments: cases)
  func check(_ testCase: CheckCase) {
    let diagnostics = FrontEnd.load(sources: ["test.ipc": Self.header + testCase.body]).diagnostics
    #expect(diagnostics.map(\.description) == [testCase.expected])
    #expect(diagnostics.map(\.kind) == [testCase.kind])
  }

  @Test("an out-of-range @since under an out-of-range contract version is a diagnostic, not a crash")
  func sinceBeyondEveryVersion() {
    let text = "contract a.b version 4294967296\nstruct A {\n  1 a: String @since(9223372036854775808)\n}"
    let diagnostics = FrontEnd.load(sources: ["test.ipc": text]).diagnostics
    #expect(
      diagnostics.map(\.description) == [
        "test.ipc:1:22: error: contract version '4294967296' must be a positive integer (1…2147483647)",
        "test.ipc:3:22: error: '@since(9223372036854775808)' is above the largest contract version, 2147483647",
      ])
  }

  @Test("a struct may reach itself through a union, even when every variant leads back")
  func recursionThroughAUnionIsAllowed() {
    let text = """
      contract check.unions version 1
      struct Tree {
        1 node: Node
      }
      union Node {
        1 leaf: Int32
        2 branch: Tree
      }
      struct Loop {
        1 only: Back
      }
      union Back {
        1 loop: Loop
      }
      """
    let result = FrontEnd.load(sources: ["unions.ipc": text])
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
  }

  @Test("Swift keywords are legal names everywhere")
  func keywordsAreLegal() {
    let text = """
      contract check.keywords version 1
      struct class {
        1 default: String
        2 protocol: Int32
        3 self: Bool
        4 Type: String
        5 func: [String]
      }
      enum protocol {
        1 case
        2 default
        3 where
      }
      union Self {
        1 init: class
        2 deinit: protocol
      }
      error throws code 1 {
        1 try: String
      }
      service extension {
        rpc return(class) -> Self throws throws
        event import(protocol)
        oneway struct(class)
        stream enum(class) -> class
      }
      """
    let result = FrontEnd.load(sources: ["k.ipc": text])
    #expect(result.diagnostics.isEmpty)
    #expect(result.contracts.contracts.first?.declarations.count == 5)
  }

  @Test("two contracts with the same name")
  func duplicateContract() {
    let diagnostics = TestSupport.rendered([
      "a.ipc": "contract shop.x version 1", "b.ipc": "contract shop.x version 1",
    ])
    #expect(
      diagnostics == [
        "b.ipc:1:10: error: contract 'shop.x' is already declared by another file (a.ipc:1:10); give each contract its own name"
      ])
  }

  @Test("an import cycle is reported with the cycle shown")
  func importCycle() {
    let diagnostics = TestSupport.rendered([
      "a.ipc": "contract x.a version 1\nimport \"b.ipc\"",
      "b.ipc": "contract x.b version 1\nimport \"a.ipc\"",
    ])
    #expect(
      diagnostics == [
        "b.ipc:2:8: error: import cycle: a.ipc → b.ipc → a.ipc; move the shared declarations into a file that both import"
      ])
  }

  @Test("a path that cannot be read is an error at line 1")
  func fileNotFound() {
    let result = FrontEnd.load(paths: ["missing/x.ipc"], fileSystem: InMemoryFileSystem())
    #expect(
      result.diagnostics.map(\.description) == [
        "missing/x.ipc:1:1: error: cannot read contract file 'missing/x.ipc'"
      ])
  }

  @Test("every problem of a file is reported in one run")
  func severalErrors() {
    let diagnostics = TestSupport.rendered(
      Self.header + "struct A {\n  1 a: Strng\n  1 b: Int32 @range(3...1)\n  2 c: Bool = 3\n}")
    #expect(diagnostics.count == 4)
  }
}
