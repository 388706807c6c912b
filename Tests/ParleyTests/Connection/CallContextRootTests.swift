import Parley
import Testing

@Suite("Call-chain roots")
struct CallContextRootTests {
  @Test("a root is 15 lowercase hex digits and 10,000 of them are distinct")
  func rootsAreShortHexAndDistinct() {
    var seen = Set<String>()
    for _ in 0..<10_000 {
      let root = CallContext.makeRoot()
      #expect(root.utf8.count == 15)
      #expect(root.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }, "\(root)")
      seen.insert(root)
    }
    #expect(seen.count == 10_000)
  }
}
