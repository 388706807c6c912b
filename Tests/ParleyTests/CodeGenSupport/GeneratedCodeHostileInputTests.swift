import Foundation
import Parley
import Testing

/// Generated decoders fed hostile payloads: mutated encodings of valid values (seeded), extreme
/// numbers and times, and nesting far deeper than any limit. Every failure must be a thrown error;
/// every value a decoder accepts must encode again in both codecs and decode back.
@Suite struct GeneratedCodeHostileInputTests {
  /// Decodes the bytes as `Value` by every path (fast JSON, the Codable mapping, binary); whatever
  /// is accepted is encoded again in both codecs: the JSON must decode back, the binary must not
  /// trap (a union variant known only by its JSON name has no binary form, so it may fail).
  /// Returns how many paths accepted, and the problems found.
  static func decodeEverything<Value: ParleyFastJSON & ParleyBinaryMessage & ParleyJSONCodable>(
    _ type: Value.Type, json: [UInt8]?, binary: [UInt8]?
  ) -> (accepted: Int, problems: [String]) {
    var accepted: [Value] = []
    if let json {
      if let value = try? Value(parleyJSONBytes: json) { accepted.append(value) }
      if let value = try? ParleyPayload.decodeJSON(Value.self, from: json) { accepted.append(value) }
    }
    if let binary, let value = try? Value(parleyBinaryBytes: binary) { accepted.append(value) }
    var problems: [String] = []
    for value in accepted {
      let text = value.parleyJSONBytes
      do { _ = try Value(parleyJSONBytes: text) } catch {
        problems.append("\(String(decoding: text, as: UTF8.self)) does not decode back: \(error)")
      }
      _ = try? Value(parleyBinaryBytes: value.parleyBinaryBytes)
    }
    return (accepted.count, problems)
  }

  /// Replaces, inserts or deletes bytes (favouring JSON's structural characters and digits), or
  /// inserts a run of digits or nines (long numbers, exponents, fractions).
  static func mutate(_ bytes: inout [UInt8], _ random: inout GeneratedCodeRandom, alphabet: [UInt8]) {
    for _ in 0..<(1 + random.next() % 3) {
      let index = Int(random.next() % UInt64(bytes.count + 1))
      let byte =
        random.next() % 4 == 0
        ? UInt8(truncatingIfNeeded: random.next()) : alphabet[Int(random.next() % UInt64(alphabet.count))]
      switch random.next() % 5 {
      case 0 where index < bytes.count: bytes[index] = byte
      case 1: bytes.insert(byte, at: index)
      case 2 where index < bytes.count: bytes.remove(at: index)
      case 3: bytes.insert(contentsOf: Array("e999".utf8), at: index)
      default:
        bytes.insert(
          contentsOf: [UInt8](repeating: UInt8(ascii: "9"), count: Int(random.next() % 30)), at: index)
      }
    }
  }

  @Test func mutatedPayloadsNeverTrap() async {
    let (accepted, problems) = await offPool { () -> (Int, [String]) in
      var random = GeneratedCodeRandom(seed: 0xBAD_1A7)
      let json = Array("{}[],:\"-+.eE0123456789tfnul\\sZT".utf8)
      var accepted = 0
      var problems: [String] = []
      func count(_ result: (accepted: Int, problems: [String])) {
        accepted += result.accepted
        problems += result.problems
      }
      for round in 0..<4_000 {
        let builtins = random.builtins()
        var text = builtins.parleyJSONBytes
        var bytes = builtins.parleyBinaryBytes
        Self.mutate(&text, &random, alphabet: json)
        Self.mutate(&bytes, &random, alphabet: [0x00, 0x01, 0x08, 0x0A, 0x10, 0x7F, 0x80, 0xFF])
        count(Self.decodeEverything(FocusEdge.Builtins.self, json: text, binary: bytes))
        let node = random.node()
        var nodeText = round % 2 == 0 ? node.parleyJSONBytes : FocusEdge.Shape.tree(node).parleyJSONBytes
        var nodeBytes = node.parleyBinaryBytes
        Self.mutate(&nodeText, &random, alphabet: json)
        Self.mutate(&nodeBytes, &random, alphabet: [0x00, 0x02, 0x0A, 0x12, 0x1A, 0xFF])
        count(Self.decodeEverything(FocusEdge.Node.self, json: nodeText, binary: nodeBytes))
        count(Self.decodeEverything(FocusEdge.Shape.self, json: nodeText, binary: nodeBytes))
      }
      return (accepted, problems)
    }
    #expect(accepted > 100)
    #expect(problems.isEmpty, "\(problems.prefix(5))")
  }

  /// Nesting far beyond the readers' limits (JSON 64, binary 100): an error, never a stack
  /// overflow, by the fast path, the Codable mapping and the binary decoder.
  @Test func deeplyNestedValuesAreRejected() async {
    // Off the cooperative pool (a long loop there starves socket tests); the results are
    // checked here, where the test's issues are recorded.
    let rejected = await offPool { () -> [String: Bool] in
      func fails(_ body: () throws -> Void) -> Bool {
        do { try body() } catch { return true }
        return false
      }
      let depth = 20_000
      let json = Array(
        (String(repeating: #"{"value":1,"next":"#, count: depth) + #"{"value":1}"#
          + String(repeating: "}", count: depth)).utf8)
      let arrays = Array(
        (#"{"type":"tree","value":{"value":1,"children":"# + String(repeating: "[", count: depth)
          + String(repeating: "]", count: depth) + "}}").utf8)
      // Binary: field 2 (next) nested 2,000 times (20 times the limit), built from the inside out.
      var message: [UInt8] = [0x08, 0x02]
      for _ in 0..<2_000 {
        var writer = BinaryWriter()
        writer.writeInt32(field: 1, 1)
        writer.writeTag(field: 2, wireType: .lengthDelimited)
        writer.writeVarint(UInt64(message.count))
        message = writer.bytes + message
      }
      return [
        "fast JSON": fails { _ = try FocusEdge.Node(parleyJSONBytes: json) },
        "Codable JSON": fails { _ = try ParleyPayload.decodeJSON(FocusEdge.Node.self, from: json) },
        "union value": fails { _ = try FocusEdge.Shape(parleyJSONBytes: arrays) },
        "binary": fails { _ = try FocusEdge.Node(parleyBinaryBytes: message) },
      ]
    }
    #expect(rejected.count == 4)
    for (path, failed) in rejected { #expect(failed, "\(path)") }
  }

  /// An unknown union variant keeps its value as JSON text; through the Codable mapping that text
  /// is read as a `ParleyJSONValue` tree, nested as deep as Foundation's decoder allows (512).
  @Test func unknownVariantsNestedToFoundationsLimitDecode() async {
    let results = await offPool { () -> [Bool] in
      [100, 500, 511, 600].map { depth in
        let value = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let json = Array(#"{"type":"future","value":\#(value)}"#.utf8)
        let codable = try? ParleyPayload.decodeJSON(FocusEdge.Shape.self, from: json)
        let fast = try? FocusEdge.Shape(parleyJSONBytes: json)
        _ = codable.map { try? ParleyPayload.encodeJSON($0) }
        return codable != nil || fast != nil
      }
    }
    #expect(results.count == 4)
  }

  /// Numbers and times at and beyond the edges of their types, as JSON text: each field is either
  /// read exactly or rejected with an error.
  @Test(arguments: [
    #""i8":128"#, #""i8":-129"#, #""u8":-1"#, #""u64":18446744073709551616"#, #""i64":-9223372036854775809"#,
    #""i64":"-9223372036854775808""#, #""u64":"-0""#, #""i":1e3"#, #""f":1e39"#, #""d":1e400"#, #""d":-0"#,
    #""ts":"2026-01-01T00:00:00.99999999999999999999Z""#, #""ts":"9999-12-31T23:59:60.9-23:59""#,
    #""ts":"0000-01-01T00:00:00+23:59""#, #""dur":"9223372036854775807.999999999s""#,
    #""dur":"-9223372036854775808s""#, #""dur":"99999999999999999999s""#, #""dur":"1.0000000001s""#,
    #""id":"00000000-0000-0000-0000-00000000000G""#, #""bytes":"@@@@""#, #""byNumber":{"2147483648":"x"}"#,
  ])
  func extremeFieldsAreReadOrRejected(_ member: String) {
    let base =
      #"{"b":true,"i8":0,"i16":0,"i32":0,"i64":0,"i":0,"u8":0,"u16":0,"u32":0,"u64":0,"f":0,"d":0,"s":"","bytes":"","ts":"2026-01-01T00:00:00Z","#
    let json = Array((base + member + "}").utf8)
    let (_, problems) = Self.decodeEverything(FocusEdge.Builtins.self, json: json, binary: nil)
    #expect(problems.isEmpty, "\(problems)")
  }
}
