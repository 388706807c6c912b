import Parley
import Testing

/// The writer scans strings 8 bytes at a time: every character that needs escaping must be found
/// at every offset within those words.
@Suite struct JSONWriterEscapingTests {
  /// RFC 8259 escaping, one character at a time (the reference).
  static func reference(_ text: String) -> String {
    let hex = Array("0123456789abcdef".utf8)
    var out: [UInt8] = [0x22]
    for byte in text.utf8 {
      switch byte {
      case 0x22, 0x5C: out += [0x5C, byte]
      case 0x0A: out += Array("\\n".utf8)
      case 0x0D: out += Array("\\r".utf8)
      case 0x09: out += Array("\\t".utf8)
      case 0x08: out += Array("\\b".utf8)
      case 0x0C: out += Array("\\f".utf8)
      case 0..<0x20: out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
      default: out.append(byte)
      }
    }
    return String(decoding: out + [0x22], as: UTF8.self)
  }

  @Test(arguments: ["\"", "\\", "\n", "\u{0}", "\u{1F}", "\t", "\u{7F}", "é", "😀", "a"])
  func escapesEveryCharacterAtEveryOffset(_ special: String) throws {
    for length in 0..<24 {
      for position in 0...length {
        let text =
          String(repeating: "x", count: position) + special + String(repeating: "y", count: length - position)
        var writer = JSONWriter()
        writer.string(text)
        let written = String(decoding: writer.bytes, as: UTF8.self)
        #expect(written == Self.reference(text), "\(Array(text.utf8))")
        var reader = JSONReader(writer.bytes)
        #expect(try reader.readString() == text)
      }
    }
  }

  @Test func writesLiteralsAndKeys() {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("a\"b")
    writer.bool(true)
    writer.key("c")
    writer.bool(false)
    writer.key("long key with spaces")
    writer.null()
    writer.endObject()
    #expect(
      String(decoding: writer.bytes, as: UTF8.self) == #"{"a\"b":true,"c":false,"long key with spaces":null}"#
    )
  }
}
