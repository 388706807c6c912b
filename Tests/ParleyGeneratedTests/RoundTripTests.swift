import Foundation
import Parley
import Testing

/// Every generated type survives JSON and binary round trips, for many seeded random values.
@Suite("Round trips through JSON and binary")
struct RoundTripTests {
  /// How many random values each property checks.
  static let iterations = 300

  /// Encodes `value` with both codecs, decodes it again (JSON in strict mode, so every key written
  /// must be one the contract declares) and expects the same value.
  static func expectRoundTrips<Value: Codable & ParleyBinaryMessage & Equatable>(
    _ value: Value, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    let json = try ParleyJSON.encode(value)
    let fromJSON = try ParleyJSON.decode(Value.self, from: json, strict: true)
    #expect(
      fromJSON == value, "JSON: \(String(decoding: json, as: UTF8.self))", sourceLocation: sourceLocation)

    let bytes = value.parleyBinaryBytes
    let fromBinary = try Value(parleyBinaryBytes: bytes)
    #expect(fromBinary == value, "binary: \(bytes)", sourceLocation: sourceLocation)
  }

  /// Runs `check` on `iterations` random values made by `make` from a fixed seed.
  static func forAll<Value>(
    seed: UInt64, _ make: (inout GeneratedRandom) -> Value, _ check: (Value) throws -> Void
  ) rethrows {
    var random = GeneratedRandom(seed: seed)
    for _ in 0..<iterations { try check(make(&random)) }
  }

  @Test func orders() throws {
    try Self.forAll(seed: 1, Arbitrary.order) { try Self.expectRoundTrips($0) }
  }

  @Test func ordersAreValid() {
    Self.forAll(seed: 2, Arbitrary.order) { order in
      #expect(order.parleyViolations.isEmpty, "\(order.parleyViolations)")
    }
  }

  @Test func everyScalarType() throws {
    try Self.forAll(seed: 3, Arbitrary.scalars) { try Self.expectRoundTrips($0) }
  }

  @Test func unions() throws {
    try Self.forAll(seed: 4, Arbitrary.payment) { try Self.expectRoundTrips($0) }
  }

  @Test func swiftKeywordsAsNames() throws {
    try Self.forAll(seed: 5, Arbitrary.keywords) { try Self.expectRoundTrips($0) }
    let json = try ParleyJSON.encode(
      GenShopOrders.Keywords(
        default: "d", class: 1, protocol: true, self_: "s", type: "t", func: ["f"], in: 2))
    let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
    #expect(object.map { Set($0.keys) } == ["default", "class", "protocol", "self", "Type", "func", "in"])
  }

  @Test func recursiveTrees() throws {
    try Self.forAll(seed: 6, { Arbitrary.node(&$0) }) { try Self.expectRoundTrips($0) }
  }

  @Test func sameNameInThreeContracts() throws {
    try Self.forAll(seed: 7, Arbitrary.accountUser) { try Self.expectRoundTrips($0) }
    try Self.expectRoundTrips(GenCommon.User(id: "usr_1", displayName: "Ada"))
    try Self.expectRoundTrips(GenShopOrders.User(handle: "ada", vip: true))
    try Self.expectRoundTrips(GenLegacyOrders.ArchivedOrder(code: "A-1", total: 12))
  }

  @Test func errorsWithAndWithoutFields() throws {
    try Self.expectRoundTrips(GenShopOrders.OrderNotFound(orderId: "ord_404"))
    // A field-less error is the empty object `{}` in JSON and zero bytes in binary.
    try Self.expectRoundTrips(GenShopOrders.Teapot())
    #expect(try ParleyJSON.encode(GenShopOrders.Teapot()) == Data("{}".utf8))
    #expect(GenShopOrders.Teapot().parleyJSONBytes == Array("{}".utf8))
    #expect(GenShopOrders.Teapot().parleyBinaryBytes.isEmpty)
    #expect(
      try GenShopOrders.Teapot(parleyBinaryBytes: GenShopOrders.Teapot().parleyBinaryBytes)
        == GenShopOrders.Teapot())
    try Self.expectRoundTrips(GenCommon.PermissionDenied(action: "refund"))
  }

  @Test func enumsByNameInJSONAndNumberInBinary() throws {
    #expect(try ParleyJSON.encode(GenShopOrders.OrderStatus.shipped) == Data(#""shipped""#.utf8))
    #expect(try ParleyJSON.decode(GenShopOrders.OrderStatus.self, from: Data(#""paid""#.utf8)) == .paid)
  }

  @Test func unionsAsTypeAndValue() throws {
    let json = try ParleyJSON.encode(GenShopOrders.PaymentMethod.voucher("SPRING24"))
    let object = try JSONSerialization.jsonObject(with: json) as? [String: String]
    #expect(object == ["type": "voucher", "value": "SPRING24"])
  }

  @Test func optionalFieldsAreOmittedWhenNil() throws {
    var random = GeneratedRandom(seed: 8)
    var order = Arbitrary.order(&random)
    order.note = nil
    order.payment = nil
    let object = try JSONSerialization.jsonObject(with: try ParleyJSON.encode(order)) as? [String: Any]
    #expect(object?["note"] == nil)
    #expect(object?["payment"] == nil)
    #expect(object?["status"] != nil, "defaulted fields are always written")
  }

  @Test func mapsEncodeIdenticallyWhateverTheInsertionOrder() {
    Self.forAll(seed: 9, Arbitrary.order) { order in
      var other = order
      other.labels = [:]
      other.labels.reserveCapacity(64)  // another capacity gives another iteration order
      for (key, value) in order.labels.reversed() { other.labels[key] = value }
      other.stock = [:]
      other.stock.reserveCapacity(64)
      for (key, value) in order.stock.reversed() { other.stock[key] = value }
      #expect(other.parleyBinaryBytes == order.parleyBinaryBytes)
    }
  }

  @Test func mapEntriesAreSortedByKey() throws {
    var random = GeneratedRandom(seed: 10)
    var order = Arbitrary.order(&random)
    order.labels = ["b": "x", "é": "x", "a": "x", "z": "x", "": "x", "ab": "x"]
    let ids = (0..<5).map { index in
      UUID(uuid: (UInt8(5 - index), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
    }
    order.stock = Dictionary(
      uniqueKeysWithValues: ids.map { (GenShopOrders.ItemID($0), GenShopOrders.Quantity(1)) })
    let bytes = order.parleyBinaryBytes
    // Field 7 `labels: [String: String]`: keys by UTF-8 bytes ("é" is c3 a9, after "z").
    var labelKeys: [String] = []
    var stockKeys: [UUID] = []
    var reader = BinaryReader(bytes)
    while let field = try reader.nextField() {
      switch field.number {
      case 7:
        var entries = BinaryReader(try reader.readBytes())
        while !entries.isAtEnd {
          labelKeys.append(try entries.readString())
          _ = try entries.readString()
        }
      case 10:
        var entries = BinaryReader(try reader.readBytes())
        while !entries.isAtEnd {
          stockKeys.append(try entries.readUUID())
          _ = try entries.readInt32()
        }
      default: try reader.skipField()
      }
    }
    #expect(labelKeys == ["", "a", "ab", "b", "z", "é"])
    #expect(stockKeys == ids.reversed())
  }
}
