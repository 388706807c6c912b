/// HMAC with SHA-256 (RFC 2104), in pure Swift.
///
/// One-shot:
///
/// ```swift
/// let tag = HMACSHA256.authenticationCode(for: Array("message".utf8), key: secret)  // 32 bytes
/// ```
///
/// Streaming, for a message that arrives in pieces:
///
/// ```swift
/// var mac = HMACSHA256(key: secret)
/// mac.update(part1)
/// mac.update(part2)
/// let tag = mac.finalize()
/// ```
///
/// Compare tags with ``ConstantTime/equals(_:_:)``, never with `==`.
public struct HMACSHA256: Sendable {
  /// The size of an authentication code in bytes (32).
  public static let byteCount = SHA256.digestByteCount

  /// The inner hash, already fed `key ⊕ ipad`.
  private var inner: SHA256
  /// The outer hash, already fed `key ⊕ opad`.
  private let outer: SHA256

  /// Creates an authenticator keyed with `key`.
  ///
  /// A key longer than the SHA-256 block size (64 bytes) is hashed first, as RFC 2104 says; a
  /// shorter one is padded with zeros.
  public init<Key: Sequence>(key: Key) where Key.Element == UInt8 {
    var keyBlock = Array(key)
    if keyBlock.count > SHA256.blockByteCount {
      keyBlock = SHA256.hash(keyBlock)
    }
    keyBlock.append(contentsOf: repeatElement(0, count: SHA256.blockByteCount - keyBlock.count))
    var inner = SHA256()
    inner.update(keyBlock.map { $0 ^ 0x36 })
    var outer = SHA256()
    outer.update(keyBlock.map { $0 ^ 0x5c })
    self.inner = inner
    self.outer = outer
  }

  /// Computes the authentication code of `message` under `key` in one call.
  public static func authenticationCode<Message: Sequence, Key: Sequence>(
    for message: Message, key: Key
  ) -> [UInt8] where Message.Element == UInt8, Key.Element == UInt8 {
    var mac = HMACSHA256(key: key)
    mac.update(message)
    return mac.finalize()
  }

  /// Appends `bytes` to the message being authenticated.
  public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    inner.update(bytes)
  }

  /// Appends the bytes in `buffer` to the message being authenticated.
  public mutating func update(_ buffer: UnsafeRawBufferPointer) {
    inner.update(buffer)
  }

  /// Returns the 32-byte authentication code of everything passed to ``update(_:)`` so far.
  ///
  /// The authenticator is not changed; more bytes may be appended afterwards.
  public func finalize() -> [UInt8] {
    var outer = self.outer
    outer.update(inner.finalize())
    return outer.finalize()
  }
}
