import Foundation
import Parley
import Testing

/// Every validator rule and its message, through nesting and distinct types.
@Suite("Generated code: validation")
struct GeneratedCodeValidationTests {
  @Test("every violation is listed with its path")
  func violations() {
    let basket = FocusEdge.Basket(
      items: [
        FocusEdge.Item(sku: "AB", quantity: 1),
        FocusEdge.Item(sku: "lower", quantity: 0, contact: "not-an-email"),
        FocusEdge.Item(sku: "", quantity: 1001),
        FocusEdge.Item(sku: "TOOLONGSKU", quantity: 5),
      ],
      labels: ["big": 101], note: "too long")
    let messages = basket.parleyViolations.map(\.description)
    #expect(
      messages == [
        "items: count 4 is above the maximum 3",
        "items[1].sku: \"lower\" does not match the pattern ^[A-Z]+$",
        "items[1].quantity: 0 is below the minimum 1",
        "items[1].contact: \"not-an-email\" is not a valid email address",
        "items[2].sku: length 0 is below the minimum 1",
        "items[2].sku: \"\" does not match the pattern ^[A-Z]+$",
        "items[2].quantity: 1001 is above the maximum 1000",
        "items[3].sku: length 10 is above the maximum 8",
        "labels[\"big\"]: 101 is above the maximum 100",
        "note: length 8 is above the maximum 5",
      ])
    #expect(throws: ValidationError.self) { try basket.validate() }
    #expect(FocusEdge.Basket(items: [FocusEdge.Item(sku: "A", quantity: 1)]).parleyViolations.isEmpty)
  }

  @Test("format checks")
  func formats() {
    #expect(ParleyValidation.isEmail("a@b.co"))
    #expect(!ParleyValidation.isEmail("a@b"))
    #expect(!ParleyValidation.isEmail("a b@c.d"))
    #expect(ParleyValidation.isURI("https://example.com/x"))
    #expect(ParleyValidation.isURI("urn:isbn:0451450523"))
    #expect(!ParleyValidation.isURI("/relative/path"))
    #expect(!ParleyValidation.isURI("1http://x"))
  }
}
