import Testing

@testable import Parley

/// ``JSONReader/skipValue()`` tracks open containers in a fixed inline stack (no allocation):
/// its limit, its error, and that objects and arrays are told apart at every level.
@Suite struct JSONNestingLimitTests {
  private func nested(_ levels: Int, object: (Int) -> Bool) -> [UInt8] {
    var text = ""
    for level in 0..<levels { text += object(level) ? #"{"k":"# : "[" }
    text += "1"
    for level in (0..<levels).reversed() { text += object(level) ? "}" : "]" }
    return utf8Bytes(text)
  }

  @Test func skipsUpToTheSupportedDepthAndFailsClearlyBeyondIt() throws {
    #expect(JSONReader.maximumSupportedDepth == 256)
    let atLimit = nested(256) { $0 % 3 == 0 }
    try JSONReader.validate(atLimit, maxDepth: 1000)
    let beyond = nested(257) { $0 % 3 == 0 }
    do {
      try JSONReader.validate(beyond, maxDepth: 1000)
      Issue.record("257 levels were accepted")
    } catch {
      #expect(error.message == "nesting deeper than 256 levels (the JSON reader's limit)")
    }
  }

  @Test func theConfiguredLimitStillComesFirst() {
    do {
      try JSONReader.validate(nested(65) { _ in false })
      Issue.record("65 levels were accepted with the default limit")
    } catch {
      #expect(error.message == "nesting deeper than 64")
    }
  }

  @Test func readRawValueKeepsWorkingInsideAnOuterObject() throws {
    // The inline stack counts only what skipValue opened; the reader's own depth adds the outer one.
    let inner = nested(200) { $0.isMultiple(of: 2) }
    let input = utf8Bytes(#"{"payload":"#) + inner + utf8Bytes(#","after":true}"#)
    var reader = JSONReader(input, maxDepth: 201)
    try reader.beginObject()
    #expect(try reader.nextMember() == "payload")
    let range = try reader.readRawValue()
    #expect(Array(input[range]) == inner)
    #expect(try reader.nextMember() == "after")
    #expect(try reader.readBool())
    #expect(try reader.nextMember() == nil)
    try reader.finish()
  }

  @Test func aMismatchedCloserIsCaughtAtEveryLevel() {
    // Random object/array mixes across the stack's 64-bit words; swapping any one closer fails.
    var random = CodecRandom(seed: 0x5EED_0009)
    for _ in 0..<40 {
      let levels = Int.random(in: 1...256, using: &random)
      var kinds: [Bool] = []
      for _ in 0..<levels { kinds.append(Bool.random(using: &random)) }
      let good = nested(levels) { kinds[$0] }
      #expect(throws: Never.self) { try JSONReader.validate(good, maxDepth: 300) }
      var bad = good
      let closers = bad.indices.filter { bad[$0] == UInt8(ascii: "}") || bad[$0] == UInt8(ascii: "]") }
      let index = closers[Int.random(in: 0..<closers.count, using: &random)]
      bad[index] = bad[index] == UInt8(ascii: "}") ? UInt8(ascii: "]") : UInt8(ascii: "}")
      #expect(throws: JSONError.self) { try JSONReader.validate(bad, maxDepth: 300) }
    }
  }

  @Test func theStackTellsObjectsFromArraysAcrossWords() {
    var stack = JSONNestingStack()
    var expected: [Bool] = []
    var random = CodecRandom(seed: 42)
    for _ in 0..<JSONNestingStack.capacity {
      let object = Bool.random(using: &random)
      let pushed = stack.push(object: object)
      #expect(pushed)
      expected.append(object)
      #expect(stack.innermostIsObject == object)
    }
    let pushedBeyond = stack.push(object: true)
    #expect(!pushedBeyond)
    #expect(stack.count == JSONNestingStack.capacity)
    while let last = expected.popLast() {
      #expect(stack.innermostIsObject == last)
      stack.pop()
    }
    #expect(stack.isEmpty)
    #expect(stack.innermostIsObject == nil)
  }
}
