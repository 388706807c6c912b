#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A generated type's fast JSON codec: written with ``JSONWriter`` and read with ``JSONReader``
/// directly, without Foundation's `JSONEncoder`/`JSONDecoder`. Produces the same JSON mapping as
/// the type's `Codable` conformance (see `docs/generated-code.md`); unknown members are skipped.
public protocol ParleyFastJSON: Sendable {
  /// Reads one value.
  ///
  /// - Throws: ``ParleyJSONDecodingError`` (with the failing path) or ``JSONError``.
  init(parleyJSON reader: inout JSONReader) throws
  /// Writes the value.
  func writeParleyJSON(to writer: inout JSONWriter)
}

extension ParleyFastJSON {
  /// Decodes a whole JSON text.
  ///
  /// - Throws: ``ParleyJSONDecodingError`` or ``JSONError``.
  public init(parleyJSONBytes bytes: [UInt8]) throws {
    var reader = JSONReader(bytes)
    try self.init(parleyJSON: &reader)
    try reader.finish()
  }

  /// The value as compact JSON text.
  public var parleyJSONBytes: [UInt8] {
    // Room for a typical message up front: growing from 128 bytes took up to four allocations.
    var writer = JSONWriter(capacity: 1024)
    writeParleyJSON(to: &writer)
    return writer.bytes
  }
}

/// A failure of a generated fast JSON decoder, with the path of the failing field.
public struct ParleyJSONDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The path, outermost first (`["items", "[1]", "sku"]`).
  public var path: [String]
  /// What is wrong.
  public var message: String

  /// Creates an error.
  public init(path: [String] = [], message: String) {
    self.path = path
    self.message = message
  }

  /// `items[1].sku: required field is missing`.
  public var description: String {
    var rendered = ""
    for component in path {
      if !rendered.isEmpty && !component.hasPrefix("[") { rendered += "." }
      rendered += component
    }
    return rendered.isEmpty ? message : rendered + ": " + message
  }

  /// A missing required field.
  public static func missing(_ field: String) -> ParleyJSONDecodingError {
    ParleyJSONDecodingError(path: [field], message: "required field is missing")
  }
}

extension JSONReader {
  /// Runs `body`, putting `component` in front of the path of any error it throws.
  ///
  /// - Throws: ``ParleyJSONDecodingError``.
  @inlinable
  public mutating func withParleyPath<Value>(_ component: String, _ body: (inout JSONReader) throws -> Value)
    throws
    -> Value
  {
    do {
      return try body(&self)
    } catch var error as ParleyJSONDecodingError {
      error.path.insert(component, at: 0)
      throw error
    } catch {
      throw ParleyJSONDecodingError(path: [component], message: "\(error)")
    }
  }

  /// An integer of type `Value` (a number or a decimal string), rejecting values out of range.
  ///
  /// - Throws: ``JSONError``.
  @inlinable
  public mutating func readParleyInteger<Value: FixedWidthInteger>(_ type: Value.Type) throws -> Value {
    let start = position
    if Value.isSigned {
      let wide = try readInt64()
      guard let value = Value(exactly: wide) else {
        throw JSONError("\(wide) is out of range for \(Value.self)", at: start)
      }
      return value
    }
    let wide = try readUInt64()
    guard let value = Value(exactly: wide) else {
      throw JSONError("\(wide) is out of range for \(Value.self)", at: start)
    }
    return value
  }

  /// A `Float`.
  ///
  /// - Throws: ``JSONError``, also for a finite number beyond `Float`'s range (`1e300`), as
  ///   Foundation's decoder does, rather than reading it as infinity.
  public mutating func readParleyFloat() throws -> Float {
    let start = position
    let wide = try readDouble()
    let value = Float(wide)
    guard value.isFinite || !wide.isFinite else {
      throw JSONError("number \(wide) is out of range for Float", at: start)
    }
    return value
  }

  /// `Bytes` from base64 text.
  ///
  /// - Throws: ``JSONError``.
  public mutating func readParleyBytes() throws -> Data {
    let start = position
    guard let data = Data(base64Encoded: try readString()) else {
      throw JSONError("bytes are not valid base64", at: start)
    }
    return data
  }

  /// A `Timestamp` from RFC 3339 text.
  ///
  /// - Throws: ``JSONError``.
  public mutating func readParleyTimestamp() throws -> Date {
    try readParsedText(as: "an RFC 3339 timestamp", ParleyTimeText.parseTimestamp)
  }

  /// A `Duration` from text such as `"1.5s"`.
  ///
  /// - Throws: ``JSONError``.
  public mutating func readParleyDuration() throws -> Duration {
    try readParsedText(as: "a duration like \"1.5s\"", ParleyTimeText.parseDuration)
  }

  /// A `UUID` from text.
  ///
  /// - Throws: ``JSONError``.
  public mutating func readParleyUUID() throws -> UUID {
    try readParsedText(as: "a UUID") { UUID(uuidString: $0) }
  }

  /// A string converted by `parse`; when it returns `nil`, the error quotes the text and names
  /// what was `expected` ("… is not a UUID").
  @inline(__always)
  private mutating func readParsedText<Value>(as expected: String, _ parse: (String) -> Value?) throws
    -> Value
  {
    let start = position
    let text = try readString()
    guard let value = parse(text) else { throw JSONError("'\(text)' is not \(expected)", at: start) }
    return value
  }

  /// An array, reading each element with `readElement`; errors get `[index]` in their path.
  ///
  /// - Throws: ``ParleyJSONDecodingError`` or ``JSONError``.
  @inlinable
  public mutating func readParleyArray<Element>(_ readElement: (inout JSONReader) throws -> Element) throws
    -> [Element]
  {
    var elements: [Element] = []
    try beginArray()
    while try nextElement() {
      // The path component is built only when an element fails (not once per element).
      do {
        elements.append(try readElement(&self))
      } catch var error as ParleyJSONDecodingError {
        error.path.insert("[\(elements.count)]", at: 0)
        throw error
      } catch {
        throw ParleyJSONDecodingError(path: ["[\(elements.count)]"], message: "\(error)")
      }
    }
    return elements
  }

  /// An object read as a map whose keys are `Key`s; errors get `["key"]` in their path.
  ///
  /// - Throws: ``ParleyJSONDecodingError`` or ``JSONError``.
  @inlinable
  public mutating func readParleyMap<Key: ParleyJSONMapKey, Value>(
    _ keyType: Key.Type, _ readValue: (inout JSONReader) throws -> Value
  ) throws -> [Key: Value] {
    var entries: [Key: Value] = [:]
    try beginObject()
    while let name = try nextMember() {
      guard let key = Key(parleyJSONKey: name) else {
        throw ParleyJSONDecodingError(path: ["[\"\(name)\"]"], message: "not a valid map key")
      }
      do {
        entries[key] = try readValue(&self)
      } catch var error as ParleyJSONDecodingError {
        error.path.insert("[\"\(name)\"]", at: 0)
        throw error
      } catch {
        throw ParleyJSONDecodingError(path: ["[\"\(name)\"]"], message: "\(error)")
      }
    }
    return entries
  }

  /// `nil` for `null`, otherwise the value `readValue` reads.
  ///
  /// - Throws: whatever `readValue` throws.
  @inlinable
  public mutating func readParleyOptional<Value>(_ readValue: (inout JSONReader) throws -> Value) throws
    -> Value?
  {
    if try readNull() { return nil }
    return try readValue(&self)
  }

  /// An enum case from its name (or number); unknown ones are kept.
  ///
  /// - Throws: ``JSONError``, also for a number outside 0 … 2³¹ − 1, which no contract can declare
  ///   and the binary codec cannot carry (its reader rejects such case numbers too).
  @inlinable
  public mutating func readParleyEnum<Value: ParleyEnum>(_ type: Value.Type) throws -> Value {
    if try peek() == .number {
      let start = position
      let number = try readInt64()
      guard number >= 0, number <= Int64(Int32.max) else {
        throw JSONError("enum case number \(number) is outside 0...\(Int32.max)", at: start)
      }
      return Value(parleyNumber: Int(number))
    }
    return Value(parleyName: try readString())
  }

  /// The raw JSON text of the next value.
  ///
  /// - Throws: ``JSONError``.
  public mutating func readParleyRawValue() throws -> [UInt8] { Array(bytes[try readRawValue()]) }
}

extension JSONWriter {
  /// Writes a `Float` as a number (or a non-finite name).
  public mutating func parleyFloat(_ value: Float) {
    if value.isFinite, let exact = Double("\(value)") { double(exact) } else { double(Double(value)) }
  }
  /// Writes `Bytes` as base64.
  public mutating func parleyBytes(_ value: Data) { string(value.base64EncodedString()) }
  /// Writes a `Timestamp` as RFC 3339 text.
  public mutating func parleyTimestamp(_ value: Date) { string(ParleyTimeText.timestamp(value)) }
  /// Writes a `Duration` as `"1.500s"`.
  public mutating func parleyDuration(_ value: Duration) { string(ParleyTimeText.duration(value)) }
  /// Writes a `UUID` as lowercase text.
  public mutating func parleyUUID(_ value: UUID) { string(value.uuidString.lowercased()) }

  /// Writes an enum case by name (or by number when only that is known).
  @inlinable
  public mutating func writeParleyEnum<Value: ParleyEnum>(_ value: Value) {
    if let name = value.parleyName { string(name) } else { int(Int64(value.parleyNumber)) }
  }

  /// Writes an array, each element with `writeElement`.
  @inlinable
  public mutating func writeParleyArray<Elements: Sequence>(
    _ elements: Elements, _ writeElement: (inout JSONWriter, Elements.Element) -> Void
  ) {
    beginArray()
    for element in elements { writeElement(&self, element) }
    endArray()
  }

  /// Writes a map as an object, members sorted by key text so equal maps give equal bytes.
  @inlinable
  public mutating func writeParleyMap<Key: ParleyJSONMapKey, Value>(
    _ map: [Key: Value], _ writeValue: (inout JSONWriter, Value) -> Void
  ) {
    beginObject()
    if map.count == 1, let (key, value) = map.first {
      self.key(key.parleyJSONKey)
      writeValue(&self, value)
    } else {
      let entries = map.map { (key: $0.key.parleyJSONKey, value: $0.value) }.sorted {
        $0.key.utf8.lexicographicallyPrecedes($1.key.utf8)
      }
      for entry in entries {
        self.key(entry.key)
        writeValue(&self, entry.value)
      }
    }
    endObject()
  }

  /// Writes `null` for `nil`, otherwise the value with `writeValue`.
  @inlinable
  public mutating func writeParleyOptional<Value>(
    _ value: Value?, _ writeValue: (inout JSONWriter, Value) -> Void
  ) {
    if let value { writeValue(&self, value) } else { null() }
  }
}

extension JSONReader {
  /// Decodes a union's `"value"` (kept as raw text, since `"type"` may come after it) with `body`,
  /// which switches on the variant `name`. A missing value reads as `null`.
  ///
  /// - Throws: whatever `body` throws.
  @inlinable
  public static func parleyUnionValue<Value>(
    _ value: [UInt8]?, variant name: String, _ body: (inout JSONReader, String) throws -> Value
  ) throws -> Value {
    var reader = JSONReader(value ?? Array("null".utf8))
    return try body(&reader, name)
  }
}

extension JSONReader {
  /// Reads a generated value (through its protocol requirement, so deprecated cases inside do not
  /// make the caller warn).
  ///
  /// - Throws: what `Value.init(parleyJSON:)` throws.
  @inlinable
  public mutating func readParleyValue<Value: ParleyFastJSON>(_ type: Value.Type) throws -> Value {
    try Value(parleyJSON: &self)
  }
}

extension JSONWriter {
  /// Writes a generated value (through its protocol requirement).
  @inlinable
  public mutating func writeParleyValue<Value: ParleyFastJSON>(_ value: Value) {
    value.writeParleyJSON(to: &self)
  }
}
