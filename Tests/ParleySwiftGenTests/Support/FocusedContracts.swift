import ParleySwiftGen
import Testing

/// Small contracts that each exercise one corner of the generator.
enum FocusedContracts {
  /// One focused case.
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var sources: [String: String]
    var options = SwiftGeneratorOptions()
    var testDescription: String { name }
  }

  static let all: [Case] = [
    Case(
      name: "keywords, deprecation, recursion, every built-in",
      sources: [
        "focus/edge.ipc": """
        /// Edge cases for the generator.
        contract focus.edge version 2

        /// A tree node that holds itself through an optional.
        struct Node {
          1 value: Int32
          2 next: Node?
          3 children: [Node] = []
        }

        /// Fields named like Swift keywords.
        struct Keywords {
          1 default: String
          2 class: Int32 = 7
          3 self: Bool = true
          4 Type: String?
          5 protocol: [String: Int64] = [:]
          @deprecated("use default") 6 old: String = "x"
        }

        /// Every built-in type.
        struct Builtins {
          1 b: Bool
          2 i8: Int8
          3 i16: Int16
          4 i32: Int32
          5 i64: Int64
          6 i: Int
          7 u8: UInt8
          8 u16: UInt16
          9 u32: UInt32
          10 u64: UInt64
          11 f: Float
          12 d: Double
          13 s: String
          14 bytes: Bytes
          15 ts: Timestamp
          16 dur: Duration = 1500ms
          17 id: UUID = "12345678-9abc-def0-0123-456789abcdef"
          18 optionals: [String] = []
          19 nested: [[Int32]] = []
          20 byNumber: [Int32: String] = [:]
        }

        enum Level {
          1 low
          @deprecated 2 medium
          3 unknown
        }

        union Shape {
          1 circle: Double
          @deprecated("no more squares") 2 square: Double
          3 tree: Node
        }

        @deprecated("use Node")
        struct OldNode {
          1 value: Int32 @range(0...)
        }

        type Count = Int32 @range(0...100)
        type Email = String @format(email)

        /// Types named like standard ones.
        struct Result {
          1 value: Count
          2 email: Email?
          3 level: Level = .low
          4 shape: Shape?
          5 old: OldNode?
        }

        error Failed code 500 {
          1 reason: String
        }

        struct Item {
          1 sku: String @length(1...8) @pattern("^[A-Z]+$")
          2 quantity: Int32 @range(1...1000)
          3 contact: Email?
        }

        struct Basket {
          1 items: [Item] @count(1...3)
          2 labels: [String: Count] = [:]
          3 note: String? @length(...5)
        }

        /// Money in minor units.
        struct Money {
          1 amountMinor: Int64 @range(0...)
          2 currency: String @pattern("^[A-Z]{3}$")
        }

        struct LineItem {
          1 sku: String @length(1...64)
          2 quantity: Int32 @range(1...1000)
          3 price: Money
        }

        union Payment {
          1 card: String
          2 invoice: Int64
        }

        /// A realistic order, for the codec benchmark.
        struct Order {
          1 id: String
          2 customer: String
          3 items: [LineItem] @count(1...100)
          4 note: String? @length(...500)
          5 status: Level = .low
          6 payment: Payment?
          7 labels: [String: String] = [:]
          8 giftWrap: Bool = false
        }

        /// Exercises every generated client and server construct.
        service EdgeService {
          /// Echoes every built-in.
          rpc echo(Builtins) -> Builtins @timeout(2s) @idempotent
          rpc fail(Keywords) -> Keywords throws Failed
          rpc check(Basket) -> Int32
          rpc count(Count) -> Int64
          oneway poke(Node)
          rpc ping() -> ()
          rpc default(Level) -> Level
          @deprecated("use echo") rpc old(Node) -> Node
          event changed(Shape)
          stream walk(Node) -> Node
        }
        """
      ]),
    Case(
      name: "two contracts that both declare User, public access",
      sources: [
        "a/users.ipc": """
        contract a.users version 1
        struct User {
          1 name: String @length(1...10)
        }
        struct OnlyInA {
          1 user: User
        }
        """,
        "b/users.ipc": """
        contract b.users version 1
        struct User {
          1 id: Int64 @range(1...)
        }
        """,
      ],
      options: SwiftGeneratorOptions(accessLevel: .public)),
  ]
}
