import Foundation
import Parley
import Testing

/// Numbers at and beyond the edges of `Double` and `Float`, and negative zero.
@Suite struct JSONNumberHostileInputTests {
  /// `Double("1e400")` is infinity, not nil: such numbers used to read as ±infinity (a finite
  /// number silently became a non-finite one); they are an error now, as in Foundation's decoder.
  @Test(arguments: ["1e400", "-1e400", "1E309", "\"1e400\"", "123e999999999999999999"])
  func numbersBeyondDoubleAreRejected(_ text: String) {
    var reader = JSONReader(Array(text.utf8))
    #expect(throws: JSONError.self) { try reader.readDouble() }
    var floatReader = JSONReader(Array(text.utf8))
    #expect(throws: JSONError.self) { try floatReader.readParleyFloat() }
  }

  /// A finite number beyond `Float`'s range used to read as infinity; it is an error now.
  @Test(arguments: ["1e39", "-3.5e38", "1e300", "\"1e300\""])
  func numbersBeyondFloatAreRejected(_ text: String) throws {
    var reader = JSONReader(Array(text.utf8))
    #expect(throws: JSONError.self) { try reader.readParleyFloat() }
    var doubleReader = JSONReader(Array(text.utf8))
    #expect(try doubleReader.readDouble().isFinite)
  }

  /// What is still accepted: the extremes, underflow to zero, and the non-finite names.
  @Test func edgesThatStillRead() throws {
    func double(_ text: String) throws -> Double {
      var reader = JSONReader(Array(text.utf8))
      return try reader.readDouble()
    }
    func float(_ text: String) throws -> Float {
      var reader = JSONReader(Array(text.utf8))
      return try reader.readParleyFloat()
    }
    #expect(try double("1.7976931348623157e308") == .greatestFiniteMagnitude)
    #expect(try double("1e-400") == 0)
    #expect(try double("\"Infinity\"") == .infinity)
    #expect(try double("\"-Infinity\"") == -.infinity)
    #expect(try double("\"NaN\"").isNaN)
    #expect(try float("3.4028235e38") == .greatestFiniteMagnitude)
    #expect(try float("\"-Infinity\"") == -.infinity)
    #expect(try float("1e-50") == 0)
  }

  /// Negative zero used to be written as the integer `0`, losing its sign; it round-trips now.
  @Test func negativeZeroKeepsItsSign() throws {
    var writer = JSONWriter()
    writer.beginArray()
    writer.double(-0.0)
    writer.parleyFloat(-0.0)
    writer.double(0)
    writer.endArray()
    let text = String(decoding: writer.bytes, as: UTF8.self)
    #expect(text == "[-0.0,-0.0,0]")
    var reader = JSONReader(writer.bytes)
    try reader.beginArray()
    #expect(try reader.nextElement())
    let first = try reader.readDouble()
    #expect(first == 0 && first.sign == .minus)
    #expect(try reader.nextElement())
    let second = try reader.readParleyFloat()
    #expect(second == 0 && second.sign == .minus)
    #expect(try reader.nextElement())
    #expect(try reader.readDouble().sign == .plus)
  }
}

/// Enum case numbers in JSON: those the binary codec cannot carry are rejected as there.
@Suite struct JSONEnumNumberHostileInputTests {
  static func read(_ text: String) throws -> FocusEdge.Level {
    var reader = JSONReader(Array(text.utf8))
    return try reader.readParleyEnum(FocusEdge.Level.self)
  }

  /// Negative and too large numbers used to be kept as unknown cases, which binary writers then
  /// wrote as 10-byte varints that every binary reader rejects; they are a JSONError now.
  @Test(arguments: ["-1", "2147483648", "9223372036854775807", "-9223372036854775808"])
  func numbersNoContractCanDeclareAreRejected(_ text: String) {
    #expect(throws: JSONError.self) { try Self.read(text) }
  }

  /// The Codable mapping (`JSONDecoder`) agrees with the fast path: the same numbers are errors,
  /// declarable ones are kept.
  @Test(arguments: ["-1", "2147483648", "9223372036854775807", "-9223372036854775808"])
  func theCodableMappingRejectsTheSameNumbers(_ text: String) {
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([FocusEdge.Level].self, from: Data("[\(text)]".utf8))
    }
  }

  @Test func theCodableMappingKeepsDeclarableNumbersAndNames() throws {
    let levels = try JSONDecoder().decode(
      [FocusEdge.Level].self, from: Data(#"[1, 2147483647, 0, "low"]"#.utf8))
    #expect(levels.count == 4)
    #expect(levels[0] == .low && levels[1] == .unknown(.number(2_147_483_647)))
    #expect(levels[2] == .unknown(.number(0)) && levels[3] == .low)
  }

  @Test func declarableNumbersAreKept() throws {
    #expect(try Self.read("1") == .low)
    #expect(try Self.read("2147483647") == .unknown(.number(2_147_483_647)))
    #expect(try Self.read("0") == .unknown(.number(0)))
    var writer = BinaryWriter()
    writer.writeParleyEnum(try Self.read("2147483647"))
    var reader = BinaryReader(writer.bytes)
    #expect(try reader.readParleyEnum(FocusEdge.Level.self) == .unknown(.number(2_147_483_647)))
  }
}
