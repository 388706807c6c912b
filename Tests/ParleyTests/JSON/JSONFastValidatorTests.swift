import Testing

@testable import Parley

/// ``JSONFastValidator`` may only ever say "certainly valid" for input the full reader accepts,
/// and should say it for the common payloads.
@Suite struct JSONFastValidatorTests {
  private func fast(_ text: String, maxDepth: Int = JSONReader.defaultMaxDepth) -> Bool {
    Array(text.utf8).withUnsafeBufferPointer { JSONFastValidator.isCertainlyValid($0, maxDepth: maxDepth) }
  }

  private func full(_ bytes: [UInt8], maxDepth: Int = JSONReader.defaultMaxDepth) -> Bool {
    var reader = JSONReader(bytes, maxDepth: maxDepth)
    return (try? reader.skipValue()) != nil && (try? reader.finish()) != nil
  }

  @Test(arguments: [
    #"{"id":"ord_42","note":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}"#, " 0 ", "-0", "-12.5e+3", "1E9",
    "0.25",
    "true", "false", "null", #""""#, #""a\"b\\c\/d\b\f\n\r\t""#, "[]", "{}", " [ 1 , [ ] , { } , \"x\" ] ",
    #"{"a":{"b":[1,2,{"c":null}]},"d":false}"#, "[[[[[[[[[[1]]]]]]]]]]",
  ])
  func acceptsCommonValidJSON(_ text: String) {
    #expect(fast(text))
    #expect(full(Array(text.utf8)))
  }

  @Test(arguments: [
    "", " ", "{", "}", "[1,]", #"{"a":1,}"#, #"{"a"}"#, #"{"a":}"#, "{1:2}", "01", "-", "1.", "1e", ".5",
    "+1",
    "tru", "nul", "fals", "falsy", "[1 2]", #""abc"#, "\"a\u{1}\"", #""\x""#, "1 2", "[}", "{]", "[1]]",
  ])
  func rejectsInvalidJSON(_ text: String) {
    #expect(!fast(text))
    #expect(!full(Array(text.utf8)))
  }

  @Test func leavesUnusualValidInputToTheReader() {
    // Valid, but not decided here: the reader accepts them when `validate` falls back.
    for text in [#""caf\u00e9""#, "\"café\"", #""\ud83d\ude00""#] {
      #expect(!fast(text))
      #expect((try? JSONReader.validate(Array(text.utf8))) != nil)
    }
  }

  @Test func respectsTheDepthLimit() {
    let nested = String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
    #expect(fast(nested, maxDepth: 10))
    #expect(!fast(nested, maxDepth: 9))
    #expect(!full(Array(nested.utf8), maxDepth: 9))
    let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
    #expect(!fast(deep, maxDepth: 100))
    #expect((try? JSONReader.validate(Array(deep.utf8), maxDepth: 100)) != nil)
    #expect((try? JSONReader.validate(Array(deep.utf8), maxDepth: 64)) == nil)
  }

  /// Mutated valid documents and random byte soup: whenever the quick check says valid, the
  /// reader agrees (fixed seed).
  @Test func neverAcceptsWhatTheReaderRejects() {
    var random = CodecRandom(seed: 0x4A53_4F4E)
    let seeds = [
      #"{"id":"ord_42","qty":12,"items":[{"sku":"a","price":-1.5e2}],"ok":true,"x":null}"#,
      #"[1,"two",{"three":[3,false]},[],{},"\n\t"]"#,
    ].map { Array($0.utf8) }
    let alphabet =
      Array(#"{}[],:"\ -+.eE0123456789tfnrualsxu/bt"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xA9, 0xFF]
    var accepted = 0
    for round in 0..<20_000 {
      var bytes: [UInt8]
      if round % 4 == 3 {
        bytes = (0..<Int.random(in: 0..<24, using: &random)).map { _ in
          alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
        }
      } else {
        bytes = seeds[round % seeds.count]
        for _ in 0..<Int.random(in: 1...3, using: &random) {
          let index = Int.random(in: 0..<bytes.count, using: &random)
          switch Int.random(in: 0..<3, using: &random) {
          case 0: bytes[index] = alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
          case 1: bytes.remove(at: index)
          default: bytes.insert(alphabet[Int.random(in: 0..<alphabet.count, using: &random)], at: index)
          }
          if bytes.isEmpty { break }
        }
      }
      let maxDepth = Int.random(in: 1...4, using: &random)
      let quick = bytes.withUnsafeBufferPointer { JSONFastValidator.isCertainlyValid($0, maxDepth: maxDepth) }
      if quick {
        accepted += 1
        #expect(full(bytes, maxDepth: maxDepth), "accepted: \(String(decoding: bytes, as: UTF8.self))")
      }
    }
    #expect(accepted > 100, "the fuzz inputs should include valid documents")
  }
}
