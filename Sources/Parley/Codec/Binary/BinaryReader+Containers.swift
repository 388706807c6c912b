// Reads of nested messages, lists and maps: each enters one length-delimited value, limits reading
// to it, and counts one level of nesting.

extension BinaryReader {
  /// Reads a nested message (a struct, an error, a union, …) by calling `body` with the reader
  /// limited to the message's bytes; `body` loops over ``nextField()`` until it returns `nil`.
  ///
  /// ```swift
  /// case 3: price = try reader.readMessage { try Money(from: &$0) }
  /// ```
  ///
  /// - Throws: ``BinaryDecodingError`` for a wrong wire type, a length past the end, or nesting
  ///   deeper than ``maximumDepth``; and whatever `body` throws.
  @inlinable
  public mutating func readMessage<Value>(_ body: (inout BinaryReader) throws -> Value) throws -> Value {
    try consumeTag(.lengthDelimited)
    let outerLimit = try enterLengthDelimited()
    let value = try body(&self)
    exitLengthDelimited(restoring: outerLimit)
    return value
  }

  /// Reads a list by calling `readElement` once per bare element until the list's bytes are used up.
  ///
  /// If the same list field occurs more than once in a message, a decoder appends the elements of
  /// each occurrence (writers never do this; readers accept it).
  ///
  /// ```swift
  /// case 2: items = try reader.readList { try $0.readMessage { try LineItem(from: &$0) } }
  /// case 4: quantities = try reader.readList { try $0.readInt32() }
  /// ```
  ///
  /// - Throws: ``BinaryDecodingError`` for a wrong wire type, a truncated element, or too deep
  ///   nesting; and whatever `readElement` throws.
  @inlinable
  public mutating func readList<Element>(
    _ readElement: (inout BinaryReader) throws -> Element
  ) throws -> [Element] {
    var elements: [Element] = []
    try readList(into: &elements, readElement)
    return elements
  }

  /// Reads a list like ``readList(_:)``, appending its elements to `elements`; use it when a list
  /// field may occur more than once, or to reuse an array's storage.
  ///
  /// ```swift
  /// case 2: try reader.readList(into: &items) { try $0.readMessage { try LineItem(from: &$0) } }
  /// ```
  @inlinable
  public mutating func readList<Element>(
    into elements: inout [Element], _ readElement: (inout BinaryReader) throws -> Element
  ) throws {
    try readEachListElement { elements.append(try readElement(&$0)) }
  }

  /// Reads a list like ``readList(_:)``, calling `readElement` once per element to read and keep
  /// it wherever the caller likes (no array is built).
  ///
  /// ```swift
  /// case 3: try reader.readEachListElement { total += try $0.readInt64() }
  /// ```
  @inlinable
  public mutating func readEachListElement(_ readElement: (inout BinaryReader) throws -> Void) throws {
    try consumeTag(.lengthDelimited)
    let outerLimit = try enterLengthDelimited()
    while position < limit {
      let before = position
      try readElement(&self)
      // A reader that consumed nothing would loop forever on its element.
      guard position > before else {
        throw BinaryDecodingError(.other("list element reader consumed no bytes"), offset: before)
      }
    }
    exitLengthDelimited(restoring: outerLimit)
  }

  /// Reads a map by calling `readEntry` once per entry (a bare key, then a bare value) until the
  /// map's bytes are used up. When a key occurs twice, the later value wins.
  ///
  /// ```swift
  /// case 6: labels = try reader.readMap { reader in (try reader.readString(), try reader.readString()) }
  /// ```
  ///
  /// - Throws: ``BinaryDecodingError`` for a wrong wire type, a truncated entry, or too deep
  ///   nesting; and whatever `readEntry` throws.
  @inlinable
  public mutating func readMap<Key: Hashable, Value>(
    _ readEntry: (inout BinaryReader) throws -> (Key, Value)
  ) throws -> [Key: Value] {
    var entries: [Key: Value] = [:]
    try readMap(into: &entries, readEntry)
    return entries
  }

  /// Reads a map like ``readMap(_:)``, adding its entries to `entries` (a later value replaces an
  /// earlier one for the same key).
  @inlinable
  public mutating func readMap<Key: Hashable, Value>(
    into entries: inout [Key: Value], _ readEntry: (inout BinaryReader) throws -> (Key, Value)
  ) throws {
    try consumeTag(.lengthDelimited)
    let outerLimit = try enterLengthDelimited()
    while position < limit {
      let before = position
      let (key, value) = try readEntry(&self)
      entries[key] = value
      guard position > before else {
        throw BinaryDecodingError(.other("map entry reader consumed no bytes"), offset: before)
      }
    }
    exitLengthDelimited(restoring: outerLimit)
  }

  /// Reads a bare optional element written by ``BinaryWriter/writeOptionalElement(_:wireType:_:)``:
  /// a nested message that is empty for `nil` or holds field 1. Other fields are skipped.
  ///
  /// - Throws: ``BinaryDecodingError`` for malformed input; and whatever `readValue` throws.
  @inlinable
  public mutating func readOptionalElement<Value>(
    _ readValue: (inout BinaryReader) throws -> Value
  ) throws -> Value? {
    try readMessage { reader in
      var value: Value?
      while let field = try reader.nextField() {
        if field.number == 1 {
          value = try readValue(&reader)
        } else {
          try reader.skipField()
        }
      }
      return value
    }
  }
}
