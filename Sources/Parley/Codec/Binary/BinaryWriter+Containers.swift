// Writes of nested messages, lists and maps: each is one length-delimited value whose body the
// caller's closure appends. Layouts are specified in docs/binary-codec.md.

extension BinaryWriter {
  /// Writes field `field` holding a nested message (a struct, an error, a union, a `Timestamp`, …)
  /// whose fields `body` writes.
  ///
  /// ```swift
  /// writer.writeMessage(field: 3) { money in
  ///   money.writeInt64(field: 1, price.amountMinor)
  ///   money.writeString(field: 2, price.currency)
  /// }
  /// ```
  @inlinable
  public mutating func writeMessage(field: Int, _ body: (inout BinaryWriter) throws -> Void) rethrows {
    writeTag(field: field, wireType: .lengthDelimited)
    try writeLengthDelimited(body)
  }

  /// Writes a bare nested message (a list element or map value) whose fields `body` writes.
  @inlinable
  public mutating func writeMessage(_ body: (inout BinaryWriter) throws -> Void) rethrows {
    try writeLengthDelimited(body)
  }

  /// Writes field `field` holding a list: one length-delimited value containing every element,
  /// each written bare by `writeElement`, in order. An empty list is written as length 0.
  ///
  /// ```swift
  /// writer.writeList(field: 2, order.items) { writer, item in
  ///   writer.writeMessage { item.encode(to: &$0) }
  /// }
  /// writer.writeList(field: 4, order.quantities) { $0.writeInt32($1) }   // packed varints
  /// ```
  @inlinable
  public mutating func writeList<Elements: Sequence>(
    field: Int, _ elements: Elements, _ writeElement: (inout BinaryWriter, Elements.Element) throws -> Void
  ) rethrows {
    writeTag(field: field, wireType: .lengthDelimited)
    try writeList(elements, writeElement)
  }

  /// Writes a bare list (an element of a list of lists, or a map value).
  @inlinable
  public mutating func writeList<Elements: Sequence>(
    _ elements: Elements, _ writeElement: (inout BinaryWriter, Elements.Element) throws -> Void
  ) rethrows {
    try writeLengthDelimited { writer in
      for element in elements {
        try writeElement(&writer, element)
      }
    }
  }

  /// Writes field `field` holding a map: one length-delimited value containing, for each entry,
  /// the bare key followed by the bare value, as `writeEntry` writes them. An empty map is written
  /// as length 0.
  ///
  /// Entries are written in the order of `entries`; readers accept any order. Pass sorted entries
  /// (`labels.sorted { $0.key < $1.key }`) when identical maps must give identical bytes, since a
  /// `Dictionary`'s order differs between processes.
  ///
  /// ```swift
  /// writer.writeMap(field: 6, order.labels) { writer, key, value in
  ///   writer.writeString(key)
  ///   writer.writeString(value)
  /// }
  /// ```
  @inlinable
  public mutating func writeMap<Entries: Sequence, Key, Value>(
    field: Int, _ entries: Entries, _ writeEntry: (inout BinaryWriter, Key, Value) throws -> Void
  ) rethrows where Entries.Element == (key: Key, value: Value) {
    writeTag(field: field, wireType: .lengthDelimited)
    try writeMap(entries, writeEntry)
  }

  /// Writes a bare map (an element of a list, or a map value).
  @inlinable
  public mutating func writeMap<Entries: Sequence, Key, Value>(
    _ entries: Entries, _ writeEntry: (inout BinaryWriter, Key, Value) throws -> Void
  ) rethrows where Entries.Element == (key: Key, value: Value) {
    try writeLengthDelimited { writer in
      for (key, value) in entries {
        try writeEntry(&writer, key, value)
      }
    }
  }

  /// Writes a bare optional element (of a list `[T?]` or a map `[K: T?]`): a nested message that is
  /// empty for `nil`, or holds field 1 with the value otherwise.
  ///
  /// - Parameters:
  ///   - value: The element.
  ///   - wireType: The wire type of `T` (the tag of field 1 needs it).
  ///   - writeValue: Writes the bare value.
  @inlinable
  public mutating func writeOptionalElement<Value>(
    _ value: Value?, wireType: BinaryWireType, _ writeValue: (inout BinaryWriter, Value) throws -> Void
  ) rethrows {
    try writeLengthDelimited { writer in
      if let value {
        writer.writeTag(field: 1, wireType: wireType)
        try writeValue(&writer, value)
      }
    }
  }
}
