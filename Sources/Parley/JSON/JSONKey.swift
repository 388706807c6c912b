/// An object key packed into integers, for matching member names without allocating a `String`
/// (the hot path of envelope and message decoding).
///
/// Keys up to 16 UTF-8 bytes compare exactly; longer keys compare by length and first 16 bytes,
/// so only keys of 16 bytes or less should be used as patterns.
///
/// ```swift
/// static let id = JSONKey("id")
/// while let key = try reader.nextMemberKey() {
///   switch key {
///   case Self.id: id = try reader.readUInt64()
///   default: try reader.skipValue()
///   }
/// }
/// ```
public struct JSONKey: Hashable, Sendable {
  /// The key's length in UTF-8 bytes.
  public let length: Int
  let low: UInt64
  let high: UInt64

  /// Packs a key.
  public init(_ key: String) {
    self.init(utf8: Array(key.utf8))
  }

  init(utf8 bytes: [UInt8]) {
    self.init(bytes[...])
  }

  init(_ bytes: ArraySlice<UInt8>) {
    self = bytes.withUnsafeBufferPointer { JSONKey($0) }
  }

  /// Packs the key whose UTF-8 bytes are `bytes` (byte `i` of the first 16 at bit `8 × i`).
  @inline(__always)
  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    var low: UInt64 = 0
    var high: UInt64 = 0
    let packed = Swift.min(bytes.count, 16)
    var index = 0
    while index < packed {
      let byte = UInt64(bytes[index])
      if index < 8 {
        low |= byte &<< UInt64(index &* 8)
      } else {
        high |= byte &<< UInt64((index &- 8) &* 8)
      }
      index &+= 1
    }
    self.length = bytes.count
    self.low = low
    self.high = high
  }
}

extension JSONReader {
  /// Like ``nextMember()`` but returns the key packed as a ``JSONKey`` (no allocation unless the
  /// key contains escapes), or `nil` after consuming the object's closing `}`.
  public mutating func nextMemberKey() throws(JSONError) -> JSONKey? {
    guard let range = try nextMemberRange() else { return nil }
    if range.escaped {
      var decoder = JSONReader(Array(bytes[(range.bytes.lowerBound - 1)...(range.bytes.upperBound)]))
      return JSONKey(utf8: Array(try decoder.readString().utf8))
    }
    return bytes.withUnsafeBufferPointer { JSONKey(UnsafeBufferPointer(rebasing: $0[range.bytes])) }
  }
}
