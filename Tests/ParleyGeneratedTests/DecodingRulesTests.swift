import Foundation
import Parley
import Testing

/// Required fields, defaults and deprecated members, on both wires.
@Suite("Required fields, defaults and deprecated members")
struct DecodingRulesTests {
  typealias Orders = GenShopOrders

  static func json(_ text: String) -> Data { Data(text.utf8) }

  static let minimalOrderJSON = #"""
    {"id": "ord_1", "customer": "usr_1", "placedAt": "2026-11-27T12:00:00Z",
     "items": [{"sku": "a", "quantity": 1, "price": {"amountMinor": "9007199254740993", "currency": "EUR"}}]}
    """#

  @Test func missingRequiredFieldsAreReportedWithTheirPath() throws {
    let cases: [(String, String)] = [
      (
        #"{"customer": "usr_1", "items": [], "placedAt": "2026-11-27T12:00:00Z"}"#,
        "required field 'id' is missing"
      ),
      (
        #"{"id": "ord_1", "customer": "usr_1", "placedAt": "2026-11-27T12:00:00Z", "items": [{"sku": "a", "quantity": 1, "price": {"amountMinor": 1}}]}"#,
        "required field 'items[0].price.currency' is missing"
      ),
      (
        #"{"id": "ord_1", "customer": "usr_1", "items": [], "placedAt": null}"#,
        "required field 'placedAt' is missing"
      ),
    ]
    for (text, message) in cases {
      #expect {
        try ParleyJSON.decode(Orders.Order.self, from: Self.json(text))
      } throws: { error in
        String(describing: error).contains(message)
      }
    }
  }

  @Test func scalarTextThatDoesNotParseIsQuotedWithWhatWasExpected() throws {
    let text = #"{"id": "ord_1", "customer": "usr_1", "items": [], "placedAt": "yesterday"}"#
    #expect {
      try ParleyJSON.decode(Orders.Order.self, from: Self.json(text))
    } throws: { error in
      String(describing: error).contains("'yesterday' is not an RFC 3339 timestamp")
    }
  }

  @Test func missingRequiredBinaryFieldsAreReportedWithTheirPath() throws {
    // An ArchivedOrder (1: code, 2: total) read as a LineItem (1: sku, 2: quantity, 3: price).
    var writer = BinaryWriter()
    writer.writeString(field: 1, "ord_1")
    writer.writeString(field: 2, "usr_1")
    writer.writeList(field: 3, [GenLegacyOrders.ArchivedOrder(code: "sku", total: 3)]) { writer, item in
      writer.writeParleyMessage(item)
    }
    writer.writeTimestamp(field: 11, Date(timeIntervalSince1970: 0))
    #expect {
      try Orders.Order(parleyBinaryBytes: writer.bytes)
    } throws: { error in
      String(describing: error).contains("items[0]") && String(describing: error).contains("price")
    }

    var empty = BinaryWriter()
    empty.writeString(field: 2, "usr_1")
    #expect {
      try Orders.Order(parleyBinaryBytes: empty.bytes)
    } throws: { error in
      String(describing: error).contains("id")
    }
  }

  @Test func absentDefaultedFieldsTakeTheirDefaultsInJSON() throws {
    let order = try ParleyJSON.decode(Orders.Order.self, from: Self.json(Self.minimalOrderJSON))
    #expect(order.status == .pending)
    #expect(order.labels == [:])
    #expect(order.giftWrap == false)
    #expect(order.discount == 0.0)
    #expect(order.stock == [:])
    #expect(order.ttl == .seconds(30))
    #expect(order.priorities == [])
    #expect(order.note == nil && order.payment == nil && order.contact == nil && order.attachment == nil)
    #expect(order.items.first?.price.amountMinor == 9_007_199_254_740_993, "64-bit integers may be strings")
    #expect(
      order == Orders.Order(id: "ord_1", customer: "usr_1", items: order.items, placedAt: order.placedAt))
  }

  @Test func everyScalarDefault() throws {
    let scalars = try ParleyJSON.decode(
      Orders.Scalars.self, from: Self.json(#"{"blob": "", "when": "2026-11-27T12:00:00Z"}"#))
    #expect(scalars.flag == true)
    #expect(scalars.tiny == -8)
    #expect(scalars.small == 16)
    #expect(scalars.medium == 32)
    #expect(scalars.large == 9_000_000_000)
    #expect(scalars.word == 64)
    #expect(scalars.byte == 255)
    #expect(scalars.ushort == 65535)
    #expect(scalars.uint == 4_294_967_295)
    #expect(scalars.ulong == UInt64.max)
    #expect(scalars.single == 1.5)
    #expect(scalars.double == -2500)
    #expect(scalars.text == "line\n\"quoted\"")
    #expect(scalars.wait == .milliseconds(1500))
    #expect(scalars.id == UUID(uuidString: "123e4567-e89b-12d3-a456-426614174000"))
    // The binary reader fills the same defaults.
    var writer = BinaryWriter()
    writer.writeBytes(field: 14, [])
    writer.writeTimestamp(field: 15, scalars.when)
    #expect(try Orders.Scalars(parleyBinaryBytes: writer.bytes) == scalars)
  }

  @Test func defaultsInMemberwiseInitializers() {
    let invoice = Orders.InvoiceRef(number: "INV-1")
    #expect(invoice.dueDays == 30)
    #expect(Orders.ExportRequest().pageSize == 10)
    #expect(Orders.Keywords(default: "d", class: 1, protocol: false).func == [])
  }

  @Test func deprecatedMembersStillWork() throws {
    // Deprecated members are reached through the wire so that this file compiles without warnings.
    let text = Self.minimalOrderJSON.replacingOccurrences(
      of: #""id": "ord_1","#, with: #""id": "ord_1", "legacyCode": "L-7", "status": "voided","#)
    let order = try ParleyJSON.decode(Orders.Order.self, from: Self.json(text))
    let again = try JSONSerialization.jsonObject(with: try ParleyJSON.encode(order)) as? [String: Any]
    #expect(again?["legacyCode"] as? String == "L-7")
    #expect(again?["status"] as? String == "voided", "a deprecated case is a known case, not unknown")
    #expect(try Orders.Order(parleyBinaryBytes: order.parleyBinaryBytes) == order)
    let legacy = try ParleyJSON.decode(Orders._LegacyOrder.self, from: Self.json(#"{"code": "x"}"#))
    #expect(legacy.code == "x")
  }
}
