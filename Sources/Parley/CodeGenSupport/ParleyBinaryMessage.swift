/// A value that generated code encodes as a binary-codec *message* (a struct, an error or a union):
/// a sequence of numbered fields, as specified in `docs/binary-codec.md`.
///
/// Generated types implement both requirements directly (no reflection):
///
/// ```swift
/// var writer = BinaryWriter()
/// order.encodeParleyBinary(to: &writer)
/// var reader = BinaryReader(writer.bytes)
/// let copy = try Order(parleyBinary: &reader)
/// ```
public protocol ParleyBinaryMessage: Sendable {
  /// Decodes the fields of one message: reads ``BinaryReader/nextField()`` until it returns `nil`,
  /// skipping unknown fields.
  ///
  /// - Throws: ``BinaryDecodingError`` for malformed input or a missing required field, with the
  ///   path of the failing field.
  init(parleyBinary reader: inout BinaryReader) throws

  /// Appends the fields of this message (not a length prefix) in ascending field-number order.
  func encodeParleyBinary(to writer: inout BinaryWriter)
}

extension ParleyBinaryMessage {
  /// Decodes a whole payload.
  ///
  /// - Throws: ``BinaryDecodingError``.
  @inlinable
  public init(parleyBinaryBytes bytes: [UInt8]) throws {
    var reader = BinaryReader(bytes)
    try self.init(parleyBinary: &reader)
  }

  /// The message encoded as a whole payload.
  @inlinable
  public var parleyBinaryBytes: [UInt8] {
    // A typical message is encoded on the stack and copied once into the exact-size result.
    BinaryWriter.withScratch { writer in
      encodeParleyBinary(to: &writer)
      return writer.bytes
    }
  }
}

/// A generated open enum: known cases plus an unknown case that keeps the raw number or name.
public protocol ParleyEnum: Sendable, Hashable {
  /// The case with binary-wire number `number`, or the unknown case keeping it.
  init(parleyNumber number: Int)
  /// The case with JSON-wire name `name`, or the unknown case keeping it.
  init(parleyName name: String)
  /// The binary-wire number (0 for an unknown case known only by name).
  var parleyNumber: Int { get }
  /// The JSON-wire name, or `nil` for an unknown case known only by number.
  var parleyName: String? { get }
}

extension BinaryReader {
  /// Reads a nested message of type `type` (length-delimited).
  ///
  /// - Throws: ``BinaryDecodingError``.
  @inlinable
  public mutating func readParleyMessage<Message: ParleyBinaryMessage>(_ type: Message.Type) throws -> Message
  {
    try readMessage { try Message(parleyBinary: &$0) }
  }

  /// Reads an enum case (a varint); unknown numbers are kept in the enum's unknown case.
  ///
  /// - Throws: ``BinaryDecodingError``.
  @inlinable
  public mutating func readParleyEnum<Value: ParleyEnum>(_ type: Value.Type) throws -> Value {
    Value(parleyNumber: try readEnumCase())
  }

  /// Reads a list, calling `readElement` with the reader and the element's index, and puts
  /// `[index]` in front of the path of any ``BinaryDecodingError`` an element throws.
  ///
  /// - Throws: ``BinaryDecodingError``.
  @inlinable
  public mutating func readIndexedList<Element>(
    _ readElement: (inout BinaryReader) throws -> Element
  ) throws -> [Element] {
    var index = 0
    return try readList { reader in
      defer { index += 1 }
      do {
        return try readElement(&reader)
      } catch let error as BinaryDecodingError {
        throw error.prefixingPath("[\(index)]")
      }
    }
  }

  /// Runs `body` and puts `component` (a field name) in front of the path of any
  /// ``BinaryDecodingError`` it throws.
  ///
  /// - Throws: whatever `body` throws.
  @inlinable
  public mutating func withParleyPath<Value>(
    _ component: String, _ body: (inout BinaryReader) throws -> Value
  ) throws -> Value {
    do {
      return try body(&self)
    } catch let error as BinaryDecodingError {
      throw error.prefixingPath(component)
    }
  }

  /// Reads the value of the field whose tag ``nextField()`` just returned, keeping its bytes, for
  /// a union variant this version does not know.
  ///
  /// - Throws: ``BinaryDecodingError`` for a malformed value.
  @inlinable
  public mutating func readUnknownUnionVariant(_ field: BinaryField) throws -> UnknownUnionVariant {
    let value: UnknownUnionVariant.BinaryValue
    switch field.wireType {
    case .varint: value = .varint(try readVarint())
    case .fixed32: value = .fixed32(try readFixed32())
    case .fixed64: value = .fixed64(try readFixed64())
    case .lengthDelimited: value = .lengthDelimited(try readBytes())
    }
    return UnknownUnionVariant(number: field.number, binaryValue: value)
  }
}

extension BinaryWriter {
  /// Writes field `field` holding `message` (length-delimited).
  @inlinable
  public mutating func writeParleyMessage<Message: ParleyBinaryMessage>(field: Int, _ message: Message) {
    writeMessage(field: field) { message.encodeParleyBinary(to: &$0) }
  }

  /// Writes `message` bare (a list element or map value).
  @inlinable
  public mutating func writeParleyMessage<Message: ParleyBinaryMessage>(_ message: Message) {
    writeMessage { message.encodeParleyBinary(to: &$0) }
  }

  /// Writes field `field` holding an enum case number.
  @inlinable
  public mutating func writeParleyEnum<Value: ParleyEnum>(field: Int, _ value: Value) {
    writeEnumCase(field: field, value.parleyNumber)
  }

  /// Writes an enum case number bare.
  @inlinable
  public mutating func writeParleyEnum<Value: ParleyEnum>(_ value: Value) {
    writeEnumCase(value.parleyNumber)
  }

  /// Writes a union variant this version does not know, as it was read. A variant known only by
  /// its JSON name (read from JSON) cannot be expressed in binary and is written as nothing, which
  /// a reader rejects as an empty union.
  @inlinable
  public mutating func writeUnknownUnionVariant(_ variant: UnknownUnionVariant) {
    guard let number = variant.number, let value = variant.binaryValue else { return }
    switch value {
    case .varint(let raw):
      writeTag(field: number, wireType: .varint)
      writeVarint(raw)
    case .fixed32(let raw):
      writeTag(field: number, wireType: .fixed32)
      writeFixed32(raw)
    case .fixed64(let raw):
      writeTag(field: number, wireType: .fixed64)
      writeFixed64(raw)
    case .lengthDelimited(let bytes):
      writeBytes(field: number, bytes)
    }
  }
}
