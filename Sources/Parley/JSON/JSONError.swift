/// A JSON input that is malformed or does not have the expected shape.
///
/// Thrown by ``JSONReader``; the envelope codec turns it into `PROTOCOL_ERROR` (a broken
/// envelope) and generated code turns it into `DECODE_FAILED` (a broken payload).
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong, e.g. `expected ':' after object key`.
  public var message: String
  /// The byte offset in the input where the problem was found.
  public var offset: Int

  /// Creates an error at `offset`.
  public init(_ message: String, at offset: Int) {
    self.message = message
    self.offset = offset
  }

  /// `message at byte N`.
  public var description: String { "\(message) at byte \(offset)" }
}
