import ParleyCompat
import ParleyFrontEnd
import Testing

/// The wire rules for built-in type changes, checked through whole contracts so that the public
/// differ is what is tested: which wires and directions a field type change breaks.
@Suite("Type comparison")
struct TypeComparisonTests {
  /// One row: old type → new type of a request field, and the expected impacts as
  /// `direction/wire:severity`, sorted.
  struct Row: Sendable, CustomTestStringConvertible {
    var old: String
    var new: String
    var impacts: [String]
    var testDescription: String { "\(old) → \(new)" }
  }

  static let rows: [Row] = [
    Row(
      old: "Int32", new: "Int64",
      impacts: ["backward/source:error", "forward/binary:danger", "forward/json:danger"]),
    Row(
      old: "Int64", new: "Int32",
      impacts: ["backward/binary:danger", "backward/json:danger", "backward/source:error"]),
    Row(
      old: "UInt8", new: "UInt32",
      impacts: ["backward/source:error", "forward/binary:danger", "forward/json:danger"]),
    Row(
      old: "Int32", new: "UInt32",
      impacts: [
        "backward/binary:error", "backward/json:danger", "backward/source:error", "forward/binary:error",
        "forward/json:danger",
      ]),
    Row(
      old: "Float", new: "Double",
      impacts: [
        "backward/binary:error", "backward/source:error", "forward/binary:error", "forward/json:danger",
      ]),
    Row(
      old: "String", new: "Bytes",
      impacts: [
        "backward/json:error", "backward/source:error", "forward/binary:danger", "forward/json:error",
      ]),
    Row(
      old: "UUID", new: "String",
      impacts: [
        "backward/binary:error", "backward/source:error", "forward/binary:error", "forward/json:danger",
      ]),
    Row(
      old: "Int32", new: "Double",
      impacts: [
        "backward/binary:error", "backward/source:error", "forward/binary:error", "forward/json:danger",
      ]),
    Row(
      old: "String", new: "String?",
      impacts: ["backward/source:error", "forward/binary:danger", "forward/json:danger"]),
    Row(
      old: "[Int32]", new: "[Int64]",
      impacts: ["backward/source:error", "forward/binary:danger", "forward/json:danger"]),
    Row(
      old: "Timestamp", new: "Duration",
      impacts: [
        "backward/binary:error", "backward/json:error", "backward/source:error", "forward/binary:error",
        "forward/json:error",
      ]),
  ]

  @Test("request field type changes", arguments: rows)
  func requestField(_ row: Row) {
    let template = { (type: String, version: Int) in
      "contract t version \(version)\n\nstruct Req {\n  1 value: \(type)\n}\n\nservice S {\n  oneway put(Req)\n}\n"
    }
    let findings = CompatTestSupport.diff(template(row.old, 1), template(row.new, 2))
    let impacts = findings.flatMap(\.impacts).map {
      "\($0.direction.rawValue)/\($0.wire.rawValue):\($0.severity.rawValue)"
    }
    #expect(impacts.sorted() == row.impacts, "\(findings.map(\.message))")
  }

  @Test("positions follow fields, lists, maps, variants and imports across contracts")
  func positions() {
    let common =
      "contract c version 1\n\nstruct Money {\n  1 amount: Int64\n}\n\nstruct Unused {\n  1 x: Int32\n}\n"
    let shop = """
      contract s version 1

      import "common.ipc"

      struct Line {
        1 price: Money
      }

      union Choice {
        1 lines: [Line]
      }

      struct Req {
        1 choice: Choice
      }

      struct Notice {
        1 totals: [String: Money]
      }

      error Failed code 1 {
        1 money: Money?
      }

      service S {
        rpc put(Req) -> () throws Failed
        event done(Notice)
      }
      """
    let set = FrontEnd.load(sources: ["common.ipc": common, "shop.ipc": shop]).contracts
    let analysis = PositionAnalysis(set)
    #expect(analysis.position(of: DeclarationReference(contract: "s", name: "Line")) == .input)
    #expect(analysis.position(of: DeclarationReference(contract: "s", name: "Notice")) == .output)
    #expect(analysis.position(of: DeclarationReference(contract: "c", name: "Money")) == .both)
    #expect(analysis.position(of: DeclarationReference(contract: "c", name: "Unused")) == [])
  }
}
