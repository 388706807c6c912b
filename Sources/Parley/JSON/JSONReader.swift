/// A fast, allocation-light JSON reader (a pull scanner) over UTF-8 bytes, without Foundation.
///
/// It reads one value at a time: objects member by member, arrays element by element, and can
/// skip any value (validating it) or return the raw byte range of a value, so a message payload
/// can be handed on without building a tree. Invalid UTF-8, invalid JSON and nesting deeper than
/// ``maxDepth`` throw ``JSONError``.
///
/// ```swift
/// var reader = JSONReader(Array(#"{"id":"ord_42","qty":"12","x":[1]}"#.utf8))
/// try reader.beginObject()
/// while let key = try reader.nextMember() {
///   switch key {
///   case "id": id = try reader.readString()
///   case "qty": qty = try reader.readInt64()   // numbers and decimal strings both accepted
///   default: try reader.skipValue()            // unknown keys are ignored
///   }
/// }
/// try reader.finish()
/// ```
public struct JSONReader: Sendable {
  /// The kind of the next value.
  public enum ValueKind: Sendable, Equatable {
    /// `{…}`
    case object
    /// `[…]`
    case array
    /// `"…"`
    case string
    /// a number
    case number
    /// `true` or `false`
    case bool
    /// `null`
    case null
  }

  /// The input.
  public let bytes: [UInt8]
  /// The offset of the next byte to read.
  public private(set) var position: Int
  /// The deepest nesting of objects and arrays accepted.
  public let maxDepth: Int
  private var depth = 0
  private var first = true

  /// The default nesting limit.
  public static let defaultMaxDepth = 64

  /// The deepest nesting ``skipValue()`` (and so ``validate(_:maxDepth:)`` and
  /// ``readRawValue()``) handles inside the value it skips, whatever ``maxDepth`` allows: it
  /// tracks open containers in a fixed inline stack so that it never allocates. Deeper input
  /// throws ``JSONError`` ("nesting deeper than 256 levels (the JSON reader's limit)"); it never traps. With the default
  /// ``maxDepth`` of 64 this limit is never reached.
  public static let maximumSupportedDepth = JSONNestingStack.capacity

  /// Creates a reader over `bytes`.
  public init(_ bytes: [UInt8], maxDepth: Int = JSONReader.defaultMaxDepth) {
    self.bytes = bytes
    self.position = 0
    self.maxDepth = maxDepth
  }

  /// Checks that `bytes` is exactly one valid JSON value (with optional surrounding whitespace).
  /// - Throws: ``JSONError`` describing the first problem.
  public static func validate(_ bytes: [UInt8], maxDepth: Int = JSONReader.defaultMaxDepth) throws(JSONError)
  {
    // Common payloads (small, ASCII, shallow) are accepted by a quick pointer walk; anything it
    // is not certain of goes through the reader, which also describes the problem.
    if bytes.withUnsafeBufferPointer({ JSONFastValidator.isCertainlyValid($0, maxDepth: maxDepth) }) {
      return
    }
    var reader = JSONReader(bytes, maxDepth: maxDepth)
    try reader.skipValue()
    try reader.finish()
  }

  // MARK: Low level

  private func fail(_ message: String) -> JSONError { JSONError(message, at: position) }

  @inline(__always)
  private mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x0A, 0x0D, 0x09: position += 1
      default: return
      }
    }
  }

  @inline(__always)
  private mutating func peekByte() throws(JSONError) -> UInt8 {
    skipWhitespace()
    guard position < bytes.count else { throw fail("unexpected end of input") }
    return bytes[position]
  }

  private mutating func expect(_ byte: UInt8, _ what: String) throws(JSONError) {
    guard try peekByte() == byte else { throw fail("expected \(what)") }
    position += 1
  }

  private mutating func expectLiteral(_ literal: [UInt8]) throws(JSONError) {
    guard position + literal.count <= bytes.count,
      bytes[position..<(position + literal.count)].elementsEqual(literal)
    else { throw fail("invalid literal") }
    position += literal.count
  }

  /// The kind of the next value, without consuming it.
  public mutating func peek() throws(JSONError) -> ValueKind {
    switch try peekByte() {
    case UInt8(ascii: "{"): return .object
    case UInt8(ascii: "["): return .array
    case UInt8(ascii: "\""): return .string
    case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
    case UInt8(ascii: "n"): return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
    default: throw fail("unexpected character")
    }
  }

  /// Checks that only whitespace remains.
  public mutating func finish() throws(JSONError) {
    skipWhitespace()
    guard position == bytes.count else { throw fail("unexpected data after the JSON value") }
  }

  // MARK: Containers

  /// Consumes `{`. Follow with ``nextMember()`` until it returns `nil`.
  public mutating func beginObject() throws(JSONError) {
    try expect(UInt8(ascii: "{"), "an object")
    depth += 1
    guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth)") }
    first = true
  }

  /// Returns the next member's key (the reader is then positioned at its value, which must be
  /// read or skipped), or `nil` after consuming the object's closing `}`.
  public mutating func nextMember() throws(JSONError) -> String? {
    guard try enterMember() else { return nil }
    let key = try readStringToken()
    try expect(UInt8(ascii: ":"), "':' after object key")
    return key
  }

  /// Consumes the separator before the next member and stops at its key's opening quote;
  /// returns `false` after consuming the object's closing `}` instead.
  @inline(__always)
  private mutating func enterMember() throws(JSONError) -> Bool {
    var byte = try peekByte()
    if byte == UInt8(ascii: "}") {
      position += 1
      depth -= 1
      first = false
      return false
    }
    if !first {
      guard byte == UInt8(ascii: ",") else { throw fail("expected ',' or '}' in object") }
      position += 1
      byte = try peekByte()
    }
    first = false
    guard byte == UInt8(ascii: "\"") else { throw fail("expected a string key") }
    return true
  }

  /// Moves to the next member like ``nextMember()``, returning the raw byte range of its key
  /// (without the quotes) and whether the key contains escapes.
  mutating func nextMemberRange() throws(JSONError) -> (bytes: Range<Int>, escaped: Bool)? {
    guard try enterMember() else { return nil }
    let (range, escaped) = try scanString()
    try expect(UInt8(ascii: ":"), "':' after object key")
    return (range, escaped)
  }

  /// Consumes `[`. Follow with ``nextElement()`` until it returns `false`.
  public mutating func beginArray() throws(JSONError) {
    try expect(UInt8(ascii: "["), "an array")
    depth += 1
    guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth)") }
    first = true
  }

  /// Returns `true` when another element follows (read or skip it), or `false` after consuming
  /// the array's closing `]`.
  public mutating func nextElement() throws(JSONError) -> Bool {
    let byte = try peekByte()
    if byte == UInt8(ascii: "]") {
      position += 1
      depth -= 1
      first = false
      return false
    }
    if !first {
      guard byte == UInt8(ascii: ",") else { throw fail("expected ',' or ']' in array") }
      position += 1
      _ = try peekByte()
    }
    first = false
    return true
  }

  // MARK: Scalars

  /// Consumes `null` if it is next and returns `true`; otherwise consumes nothing.
  public mutating func readNull() throws(JSONError) -> Bool {
    guard try peekByte() == UInt8(ascii: "n") else { return false }
    try expectLiteral([0x6E, 0x75, 0x6C, 0x6C])
    return true
  }

  /// Reads `true` or `false`.
  public mutating func readBool() throws(JSONError) -> Bool {
    switch try peekByte() {
    case UInt8(ascii: "t"):
      try expectLiteral([0x74, 0x72, 0x75, 0x65])
      return true
    case UInt8(ascii: "f"):
      try expectLiteral([0x66, 0x61, 0x6C, 0x73, 0x65])
      return false
    default: throw fail("expected a boolean")
    }
  }

  /// Reads a string, decoding escapes.
  public mutating func readString() throws(JSONError) -> String {
    guard try peekByte() == UInt8(ascii: "\"") else { throw fail("expected a string") }
    return try readStringToken()
  }

  /// Reads a signed 64-bit integer written as a JSON number or as a decimal string (`"42"`).
  public mutating func readInt64() throws(JSONError) -> Int64 {
    let start = position
    let (negative, magnitude) = try readIntegerParts()
    if negative {
      guard magnitude <= UInt64(Int64.max) + 1 else { throw JSONError("integer out of range", at: start) }
      return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
    }
    guard magnitude <= UInt64(Int64.max) else { throw JSONError("integer out of range", at: start) }
    return Int64(magnitude)
  }

  /// Reads an unsigned 64-bit integer written as a JSON number or as a decimal string.
  public mutating func readUInt64() throws(JSONError) -> UInt64 {
    let start = position
    let (negative, magnitude) = try readIntegerParts()
    guard !negative || magnitude == 0 else { throw JSONError("expected a non-negative integer", at: start) }
    return magnitude
  }

  /// Reads an `Int` (see ``readInt64()``).
  public mutating func readInt() throws(JSONError) -> Int {
    Int(try readInt64())
  }

  /// Reads a number as `Double`; also accepts the strings `"NaN"`, `"Infinity"`, `"-Infinity"`
  /// and decimal strings.
  ///
  /// - Throws: ``JSONError`` also for a number beyond `Double`'s range (`1e400`); one too small
  ///   to represent (`1e-400`) reads as zero.
  public mutating func readDouble() throws(JSONError) -> Double {
    let byte = try peekByte()
    let start = position
    if byte == UInt8(ascii: "\"") {
      let text = try readStringToken()
      switch text {
      case "NaN": return .nan
      case "Infinity": return .infinity
      case "-Infinity": return -.infinity
      default:
        var inner = JSONReader(Array(text.utf8))
        guard (try? inner.peek()) == .number, let value = try? inner.readDouble(),
          (try? inner.finish()) != nil
        else { throw JSONError("expected a number", at: start) }
        return value
      }
    }
    try scanNumber()
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    // `Double("1e400")` is infinity, not nil: a number beyond Double's range is an error, as in
    // Foundation's decoder (infinity is written as the string "Infinity", never as a number).
    guard let value = Double(text), value.isFinite else {
      throw JSONError("number \(text) is out of range for Double", at: start)
    }
    return value
  }

  private mutating func readIntegerParts() throws(JSONError) -> (negative: Bool, magnitude: UInt64) {
    let byte = try peekByte()
    let quoted = byte == UInt8(ascii: "\"")
    if quoted { position += 1 }
    let start = position
    var negative = false
    if position < bytes.count, bytes[position] == UInt8(ascii: "-") {
      negative = true
      position += 1
    }
    let digitsStart = position
    var magnitude: UInt64 = 0
    while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
      let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times10.addingReportingOverflow(UInt64(bytes[position] - 0x30))
      guard !o1, !o2 else { throw JSONError("integer out of range", at: start) }
      magnitude = sum
      position += 1
    }
    let digitCount = position - digitsStart
    guard digitCount > 0 else { throw JSONError("expected an integer", at: start) }
    guard digitCount == 1 || bytes[digitsStart] != 0x30 else {
      throw JSONError("leading zeros are not allowed", at: start)
    }
    if quoted {
      guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
        throw JSONError("expected a decimal integer string", at: start)
      }
      position += 1
    } else if position < bytes.count {
      switch bytes[position] {
      case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
        throw JSONError("expected an integer, found a fraction or exponent", at: start)
      default: break
      }
    }
    return (negative, magnitude)
  }

  private mutating func scanNumber() throws(JSONError) {
    let start = position
    if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
    let intStart = position
    while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
    let intCount = position - intStart
    guard intCount > 0 else { throw JSONError("invalid number", at: start) }
    guard intCount == 1 || bytes[intStart] != 0x30 else {
      throw JSONError("leading zeros are not allowed", at: start)
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      position += 1
      let fracStart = position
      while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
      guard position > fracStart else { throw JSONError("invalid number", at: start) }
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
      position += 1
      if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")
      {
        position += 1
      }
      let expStart = position
      while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
      guard position > expStart else { throw JSONError("invalid number", at: start) }
    }
  }

  // MARK: Skipping and raw values

  /// Skips the next value entirely, validating it. Allocates nothing.
  ///
  /// - Throws: ``JSONError`` for invalid JSON, nesting deeper than ``maxDepth``, or containers
  ///   nested more than ``maximumSupportedDepth`` levels inside the skipped value.
  public mutating func skipValue() throws(JSONError) {
    var stack = JSONNestingStack()  // open containers, inline: skipping never allocates
    nextValue: while true {
      let byte = try peekByte()
      switch byte {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        let isObject = byte == UInt8(ascii: "{")
        position += 1
        depth += 1
        guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth)") }
        if try peekByte() == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
          position += 1
          depth -= 1
        } else {
          guard stack.push(object: isObject) else {
            throw fail(
              "nesting deeper than \(Self.maximumSupportedDepth) levels (the JSON reader's limit)")
          }
          if isObject { try skipKey() }
          continue nextValue
        }
      case UInt8(ascii: "\""): _ = try scanString()
      case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try readBool()
      case UInt8(ascii: "n"): _ = try readNull()
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try scanNumber()
      default: throw fail("unexpected character")
      }
      // A value is complete: move to the next one in the innermost container, or close it.
      while let isObject = stack.innermostIsObject {
        let next = try peekByte()
        if next == UInt8(ascii: ",") {
          position += 1
          if isObject { try skipKey() }
          continue nextValue
        } else if next == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
          position += 1
          depth -= 1
          stack.pop()
        } else {
          throw fail(isObject ? "expected ',' or '}' in object" : "expected ',' or ']' in array")
        }
      }
      return
    }
  }

  private mutating func skipKey() throws(JSONError) {
    guard try peekByte() == UInt8(ascii: "\"") else { throw fail("expected a string key") }
    _ = try scanString()
    try expect(UInt8(ascii: ":"), "':' after object key")
  }

  /// Returns the byte range of the next value (validated) and moves past it.
  /// `bytes[range]` is the value's exact JSON text, e.g. to hand on a payload verbatim.
  public mutating func readRawValue() throws(JSONError) -> Range<Int> {
    _ = try peekByte()
    let start = position
    try skipValue()
    return start..<position
  }

  // MARK: Strings

  /// Scans a string token starting at `"`; returns the content range and whether it had escapes.
  private mutating func scanString() throws(JSONError) -> (Range<Int>, Bool) {
    let start = position
    position += 1
    let contentStart = position
    var escaped = false
    while position < bytes.count {
      // Fast path: run over plain ASCII (no quote, backslash, control or non-ASCII byte).
      let from = position
      position = bytes.withUnsafeBufferPointer { buffer in
        var index = from
        if let base = buffer.baseAddress {
          while index &+ 8 <= buffer.count,
            JSONByteScan.isPlainASCII(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
          {
            index &+= 8
          }
        }
        while index < buffer.count {
          let byte = buffer[index]
          if byte < 0x20 || byte >= 0x80 || byte == 0x22 || byte == 0x5C { break }
          index += 1
        }
        return index
      }
      guard position < bytes.count else { break }
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        let range = contentStart..<position
        position += 1
        return (range, escaped)
      } else if byte == UInt8(ascii: "\\") {
        escaped = true
        position += 1
        guard position < bytes.count else { break }
        switch bytes[position] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
          UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
          position += 1
        case UInt8(ascii: "u"):
          guard let unit = hexUnit(at: position + 1) else { throw fail("invalid \\u escape") }
          position += 5
          if unit >= 0xDC00 && unit < 0xE000 { throw fail("unpaired surrogate in \\u escape") }
          if unit >= 0xD800 && unit < 0xDC00 {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
              bytes[position + 1] == UInt8(ascii: "u"), let low = hexUnit(at: position + 2),
              low >= 0xDC00 && low < 0xE000
            else { throw fail("unpaired surrogate in \\u escape") }
            position += 6
          }
        default: throw fail("invalid escape sequence")
        }
      } else if byte < 0x20 {
        throw fail("control character in string")
      } else if byte < 0x80 {
        position += 1
      } else {
        let length = Self.utf8SequenceLength(bytes, at: position)
        guard length > 0 else { throw fail("invalid UTF-8") }
        position += length
      }
    }
    throw JSONError("unterminated string", at: start)
  }

  private mutating func readStringToken() throws(JSONError) -> String {
    let (range, escaped) = try scanString()
    if !escaped {
      // Contiguous fast path; the bytes were validated as UTF-8 by the scan.
      return bytes.withUnsafeBufferPointer {
        String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
      }
    }
    var out: [UInt8] = []
    out.reserveCapacity(range.count)
    var index = range.lowerBound
    while index < range.upperBound {
      let byte = bytes[index]
      guard byte == UInt8(ascii: "\\") else {
        out.append(byte)
        index += 1
        continue
      }
      let code = bytes[index + 1]
      index += 2
      switch code {
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = hex4(at: index)
        index += 4
        if scalar >= 0xD800 && scalar < 0xDC00 {
          // A high surrogate must be followed by an escaped low surrogate.
          guard index + 6 <= range.upperBound, bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
          else { throw JSONError("unpaired surrogate in \\u escape", at: index) }
          let low = hex4(at: index + 2)
          guard low >= 0xDC00 && low < 0xE000 else {
            throw JSONError("unpaired surrogate in \\u escape", at: index)
          }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          index += 6
        } else if scalar >= 0xDC00 && scalar < 0xE000 {
          throw JSONError("unpaired surrogate in \\u escape", at: index)
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw JSONError("invalid \\u escape", at: index) }
        out.append(contentsOf: Array(String(Character(unicode)).utf8))
      default: out.append(code)  // '"', '\\', '/'
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The 4-hex-digit code unit at `index`, or `nil`.
  private func hexUnit(at index: Int) -> UInt32? {
    guard index + 4 <= bytes.count else { return nil }
    var value: UInt32 = 0
    for offset in 0..<4 {
      guard let digit = Self.hexValue(bytes[index + offset]) else { return nil }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  private func hex4(at index: Int) -> UInt32 {
    var value: UInt32 = 0
    for offset in 0..<4 { value = value << 4 | UInt32(Self.hexValue(bytes[index + offset]) ?? 0) }
    return value
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: return byte - 0x30
    case 0x41...0x46: return byte - 0x41 + 10
    case 0x61...0x66: return byte - 0x61 + 10
    default: return nil
    }
  }

  /// The length of the valid UTF-8 sequence starting at `index` (a byte ≥ 0x80), or 0 if invalid.
  static func utf8SequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
    let lead = bytes[index]
    func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
      index + offset < bytes.count && bytes[index + offset] >= low && bytes[index + offset] <= high
    }
    switch lead {
    case 0xC2...0xDF: return continuation(1) ? 2 : 0
    case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : 0
    case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
    case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
    case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
    case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
    case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
    default: return 0
    }
  }
}
