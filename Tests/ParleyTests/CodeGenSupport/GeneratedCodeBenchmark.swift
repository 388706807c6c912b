import Foundation
import Parley
import Testing

/// A by-hand measurement, not a timing assertion: generated binary encode/decode of a realistic
/// order versus Foundation's `JSONEncoder`/`JSONDecoder` on the same value. Run in release:
///
/// ```sh
/// PARLEY_BENCH=1 swift test -c release --filter GeneratedCodeBenchmark
/// ```
@Suite("Generated code: codec benchmark (by hand)")
struct GeneratedCodeBenchmark {
  static let order = FocusEdge.Order(
    id: "ord_4242", customer: "usr_17",
    items: [
      FocusEdge.LineItem(
        sku: "SKU-1", quantity: 2, price: FocusEdge.Money(amountMinor: 1999, currency: "EUR")),
      FocusEdge.LineItem(
        sku: "SKU-22", quantity: 1, price: FocusEdge.Money(amountMinor: 45000, currency: "EUR")),
      FocusEdge.LineItem(
        sku: "SKU-333", quantity: 10, price: FocusEdge.Money(amountMinor: 5, currency: "EUR")),
    ],
    note: "leave at the door", status: .low, payment: .card("tok_visa_4242"),
    labels: ["channel": "web", "campaign": "winter"], giftWrap: true)

  /// Nanoseconds per operation, best of 5 rounds of `iterations`.
  static func measure(iterations: Int, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<5 {
      let start = ContinuousClock.now
      for _ in 0..<iterations { try body() }
      let elapsed = ContinuousClock.now - start
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      best = min(best, seconds * 1e9 / Double(iterations))
    }
    return best
  }

  @Test(
    "binary vs JSONEncoder/JSONDecoder",
    .enabled(if: ProcessInfo.processInfo.environment["PARLEY_BENCH"] != nil))
  func measure() throws {
    let order = Self.order
    let bytes = order.parleyBinaryBytes
    let json = try JSONEncoder().encode(order)
    var sink = 0
    let binaryEncode = Self.measure(iterations: 100_000) { sink &+= order.parleyBinaryBytes.count }
    let binaryDecode = try Self.measure(iterations: 100_000) {
      sink &+= try FocusEdge.Order(parleyBinaryBytes: bytes).items.count
    }
    let jsonEncode = try Self.measure(iterations: 10_000) { sink &+= try JSONEncoder().encode(order).count }
    let jsonDecode = try Self.measure(iterations: 10_000) {
      sink &+= try JSONDecoder().decode(FocusEdge.Order.self, from: json).items.count
    }
    print(
      """
      order: \(bytes.count) bytes binary, \(json.count) bytes JSON
      binary encode \(Int(binaryEncode)) ns, decode \(Int(binaryDecode)) ns
      JSONEncoder \(Int(jsonEncode)) ns, JSONDecoder \(Int(jsonDecode)) ns
      encode \(String(format: "%.1f", jsonEncode / binaryEncode))x, decode \(String(format: "%.1f", jsonDecode / binaryDecode))x faster (\(sink % 2))
      """)
    #expect(try FocusEdge.Order(parleyBinaryBytes: bytes) == order)
  }
}
