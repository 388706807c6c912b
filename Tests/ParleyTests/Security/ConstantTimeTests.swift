import Parley
import Testing

@Suite("Constant-time comparison")
struct ConstantTimeTests {
  @Test("equal and unequal byte strings")
  func comparisons() {
    #expect(ConstantTime.equals([UInt8](), [UInt8]()))
    #expect(ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
    #expect(!ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2, 4] as [UInt8]))
    #expect(!ConstantTime.equals([0, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
    #expect(!ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2] as [UInt8]))
    #expect(!ConstantTime.equals([0xff] as [UInt8], [0x7f] as [UInt8]))
    // Mixed collection types compare by content.
    let array: [UInt8] = [9, 8, 7, 6]
    #expect(ConstantTime.equals(array[1...], [8, 7, 6] as [UInt8]))
  }

  @Test("every single-bit difference is detected")
  func singleBitFlips() {
    let reference = [UInt8](repeating: 0x5a, count: 32)
    for index in reference.indices {
      for bit in 0..<8 {
        var flipped = reference
        flipped[index] ^= 1 << bit
        #expect(!ConstantTime.equals(reference, flipped))
      }
    }
  }
}

@Suite("Secure random bytes")
struct SecureRandomTests {
  @Test("the requested number of bytes, different each time")
  func bytes() throws {
    #expect(try SecureRandom.bytes(count: 0).isEmpty)
    let first = try SecureRandom.bytes(count: 32)
    let second = try SecureRandom.bytes(count: 32)
    #expect(first.count == 32)
    #expect(first != second)
    // More than getentropy's 256-byte limit per call.
    let large = try SecureRandom.bytes(count: 1000)
    #expect(large.count == 1000)
    #expect(Set(large).count > 100)
  }
}
