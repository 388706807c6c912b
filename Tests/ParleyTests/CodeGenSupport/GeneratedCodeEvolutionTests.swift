import Foundation
import Parley
import Testing

/// A "newer writer": unknown fields, enum cases and union variants; missing required fields;
/// defaults filled in; strict JSON mode.
@Suite("Generated code: evolution and missing fields")
struct GeneratedCodeEvolutionTests {
  @Test("binary readers skip unknown fields and keep unknown enum cases and union variants")
  func binaryUnknowns() throws {
    var writer = BinaryWriter()
    writer.writeInt32(field: 1, 9)
    writer.writeString(field: 77, "from the future")
    writer.writeMessage(field: 2) { $0.writeInt32(field: 1, 3) }
    writer.writeList(field: 3, [Int32]()) { $0.writeInt32($1) }
    writer.writeUInt64(field: 999, 12)
    let node = try FocusEdge.Node(parleyBinaryBytes: writer.bytes)
    #expect(node == FocusEdge.Node(value: 9, next: FocusEdge.Node(value: 3)))

    var level = BinaryWriter()
    level.writeEnumCase(field: 3, 42)
    level.writeInt32(field: 1, 1)
    let result = try FocusEdge.Result(parleyBinaryBytes: level.bytes)
    #expect(result.level == .unknown(.number(42)))
    #expect(try FocusEdge.Result(parleyBinaryBytes: result.parleyBinaryBytes) == result)

    var shape = BinaryWriter()
    shape.writeString(field: 9, "a variant from the future")
    let decoded = try FocusEdge.Shape(parleyBinaryBytes: shape.bytes)
    guard case .unknown(let variant) = decoded else {
      Issue.record("expected unknown, got \(decoded)")
      return
    }
    #expect(variant.number == 9)
    #expect(decoded.parleyBinaryBytes == shape.bytes)
  }

  @Test("JSON readers ignore unknown keys, keep unknown names, and strict mode rejects unknown keys")
  func jsonUnknowns() throws {
    let json = Data(
      #"{"value":3,"level":"enormous","shape":{"type":"hexagon","value":{"sides":6}},"later":[1]}"#.utf8)
    let result = try ParleyJSON.decode(FocusEdge.Result.self, from: json)
    #expect(result.level == .unknown(.name("enormous")))
    guard case .unknown(let variant)? = result.shape else {
      Issue.record("expected an unknown shape")
      return
    }
    #expect(variant.name == "hexagon")
    let again = String(decoding: try ParleyJSON.encode(result), as: UTF8.self)
    #expect(again.contains(#""level":"enormous""#))
    #expect(again.contains(#""shape":{"type":"hexagon","value":{"sides":6}}"#))
    #expect(!again.contains("later"))
    #expect(throws: DecodingError.self) {
      try ParleyJSON.decode(FocusEdge.Result.self, from: json, strict: true)
    }
    let error = #expect(throws: DecodingError.self) {
      try ParleyJSON.decode(
        FocusEdge.Result.self, from: Data(#"{"value":3,"surprise":1}"#.utf8), strict: true)
    }
    #expect("\(String(describing: error))".contains("surprise"))
  }

  @Test("a missing required field is reported with its path")
  func missingRequired() throws {
    let json = Array(#"{"items":[{"sku":"A","quantity":1},{"quantity":2}]}"#.utf8)
    do {
      _ = try ParleyPayload.decoding(service: "EdgeService", method: "check") {
        try ParleyPayload.decodeJSON(FocusEdge.Basket.self, from: json)
      }
      Issue.record("expected a decoding error")
    } catch {
      #expect(error.code == .decodeFailed)
      #expect(error.message.contains("items[1].sku"), "\(error.message)")
    }
    do {
      _ = try FocusEdge.Basket(parleyJSONBytes: json)
      Issue.record("expected a decoding error")
    } catch let error as ParleyJSONDecodingError {
      #expect(error.description == "items[1].sku: required field is missing")
    }
    var writer = BinaryWriter()
    writer.writeList(field: 1, [0]) { list, _ in list.writeMessage { $0.writeInt32(field: 2, 5) } }
    do {
      _ = try FocusEdge.Basket(parleyBinaryBytes: writer.bytes)
      Issue.record("expected a decoding error")
    } catch let error as BinaryDecodingError {
      #expect(error.description.contains("items[0]"), "\(error)")
      #expect(error.reason == .missingRequiredField("sku"))
    }
  }

  @Test("defaults fill absent fields; writers write fields equal to their defaults")
  func defaults() throws {
    let keywords = try ParleyJSON.decode(FocusEdge.Keywords.self, from: Data(#"{"default":"x"}"#.utf8))
    #expect(keywords.class == 7)
    #expect(keywords.self_ == true)
    #expect(keywords.type == nil)
    #expect(keywords.protocol == [:])
    var writer = BinaryWriter()
    writer.writeString(field: 1, "x")
    #expect(try FocusEdge.Keywords(parleyBinaryBytes: writer.bytes) == keywords)
    let text = String(decoding: try ParleyJSON.encode(keywords), as: UTF8.self)
    #expect(text.contains(#""class":7"#))
    #expect(!text.contains("Type"))
    #expect(text.contains(#""old":"x""#))
  }
}
