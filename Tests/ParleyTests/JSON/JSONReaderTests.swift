import Parley
import Testing

@Suite struct JSONReaderTests {
  @Test func readsObjectsArraysAndScalars() throws {
    var reader = JSONReader(
      utf8Bytes(
        #" {"s":"a\"b\\c\n\u00e9\ud83d\ude00","n":-42,"q":"9007199254740993","d":1.5e2,"b":true,"z":null,"a":[1,[2],{}],"u":{"x":1}} "#
      ))
    var seen: [String] = []
    try reader.beginObject()
    while let key = try reader.nextMember() {
      seen.append(key)
      switch key {
      case "s": #expect(try reader.readString() == "a\"b\\c\né😀")
      case "n": #expect(try reader.readInt64() == -42)
      case "q": #expect(try reader.readInt64() == 9_007_199_254_740_993)
      case "d": #expect(try reader.readDouble() == 150)
      case "b": #expect(try reader.readBool())
      case "z": #expect(try reader.readNull())
      default: try reader.skipValue()
      }
    }
    try reader.finish()
    #expect(seen == ["s", "n", "q", "d", "b", "z", "a", "u"])
  }

  @Test func returnsRawValueRanges() throws {
    let input = utf8Bytes(#"{"payload": {"id":"ord_42","items":[1,2]} ,"x":1}"#)
    var reader = JSONReader(input)
    try reader.beginObject()
    #expect(try reader.nextMember() == "payload")
    let range = try reader.readRawValue()
    #expect(utf8Text(Array(input[range])) == #"{"id":"ord_42","items":[1,2]}"#)
  }

  @Test(arguments: [
    "", "{", "{\"a\":}", "[1,]", "{\"a\":1,}", "01", "1.", "-", "\"abc", "tru", "{\"a\" 1}", "[1 2]",
    "\"\\x\"", "\"\u{01}\"", "{} {}", "nul", "\"\\ud800\"",
  ])
  func rejectsInvalidJSON(_ input: String) {
    #expect(throws: JSONError.self) { try JSONReader.validate(utf8Bytes(input)) }
  }

  @Test func rejectsInvalidUTF8() {
    #expect(throws: JSONError.self) { try JSONReader.validate([0x22, 0xC3, 0x28, 0x22]) }
    #expect(throws: JSONError.self) { try JSONReader.validate([0x22, 0xED, 0xA0, 0x80, 0x22]) }
    #expect(throws: JSONError.self) { try JSONReader.validate([0x22, 0xF8, 0x22]) }
  }

  @Test func boundsNesting() {
    let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    #expect(throws: JSONError.self) { try JSONReader.validate(utf8Bytes(deep)) }
    #expect(throws: Never.self) { try JSONReader.validate(utf8Bytes(deep), maxDepth: 100) }
  }

  @Test func integersOutOfRange() throws {
    var big = JSONReader(utf8Bytes("9223372036854775808"))
    #expect(throws: JSONError.self) { try big.readInt64() }
    var min = JSONReader(utf8Bytes("-9223372036854775808"))
    #expect(try min.readInt64() == Int64.min)
    var unsigned = JSONReader(utf8Bytes("\"18446744073709551615\""))
    #expect(try unsigned.readUInt64() == UInt64.max)
    var fraction = JSONReader(utf8Bytes("1.5"))
    #expect(throws: JSONError.self) { try fraction.readInt64() }
  }
}

@Suite struct JSONWriterTests {
  @Test func writesEscapedStructures() throws {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("s")
    writer.string("a\"b\\c\n\u{01}é")
    writer.key("n")
    writer.int(Int64.min)
    writer.key("u")
    writer.uint(UInt64.max)
    writer.key("a")
    writer.beginArray()
    writer.bool(true)
    writer.null()
    writer.double(1.5)
    writer.double(.nan)
    writer.beginObject()
    writer.endObject()
    writer.endArray()
    writer.key("raw")
    writer.rawValue(utf8Bytes(#"{"x":[1]}"#))
    writer.endObject()
    #expect(
      utf8Text(writer.bytes)
        == #"{"s":"a\"b\\c\n\u0001é","n":-9223372036854775808,"u":18446744073709551615,"a":[true,null,1.5,"NaN",{}],"raw":{"x":[1]}}"#
    )
    try JSONReader.validate(writer.bytes)
  }

  @Test func roundTripsRandomStrings() throws {
    var random = RuntimeRandom(seed: 7)
    for _ in 0..<500 {
      let scalars = (0..<Int.random(in: 0..<20, using: &random)).compactMap { _ in
        Unicode.Scalar(UInt32.random(in: 0..<0x2_0000, using: &random))
      }
      var value = ""
      value.unicodeScalars.append(contentsOf: scalars)
      var writer = JSONWriter()
      writer.string(value)
      var reader = JSONReader(writer.bytes)
      #expect(try reader.readString() == value)
    }
  }
}
