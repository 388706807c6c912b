import Foundation
import Parley
import Testing

/// Property-style round trips of the generated code in `Generated/FocusEdge.swift` (regenerated
/// and checked by `ParleySwiftGenTests`), through both codecs, with many seeded random values.
@Suite("Generated code: round trips")
struct GeneratedCodeRoundTripTests {
  enum Codec: String, CaseIterable, Sendable {
    case binary, jsonPayload, jsonCodable, fastJSON, fastToCodable, codableToFast
  }

  static func roundTrip<Value: ParleyBinaryMessage & Codable & ParleyJSONCodable & ParleyFastJSON>(
    _ value: Value, _ codec: Codec
  ) throws -> Value {
    switch codec {
    case .fastJSON: return try Value(parleyJSONBytes: value.parleyJSONBytes)
    case .fastToCodable:
      return try ParleyJSON.decode(Value.self, from: Data(value.parleyJSONBytes), strict: true)
    case .codableToFast: return try Value(parleyJSONBytes: Array(ParleyJSON.encode(value)))
    case .binary: return try Value(parleyBinaryBytes: value.parleyBinaryBytes)
    case .jsonPayload: return try ParleyPayload.decodeJSON(Value.self, from: ParleyPayload.encodeJSON(value))
    case .jsonCodable: return try ParleyJSON.decode(Value.self, from: ParleyJSON.encode(value), strict: true)
    }
  }

  @Test("every built-in type", arguments: Codec.allCases)
  func builtins(_ codec: Codec) throws {
    var random = GeneratedCodeRandom(seed: 42)
    for _ in 0..<300 {
      let value = random.builtins()
      var copy = try Self.roundTrip(value, codec)
      // Dates hold about a tenth of a microsecond; compare to the millisecond the values have.
      #expect(abs(copy.ts.timeIntervalSince(value.ts)) < 1e-6)
      copy.ts = value.ts
      #expect(copy == value)
    }
  }

  @Test("recursive structs and unions", arguments: Codec.allCases)
  func recursion(_ codec: Codec) throws {
    var random = GeneratedCodeRandom(seed: 7)
    for _ in 0..<100 {
      let node = random.node()
      #expect(try Self.roundTrip(node, codec) == node)
      let shape = FocusEdge.Shape.tree(node)
      #expect(try Self.roundTrip(shape, codec) == shape)
    }
  }

  @Test("keywords, deprecated fields, enums and distinct types", arguments: Codec.allCases)
  func keywords(_ codec: Codec) throws {
    let keywords = FocusEdge.Keywords(
      default: "d", class: -3, self_: false, type: "t", protocol: ["a": 1, "b": -2])
    #expect(try Self.roundTrip(keywords, codec) == keywords)
    let result = FocusEdge.Result(value: 5, email: "a@b.co", level: .unknown_, shape: .circle(1.5), old: nil)
    #expect(try Self.roundTrip(result, codec) == result)
  }

  @Test("JSON mapping: unions, enums, omitted nils, 64-bit integers")
  func jsonShape() throws {
    let item = FocusEdge.Item(sku: "AB", quantity: 2)
    #expect(
      String(decoding: try ParleyPayload.encodeJSON(item), as: UTF8.self) == #"{"quantity":2,"sku":"AB"}"#)
    let shape = FocusEdge.Shape.circle(2)
    #expect(
      String(decoding: try ParleyPayload.encodeJSON(shape), as: UTF8.self) == #"{"type":"circle","value":2}"#)
    let level = FocusEdge.Level.low
    #expect(String(decoding: try ParleyPayload.encodeJSON(level), as: UTF8.self) == #""low""#)
    let json =
      #"{"b":true,"i8":1,"i16":2,"i32":3,"i64":"-9223372036854775808","i":"5","u8":6,"u16":7,"u32":8,"u64":"18446744073709551615","f":"NaN","d":"-Infinity","s":"","bytes":"3q0=","ts":"1970-01-01T00:00:01.500Z","dur":"-1.5s","id":"12345678-9ABC-DEF0-0123-456789ABCDEF"}"#
    let value = try ParleyPayload.decodeJSON(FocusEdge.Builtins.self, from: Array(json.utf8))
    #expect(value.i64 == .min)
    #expect(value.u64 == .max)
    #expect(value.f.isNaN)
    #expect(value.d == -.infinity)
    #expect(value.bytes == Data([0xde, 0xad]))
    #expect(value.ts == Date(timeIntervalSince1970: 1.5))
    #expect(value.dur == .milliseconds(-1500))
    #expect(value.byNumber.isEmpty)
    let text = String(decoding: try ParleyPayload.encodeJSON(value), as: UTF8.self)
    #expect(text.contains(#""ts":"1970-01-01T00:00:01.500Z""#))
    #expect(text.contains(#""dur":"-1.500s""#))
    #expect(text.contains(#""id":"12345678-9abc-def0-0123-456789abcdef""#))
    #expect(text.contains(#""f":"NaN""#))
  }
}
