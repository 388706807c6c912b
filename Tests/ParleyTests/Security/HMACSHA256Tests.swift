import Parley
import Testing

/// One test case of RFC 4231 §4.
struct RFC4231Case: Sendable, CustomStringConvertible {
  let number: Int
  let key: [UInt8]
  let data: [UInt8]
  /// The expected code; case 5 gives only the first 128 bits.
  let expected: String
  var description: String { "RFC 4231 test case \(number)" }
}

@Suite("HMAC-SHA256 (RFC 2104, RFC 4231 vectors)")
struct HMACSHA256Tests {
  static let rfc4231: [RFC4231Case] = [
    RFC4231Case(
      number: 1, key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
      expected: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    RFC4231Case(
      number: 2, key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
      expected: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    RFC4231Case(
      number: 3, key: [UInt8](repeating: 0xaa, count: 20), data: [UInt8](repeating: 0xdd, count: 50),
      expected: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    RFC4231Case(
      number: 4, key: Array(1...25), data: [UInt8](repeating: 0xcd, count: 50),
      expected: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    RFC4231Case(
      number: 5, key: [UInt8](repeating: 0x0c, count: 20), data: Array("Test With Truncation".utf8),
      expected: "a3b6167473100ee06e0c796c2955552b"),
    RFC4231Case(
      number: 6, key: [UInt8](repeating: 0xaa, count: 131),
      data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
      expected: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    RFC4231Case(
      number: 7, key: [UInt8](repeating: 0xaa, count: 131),
      data: Array(
        ("This is a test using a larger than block-size key and a larger than block-size data. "
          + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
      expected: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
  ]

  @Test("RFC 4231 test cases 1–7", arguments: rfc4231)
  func rfc4231Vectors(testCase: RFC4231Case) {
    let code = HMACSHA256.authenticationCode(for: testCase.data, key: testCase.key)
    #expect(code.count == HMACSHA256.byteCount)
    // Case 5 publishes the code truncated to 128 bits; compare that many leading bytes.
    let compared = Hex.string(code.prefix(testCase.expected.count / 2))
    #expect(compared == testCase.expected)
  }

  @Test("streaming equals one shot", arguments: rfc4231)
  func streaming(testCase: RFC4231Case) {
    var mac = HMACSHA256(key: testCase.key)
    let middle = testCase.data.count / 2
    mac.update(testCase.data[..<middle])
    mac.update(testCase.data[middle...])
    #expect(mac.finalize() == HMACSHA256.authenticationCode(for: testCase.data, key: testCase.key))
  }

  @Test("a key of exactly one block is used as is, one byte longer is hashed")
  func blockSizedKeys() {
    let message = Array("block".utf8)
    let blockKey = [UInt8](repeating: 0x42, count: 64)
    let longKey = [UInt8](repeating: 0x42, count: 65)
    // RFC 2104: a key longer than the block is replaced by its hash.
    #expect(
      HMACSHA256.authenticationCode(for: message, key: longKey)
        == HMACSHA256.authenticationCode(for: message, key: SHA256.hash(longKey)))
    #expect(
      HMACSHA256.authenticationCode(for: message, key: blockKey)
        != HMACSHA256.authenticationCode(for: message, key: SHA256.hash(blockKey)))
  }
}
