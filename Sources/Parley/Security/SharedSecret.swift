/// A secret shared by both ends of a TCP connection, used to authenticate each other with
/// ``SharedSecretAuthenticator``.
///
/// The bytes never leave the process: `description` and `debugDescription` only say how long the
/// secret is, so that logging a configuration cannot leak it. Load one from a private file with
/// ``load(fromFile:)``.
public struct SharedSecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
  /// The fewest bytes a secret may have (16, i.e. 128 bits).
  public static let minimumByteCount = 16

  /// The secret's bytes. Handle with care: never log or send them.
  public let bytes: [UInt8]

  /// Wraps `bytes` as a secret.
  ///
  /// - Throws: ``SharedSecretError/tooShort(byteCount:minimum:)`` when `bytes` has fewer than
  ///   ``minimumByteCount`` bytes.
  public init(bytes: [UInt8]) throws(SharedSecretError) {
    guard bytes.count >= Self.minimumByteCount else {
      throw .tooShort(byteCount: bytes.count, minimum: Self.minimumByteCount)
    }
    self.bytes = bytes
  }

  /// A redacted description: the secret's length only.
  public var description: String { "SharedSecret(\(bytes.count) bytes, redacted)" }

  /// A redacted description: the secret's length only.
  public var debugDescription: String { description }
}
