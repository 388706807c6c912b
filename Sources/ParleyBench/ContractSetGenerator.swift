/// Writes a synthetic but realistic contract set for the compiler scenario: a shared
/// `common.ipc` (money, ids, an error) and `files` domain contracts that import it, each made of
/// order-like blocks (an enum, nested structs with constraints, defaults, lists, maps, optionals,
/// `@since`, reserved numbers, a union) and one service whose methods use them (rpc with
/// `throws`, `@timeout`/`@idempotent`, oneway, event, stream).
enum ContractSetGenerator {
  /// Contract sources by path: at least `lines` lines in all (each file ends on a whole block).
  static func generate(lines: Int = 10_000, files: Int = 20) -> [String: String] {
    var sources = ["common.ipc": common]
    let perFile = max(60, (lines - lineCount(sources) + files - 1) / max(1, files))
    for file in 0..<files { sources["domain\(file).ipc"] = domain(file, lines: perFile) }
    return sources
  }

  /// The number of lines of `sources`.
  static func lineCount(_ sources: [String: String]) -> Int {
    sources.values.reduce(0) { $0 + $1.split(separator: "\n", omittingEmptySubsequences: false).count - 1 }
  }

  static let common = """
    /// Types every domain contract shares.
    contract bench.common version 1

    /// An amount of money in minor units.
    struct Money {
      1 amountMinor: Int64 @range(0...)
      2 currency: String @pattern("^[A-Z]{3}$")
    }

    /// An order id such as "ord_42".
    type OrderID = String @pattern("^ord_[a-z0-9]+$")

    /// A stock-keeping unit.
    type SKU = String @length(1...64)

    /// The thing asked for does not exist.
    error NotFound code 404 {
      1 id: String
    }

    """

  static func domain(_ file: Int, lines budget: Int) -> String {
    var out = [
      "/// Domain \(file) of the generated set.", "contract bench.domain\(file) version 2", "",
      "import \"common.ipc\"", "",
    ]
    var service: [String] = []
    var block = 0
    // Add blocks until the file (with its service: 4 lines per block plus 3) reaches the budget.
    while out.count + 4 * block + 3 < budget {
      let i = block
      out += [
        "/// Region \(i).", "enum Region\(i) {", "  1 north", "  2 south", "  3 east", "  4 west",
        "  reserved 5",
        "}", "",
        "/// A delivery address in region \(i).", "struct Address\(i) {",
        "  1 street: String @length(1...200)",
        "  2 city: String @length(1...100)", "  3 region: Region\(i) = .north",
        "  4 postcode: String? @pattern(\"^[0-9]{5}$\")", "}", "",
        "/// One line of order \(i).", "struct Line\(i) {", "  1 sku: common.SKU",
        "  2 quantity: Int32 @range(1...1000)",
        "  3 price: common.Money", "  4 tags: [String] = [] @count(...20)", "}", "",
        "/// Order \(i).", "struct Order\(i) {", "  1 id: common.OrderID",
        "  2 lines: [Line\(i)] @count(1...100)",
        "  3 shipTo: Address\(i)", "  4 attributes: [String: String] = [:]", "  5 placedAt: Timestamp",
        "  6 giftNote: String? @length(...500) @since(2)", "  reserved 7, 9...11", "}", "",
        "/// How order \(i) is paid.", "union Payment\(i) {", "  1 card: String", "  2 invoice: Int64",
        "  3 address: Address\(i)", "}", "",
      ]
      service += [
        "  /// Fetch order \(i).",
        "  rpc getOrder\(i)(Order\(i)) -> Order\(i) throws NotFound @timeout(2s) @idempotent",
        "  oneway touch\(i)(Address\(i))", "  event changed\(i)(Order\(i))",
        "  stream payments\(i)(Address\(i)) -> Payment\(i)",
      ]
      block += 1
    }
    out += ["/// The service of domain \(file).", "service Domain\(file)Service {"] + service + ["}", ""]
    return out.joined(separator: "\n")
  }
}
