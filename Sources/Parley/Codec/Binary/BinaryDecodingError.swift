/// Why bytes could not be decoded as a binary-codec message.
///
/// Every error carries the byte ``offset`` (from the start of the buffer given to
/// ``BinaryReader``) where the problem was found and, when the generated decoder adds it, the
/// ``path`` of the field being decoded. Its ``description`` reads like
/// `items[3].price: byte 41: field 2 has wire type varint; expected length-delimited`.
///
/// A decoder never traps on bad input; it throws this error instead. The runtime reports it to the
/// peer as `DECODE_FAILED`.
public struct BinaryDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What exactly is wrong.
  public enum Reason: Sendable, Hashable {
    /// The input ends in the middle of a value: `needed` more bytes, `available` left.
    case truncated(needed: Int, available: Int)
    /// A varint has more than 10 bytes, or its value does not fit 64 bits.
    case varintTooLong
    /// A tag's value does not fit 32 bits.
    case invalidTag(UInt64)
    /// A tag names field number 0, which is never valid.
    case fieldNumberZero
    /// A tag has wire type 3, 4, 6 or 7.
    case invalidWireType(UInt8, field: Int)
    /// A known field arrived with another wire type than its declared type needs.
    case wireTypeMismatch(field: Int, expected: BinaryWireType, found: BinaryWireType)
    /// A length prefix announces more bytes than the enclosing message has left.
    case lengthExceedsRemaining(length: UInt64, remaining: Int)
    /// A number does not fit the declared type (`value` is its decimal form).
    case valueOutOfRange(type: String, value: String)
    /// A `String` is not valid UTF-8.
    case invalidUTF8
    /// A `UUID` does not have exactly 16 bytes.
    case invalidUUIDLength(Int)
    /// A `Timestamp` or `Duration` has a nanoseconds part outside 0 … 999,999,999.
    case invalidNanoseconds(Int64)
    /// Messages, lists and maps are nested deeper than the reader's limit.
    case nestingTooDeep(limit: Int)
    /// A required field is absent (its name, as in the contract).
    case missingRequiredField(String)
    /// A union's body holds `variantCount` fields; it must hold exactly one.
    case invalidUnion(variantCount: Int)
    /// Anything else a generated decoder detects, in words.
    case other(String)
  }

  /// What is wrong.
  public let reason: Reason
  /// The byte offset, from the start of the decoded buffer, where the problem was found.
  public let offset: Int
  /// The path of the field being decoded, outermost first (`["items", "[3]", "price"]`); empty
  /// when unknown.
  public var path: [String]

  /// Creates an error; generated decoders use it for missing required fields and bad unions.
  ///
  /// ```swift
  /// throw BinaryDecodingError(.missingRequiredField("id"), offset: reader.offset)
  /// ```
  public init(_ reason: Reason, offset: Int, path: [String] = []) {
    self.reason = reason
    self.offset = offset
    self.path = path
  }

  /// This error with `component` put in front of its path, as a decoder adds the name of the field
  /// (or `[index]` of the list element) whose decoding failed.
  ///
  /// ```swift
  /// do { price = try reader.readMessage { try Money(from: &$0) } }
  /// catch let error as BinaryDecodingError { throw error.prefixingPath("price") }
  /// ```
  public func prefixingPath(_ component: String) -> BinaryDecodingError {
    BinaryDecodingError(reason, offset: offset, path: [component] + path)
  }

  /// The path in contract notation: `items[3].price`.
  public var renderedPath: String {
    var rendered = ""
    for component in path {
      if !rendered.isEmpty && !component.hasPrefix("[") {
        rendered += "."
      }
      rendered += component
    }
    return rendered
  }

  /// A sentence with the path, the byte offset and the problem.
  public var description: String {
    let location = path.isEmpty ? "byte \(offset)" : "\(renderedPath): byte \(offset)"
    return "\(location): \(explanation)"
  }

  /// The problem in words, without location.
  private var explanation: String {
    switch reason {
    case .truncated(let needed, let available):
      return "input ends early: \(needed) more bytes needed, \(available) available"
    case .varintTooLong:
      return "varint is longer than 10 bytes or overflows 64 bits"
    case .invalidTag(let tag):
      return "tag \(tag) does not fit 32 bits"
    case .fieldNumberZero:
      return "field number 0 is not valid"
    case .invalidWireType(let raw, let field):
      return "field \(field) has invalid wire type \(raw)"
    case .wireTypeMismatch(let field, let expected, let found):
      return "field \(field) has wire type \(found); expected \(expected)"
    case .lengthExceedsRemaining(let length, let remaining):
      return "length \(length) exceeds the \(remaining) bytes remaining in the enclosing message"
    case .valueOutOfRange(let type, let value):
      return "value \(value) is out of range for \(type)"
    case .invalidUTF8:
      return "string is not valid UTF-8"
    case .invalidUUIDLength(let count):
      return "UUID has \(count) bytes; expected 16"
    case .invalidNanoseconds(let value):
      return "nanoseconds \(value) outside 0...999999999"
    case .nestingTooDeep(let limit):
      return "nesting deeper than \(limit) levels"
    case .missingRequiredField(let name):
      return "required field '\(name)' is missing"
    case .invalidUnion(let count):
      return "union holds \(count) variants; expected exactly 1"
    case .other(let message):
      return message
    }
  }
}
