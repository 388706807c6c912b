import Foundation
import Parley

/// One codec's cost on the realistic order message: nanoseconds per encode and per decode, and
/// the encoded size.
struct CodecMeasurement: Sendable, Codable, Equatable {
  /// What was measured, e.g. `binary (generated)`.
  var name: String
  /// Nanoseconds per encode (best of several rounds, warm-up excluded).
  var encodeNanoseconds: Double
  /// Nanoseconds per decode (best of several rounds, warm-up excluded).
  var decodeNanoseconds: Double
  /// Bytes of the encoded message.
  var bytes: Int
}

/// The codec benchmark: the generated binary and JSON codecs of a realistic order message against
/// Foundation's `JSONEncoder`/`JSONDecoder` on the same message (through the generated `Codable`
/// conformance), plus the two envelope codecs on a `call` carrying it.
///
/// ```swift
/// for m in try await CodecScenario.run(iterations: 100_000) {
///   print(m.name, m.encodeNanoseconds, m.decodeNanoseconds, m.bytes)
/// }
/// ```
enum CodecScenario {
  /// A failure of the scenario itself: a codec that does not give back what it was given.
  struct Mismatch: Error, CustomStringConvertible {
    /// Which codec.
    var name: String
    /// `<name>: decoded value differs from the encoded one`.
    var description: String { "\(name): decoded value differs from the encoded one" }
  }

  /// The realistic order: four line items, a note, a card payment, two labels.
  static let order = ShopOrders.Order(
    id: ShopOrders.OrderID("ord_8f3a2c91"),
    customer: ShopCommon.UserID("usr_42"),
    items: [
      ShopOrders.LineItem(
        sku: "BOOK-1984", quantity: 1, price: ShopCommon.Money(amountMinor: 1_299, currency: "EUR")),
      ShopOrders.LineItem(
        sku: "MUG-BLUE", quantity: 2, price: ShopCommon.Money(amountMinor: 850, currency: "EUR")),
      ShopOrders.LineItem(
        sku: "TEA-EARLGREY-250", quantity: 3, price: ShopCommon.Money(amountMinor: 675, currency: "EUR")),
      ShopOrders.LineItem(
        sku: "CARD-BIRTHDAY", quantity: 1, price: ShopCommon.Money(amountMinor: 299, currency: "EUR")),
    ],
    note: "Please leave the parcel with the neighbour at number 12 if nobody is home.",
    status: .paid,
    payment: .card(ShopOrders.CardPayment(token: "tok_1MqL3k2eZvKYlo2C8x7d9f0a", last4: "4242")),
    labels: ["channel": "web", "campaign": "spring-sale"],
    giftWrap: true)

  /// Measures every codec with `iterations` encodes and decodes each (after a warm-up).
  ///
  /// - Throws: ``Mismatch`` when a codec does not round-trip the order.
  static func run(iterations: Int) async throws -> [CodecMeasurement] {
    let iterations = max(iterations, 10)
    var results: [CodecMeasurement] = []

    let encoder = JSONEncoder()
    let decoder = JSONDecoder()
    results.append(
      try await measure(
        "Foundation JSONEncoder/JSONDecoder", iterations: iterations,
        encode: { Array(try encoder.encode(order)) },
        decode: { try decoder.decode(ShopOrders.Order.self, from: Data($0)) }))
    results.append(
      try await measure(
        "JSON (generated)", iterations: iterations, encode: { order.parleyJSONBytes },
        decode: { try ShopOrders.Order(parleyJSONBytes: $0) }))
    results.append(
      try await measure(
        "binary (generated)", iterations: iterations, encode: { order.parleyBinaryBytes },
        decode: { try ShopOrders.Order(parleyBinaryBytes: $0) }))

    for codec in [JSONEnvelopeCodec() as any EnvelopeCodec, BinaryEnvelopeCodec()] {
      let payload: [UInt8] = codec.id == .json ? order.parleyJSONBytes : order.parleyBinaryBytes
      let call = Envelope.call(
        id: 7, contract: "shop.orders", contractVersion: 3, service: "OrderService", method: "getOrder",
        timeoutMs: 2000, context: CallContext(root: "c0ffee42c0ffee42", chain: ["OrderService"], depth: 1),
        payload: payload)
      results.append(
        try await measure(
          "\(codec.id.rawValue) envelope (call carrying the order)", iterations: iterations,
          encode: {
            var bytes: [UInt8] = []
            codec.encode(call, into: &bytes)
            return bytes
          },
          decode: { try codec.decode($0).payload == payload ? order : nil }))
    }
    return results
  }

  /// Times `encode` and `decode` (best of five rounds of `iterations / 5`), checking that a decode
  /// gives the order back.
  private static func measure(
    _ name: String, iterations: Int, encode: () throws -> [UInt8],
    decode: ([UInt8]) throws -> ShopOrders.Order?
  ) async throws -> CodecMeasurement {
    let bytes = try encode()
    guard try decode(bytes) == order else { throw Mismatch(name: name) }
    let rounds = 5
    let perRound = max(iterations / rounds, 1)
    var sink = 0
    var bestEncode = Double.infinity
    var bestDecode = Double.infinity
    for round in 0...rounds {  // round 0 is the warm-up
      let encodeTime = try time {
        for _ in 0..<perRound { sink &+= try encode().count }
      }
      await Task.yield()
      let decodeTime = try time {
        for _ in 0..<perRound { sink &+= try decode(bytes) == nil ? 0 : 1 }
      }
      await Task.yield()
      if round > 0 {
        bestEncode = min(bestEncode, encodeTime / Double(perRound))
        bestDecode = min(bestDecode, decodeTime / Double(perRound))
      }
    }
    if sink == 42 { print("", terminator: "") }  // keeps the work observable
    return CodecMeasurement(
      name: name, encodeNanoseconds: bestEncode, decodeNanoseconds: bestDecode, bytes: bytes.count)
  }

  /// Nanoseconds `body` takes.
  private static func time(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
  }
}
