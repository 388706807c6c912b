/// The SHA-256 hash function (FIPS 180-4), in pure Swift.
///
/// Use the one-shot ``hash(_:)`` for a message in memory, or feed a message in pieces with
/// ``update(_:)`` and read the digest with ``finalize()``:
///
/// ```swift
/// let digest = SHA256.hash(Array("abc".utf8))  // ba7816bf…f20015ad, 32 bytes
///
/// var hasher = SHA256()
/// hasher.update(Array("ab".utf8))
/// hasher.update(Array("c".utf8))
/// let same = hasher.finalize()
/// ```
///
/// The implementation allocates one 64-byte block buffer per hasher and nothing per block; it does
/// not use Foundation.
public struct SHA256: Sendable {
  /// The size of a digest in bytes (32).
  public static let digestByteCount = 32

  /// The size of the block the compression function consumes, in bytes (64).
  public static let blockByteCount = 64

  /// The eight 32-bit words of the chaining state.
  private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
  /// Bytes of a block not yet compressed (always fewer than 64 between calls).
  private var pending: [UInt8]
  /// Total message length so far, in bytes.
  private var messageByteCount: UInt64

  /// Creates a hasher in the initial state of FIPS 180-4 §5.3.3.
  public init() {
    state = (
      0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
      0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    pending = []
    pending.reserveCapacity(Self.blockByteCount)
    messageByteCount = 0
  }

  /// Hashes `message` in one call and returns its 32-byte digest.
  ///
  /// ```swift
  /// SHA256.hash([])  // e3b0c442…7852b855
  /// ```
  public static func hash<Bytes: Sequence>(_ message: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
    var hasher = SHA256()
    hasher.update(message)
    return hasher.finalize()
  }

  /// Appends `bytes` to the message being hashed.
  public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
      update(UnsafeRawBufferPointer(buffer))
    }
    if handled == nil {
      update(Array(bytes))
    }
  }

  /// Appends the bytes in `buffer` to the message being hashed.
  public mutating func update(_ buffer: UnsafeRawBufferPointer) {
    guard !buffer.isEmpty else { return }
    messageByteCount &+= UInt64(buffer.count)
    var offset = 0
    if !pending.isEmpty {
      let take = min(Self.blockByteCount - pending.count, buffer.count)
      pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<take]))
      offset = take
      guard pending.count == Self.blockByteCount else { return }
      pending.withUnsafeBytes { compress($0) }
      pending.removeAll(keepingCapacity: true)
    }
    while buffer.count - offset >= Self.blockByteCount {
      compress(UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + Self.blockByteCount)]))
      offset += Self.blockByteCount
    }
    if offset < buffer.count {
      pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[offset...]))
    }
  }

  /// Returns the digest of everything passed to ``update(_:)`` so far.
  ///
  /// The hasher itself is not changed, so more bytes may be appended afterwards and a longer
  /// message's digest read later.
  public func finalize() -> [UInt8] {
    var copy = self
    let bitLength = messageByteCount &* 8
    var padding: [UInt8] = [0x80]
    let afterMarker = (Int(messageByteCount % 64) + 1) % 64
    let zeroCount = afterMarker <= 56 ? 56 - afterMarker : 120 - afterMarker
    padding.append(contentsOf: repeatElement(0, count: zeroCount))
    for shift in stride(from: 56, through: 0, by: -8) {
      padding.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
    }
    let savedCount = copy.messageByteCount
    padding.withUnsafeBytes { copy.update($0) }
    copy.messageByteCount = savedCount
    var digest = [UInt8]()
    digest.reserveCapacity(Self.digestByteCount)
    let words = [
      copy.state.0, copy.state.1, copy.state.2, copy.state.3,
      copy.state.4, copy.state.5, copy.state.6, copy.state.7,
    ]
    for word in words {
      digest.append(UInt8(truncatingIfNeeded: word >> 24))
      digest.append(UInt8(truncatingIfNeeded: word >> 16))
      digest.append(UInt8(truncatingIfNeeded: word >> 8))
      digest.append(UInt8(truncatingIfNeeded: word))
    }
    return digest
  }

  /// Applies the compression function (FIPS 180-4 §6.2.2) to one 64-byte block.
  private mutating func compress(_ block: UnsafeRawBufferPointer) {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
      for index in 0..<16 {
        let base = index * 4
        schedule[index] =
          UInt32(block[base]) << 24 | UInt32(block[base + 1]) << 16
          | UInt32(block[base + 2]) << 8 | UInt32(block[base + 3])
      }
      for index in 16..<64 {
        let w15 = schedule[index - 15]
        let w2 = schedule[index - 2]
        let sigma0 = w15.rotatedRight(7) ^ w15.rotatedRight(18) ^ (w15 >> 3)
        let sigma1 = w2.rotatedRight(17) ^ w2.rotatedRight(19) ^ (w2 >> 10)
        schedule[index] = schedule[index - 16] &+ sigma0 &+ schedule[index - 7] &+ sigma1
      }
      var (a, b, c, d, e, f, g, h) = state
      SHA256.roundConstants.withUnsafeBufferPointer { constants in
        for index in 0..<64 {
          let sum1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
          let choice = (e & f) ^ (~e & g)
          let temp1 = h &+ sum1 &+ choice &+ constants[index] &+ schedule[index]
          let sum0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
          let majority = (a & b) ^ (a & c) ^ (b & c)
          let temp2 = sum0 &+ majority
          h = g
          g = f
          f = e
          e = d &+ temp1
          d = c
          c = b
          b = a
          a = temp1 &+ temp2
        }
      }
      state = (
        state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d,
        state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h
      )
    }
  }

  /// The 64 round constants of FIPS 180-4 §4.2.2.
  private static let roundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]
}

extension UInt32 {
  /// Rotates the bits right by `count` (0 < count < 32).
  @inline(__always)
  fileprivate func rotatedRight(_ count: UInt32) -> UInt32 {
    (self >> count) | (self << (32 - count))
  }
}
