import Parley
import Testing

@Suite("SHA-256 (FIPS 180-4)")
struct SHA256Tests {
  @Test(
    "NIST example messages",
    arguments: [
      ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
      ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
      (
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
      ),
      (
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
      ),
    ])
  func nistExamples(message: String, digest: String) {
    #expect(Hex.string(SHA256.hash(Array(message.utf8))) == digest)
  }

  @Test("one million 'a'")
  func millionA() {
    let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    #expect(
      Hex.string(SHA256.hash(message)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    // Fed in uneven pieces, the digest is the same.
    var hasher = SHA256()
    var offset = 0
    var piece = 1
    while offset < message.count {
      let end = min(message.count, offset + piece)
      hasher.update(message[offset..<end])
      offset = end
      piece = piece * 3 % 1000 + 1
    }
    #expect(
      Hex.string(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test(
    "lengths around the padding boundary",
    arguments: [
      (55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"),
      (56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"),
      (57, "2fe741af801cc238602ac0ec6a7b0c3a8a87c7fc7d7f02a3fe03d1c12eac4d8f"),
      (63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"),
      (64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"),
      (65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"),
      (119, "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6"),
      (120, "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c"),
      (1000, "4e4c294b331f7a2099a379bec34b9f9fc03dc46ab465d998f4d683da53487e6d"),
    ])
  func paddingBoundaries(length: Int, digest: String) {
    let message = (0..<length).map { UInt8($0 % 251) }
    #expect(Hex.string(SHA256.hash(message)) == digest)
  }

  @Test("streaming in two pieces equals one shot, at every split point")
  func everySplit() {
    let message = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37) }
    let expected = SHA256.hash(message)
    for split in 0...message.count {
      var hasher = SHA256()
      hasher.update(message[..<split])
      hasher.update(message[split...])
      #expect(hasher.finalize() == expected, "split at \(split)")
    }
  }

  @Test("finalize does not consume the hasher")
  func finalizeIsNonDestructive() {
    var hasher = SHA256()
    hasher.update(Array("ab".utf8))
    _ = hasher.finalize()
    hasher.update(Array("c".utf8))
    #expect(hasher.finalize() == SHA256.hash(Array("abc".utf8)))
  }

  @Test("a non-contiguous sequence is hashed like its array")
  func nonContiguousSequence() {
    let sequence = (0..<100).lazy.map { UInt8($0) }
    #expect(SHA256.hash(sequence) == SHA256.hash(Array(sequence)))
  }
}
