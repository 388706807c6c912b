/// A fast JSON writer that appends UTF-8 bytes to a byte array, without Foundation.
///
/// Commas and colons are written for you: call ``key(_:)`` before each member value of an object,
/// and write values one after another in an array. Strings are escaped per RFC 8259.
///
/// ```swift
/// var writer = JSONWriter()
/// writer.beginObject()
/// writer.key("id"); writer.string("ord_42")
/// writer.key("items"); writer.beginArray(); writer.int(1); writer.int(2); writer.endArray()
/// writer.endObject()
/// // writer.bytes == Array(#"{"id":"ord_42","items":[1,2]}"#.utf8)
/// ```
public struct JSONWriter: Sendable {
  /// The bytes written so far.
  public var bytes: [UInt8]
  private var first = true
  private var afterKey = false

  /// Creates a writer with an empty buffer of the given capacity.
  public init(capacity: Int = 128) {
    bytes = []
    bytes.reserveCapacity(capacity)
  }

  /// Creates a writer that appends to existing bytes (e.g. a reserved frame header).
  public init(appendingTo bytes: [UInt8]) {
    self.bytes = bytes
  }

  @inline(__always)
  private mutating func valuePrefix() {
    if afterKey {
      afterKey = false
    } else {
      if !first { bytes.append(UInt8(ascii: ",")) }
      first = false
    }
  }

  /// Starts an object (`{`).
  public mutating func beginObject() {
    valuePrefix()
    bytes.append(UInt8(ascii: "{"))
    first = true
  }

  /// Ends the current object (`}`).
  public mutating func endObject() {
    bytes.append(UInt8(ascii: "}"))
    first = false
    afterKey = false
  }

  /// Starts an array (`[`).
  public mutating func beginArray() {
    valuePrefix()
    bytes.append(UInt8(ascii: "["))
    first = true
  }

  /// Ends the current array (`]`).
  public mutating func endArray() {
    bytes.append(UInt8(ascii: "]"))
    first = false
    afterKey = false
  }

  /// Writes an object member's key and the `:`; the next value written is that member's value.
  public mutating func key(_ name: String) {
    if !first { bytes.append(UInt8(ascii: ",")) }
    first = false
    appendEscaped(name)
    bytes.append(UInt8(ascii: ":"))
    afterKey = true
  }

  /// Writes an object member's key already in JSON form, quotes and colon included (`"id":`),
  /// without scanning it for escapes: for keys the runtime spells itself.
  mutating func key(quoted: StaticString) {
    if !first { bytes.append(UInt8(ascii: ",")) }
    first = false
    appendLiteral(quoted)
    afterKey = true
  }

  /// Writes a string value, escaped.
  public mutating func string(_ value: String) {
    valuePrefix()
    appendEscaped(value)
  }

  /// Writes a signed integer as a JSON number.
  public mutating func int(_ value: Int64) {
    valuePrefix()
    if value < 0 {
      bytes.append(UInt8(ascii: "-"))
      appendDigits(value.magnitude)
    } else {
      appendDigits(UInt64(value))
    }
  }

  /// Writes a signed integer as a JSON number.
  public mutating func int(_ value: Int) { int(Int64(value)) }

  /// Writes an unsigned integer as a JSON number.
  public mutating func uint(_ value: UInt64) {
    valuePrefix()
    appendDigits(value)
  }

  /// Writes a floating-point number. Non-finite values, which JSON cannot express, are written
  /// as the strings `"NaN"`, `"Infinity"` and `"-Infinity"` (``JSONReader/readDouble()`` accepts them).
  public mutating func double(_ value: Double) {
    if value.isNaN {
      string("NaN")
    } else if value.isInfinite {
      string(value < 0 ? "-Infinity" : "Infinity")
    } else if value == value.rounded(.towardZero), value.magnitude < 1e15, value.sign == .plus || value != 0 {
      int(Int64(value))  // (not -0.0, which would lose its sign as the integer 0)
    } else {
      valuePrefix()
      bytes.append(contentsOf: "\(value)".utf8)
    }
  }

  /// Writes `true` or `false`.
  public mutating func bool(_ value: Bool) {
    valuePrefix()
    appendLiteral(value ? "true" : "false")
  }

  /// Writes `null`.
  public mutating func null() {
    valuePrefix()
    appendLiteral("null")
  }

  /// Writes an already-encoded JSON value verbatim (e.g. a message payload).
  /// The caller guarantees that `json` is exactly one valid JSON value.
  public mutating func rawValue(_ json: [UInt8]) {
    valuePrefix()
    bytes.append(contentsOf: json)
  }

  /// Writes an already-encoded JSON value verbatim from a slice of bytes.
  public mutating func rawValue(_ json: ArraySlice<UInt8>) {
    valuePrefix()
    bytes.append(contentsOf: json)
  }

  private mutating func appendDigits(_ value: UInt64) {
    if value < 10 {
      bytes.append(UInt8(truncatingIfNeeded: value) &+ 0x30)
      return
    }
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch, enough for 20 digits
    var count = 0
    var rest = value
    withUnsafeMutableBytes(of: &digits) { scratch in
      while rest > 0 {
        scratch[23 - count] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
        rest /= 10
        count += 1
      }
      bytes.append(contentsOf: scratch[(24 - count)...])
    }
  }

  private mutating func appendEscaped(_ value: String) {
    // Native strings (literals, and most others) expose their UTF-8 without a copy or a retain.
    if value.utf8.withContiguousStorageIfAvailable({ appendEscaped(utf8: $0) }) == nil {
      var text = value
      text.withUTF8 { appendEscaped(utf8: $0) }
    }
  }

  private mutating func appendEscaped(utf8: UnsafeBufferPointer<UInt8>) {
    bytes.append(UInt8(ascii: "\""))
    var runStart = 0
    var index = 0
    while index < utf8.count {
      // Skip 8 bytes at a time while none of them may need escaping.
      while index &+ 8 <= utf8.count, let base = utf8.baseAddress,
        !JSONByteScan.mayNeedEscaping(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
      {
        index &+= 8
      }
      guard index < utf8.count else { break }
      let byte = utf8[index]
      if byte >= 0x20 && byte != 0x22 && byte != 0x5C {
        index += 1
        continue
      }
      if runStart < index {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
      }
      bytes.append(UInt8(ascii: "\\"))
      switch byte {
      case 0x22: bytes.append(0x22)
      case 0x5C: bytes.append(0x5C)
      case 0x0A: bytes.append(UInt8(ascii: "n"))
      case 0x0D: bytes.append(UInt8(ascii: "r"))
      case 0x09: bytes.append(UInt8(ascii: "t"))
      case 0x08: bytes.append(UInt8(ascii: "b"))
      case 0x0C: bytes.append(UInt8(ascii: "f"))
      default:
        let hex: StaticString = "0123456789abcdef"
        bytes.append(UInt8(ascii: "u"))
        bytes.append(0x30)
        bytes.append(0x30)
        bytes.append(hex.utf8Start[Int(byte >> 4)])
        bytes.append(hex.utf8Start[Int(byte & 0xF)])
      }
      index += 1
      runStart = index
    }
    if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Appends the bytes of an ASCII literal (`true`, `false`, `null`) without building an array.
  private mutating func appendLiteral(_ literal: StaticString) {
    bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }
}
