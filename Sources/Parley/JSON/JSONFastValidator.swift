/// A quick check that bytes are one well-formed JSON value, for ``JSONReader/validate(_:maxDepth:)``.
///
/// It answers only "certainly valid": it walks the bytes once through a raw pointer (no bounds
/// check or error value per byte) and gives up, returning `false`, on anything it does not handle
/// itself: invalid JSON, nesting deeper than 64 levels or `maxDepth`, non-ASCII bytes and `\u`
/// escapes. The caller then runs the full reader, which decides and describes the problem. So
/// this check never accepts what the reader would reject; it only makes the common payload
/// (small, ASCII, shallow) cheap to accept.
enum JSONFastValidator {
  /// The deepest nesting the check handles (one bit per open container in a `UInt64`).
  static let maximumDepth = 64

  /// Whether `bytes` is certainly exactly one valid JSON value (with optional surrounding
  /// whitespace) nested at most `maxDepth` levels; `false` means "not certain".
  static func isCertainlyValid(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Bool {
    #if _endian(little)
      guard let start = bytes.baseAddress else { return false }
      var scanner = Scanner(position: start, end: start + bytes.count)
      return scanner.value(depthLimit: min(maxDepth, maximumDepth)) && scanner.atEndAfterWhitespace()
    #else
      return false  // the string scan finds the first irregular byte of a word by little-endian order
    #endif
  }

  /// The walk over the bytes; every method returns `false` to give up.
  private struct Scanner {
    var position: UnsafePointer<UInt8>
    let end: UnsafePointer<UInt8>

    /// The next byte after whitespace (not consumed), or `nil` at the end.
    @inline(__always)
    mutating func peek() -> UInt8? {
      while position < end {
        let byte = position.pointee
        guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return byte }
        position += 1
      }
      return nil
    }

    mutating func atEndAfterWhitespace() -> Bool {
      peek() == nil
    }

    /// One value, containers included (iteratively: open containers are bits of `stack`,
    /// set for an object).
    mutating func value(depthLimit: Int) -> Bool {
      var stack: UInt64 = 0
      var depth = 0
      while true {
        // A value starts here.
        guard let byte = peek() else { return false }
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
          let isObject = byte == UInt8(ascii: "{")
          position += 1
          guard depth < depthLimit else { return false }
          guard let next = peek() else { return false }
          if next == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
            position += 1  // empty container: a complete value
          } else {
            let bit: UInt64 = 1 &<< UInt64(depth)
            stack = isObject ? stack | bit : stack & ~bit
            depth += 1
            if isObject, !key() { return false }
            continue
          }
        case UInt8(ascii: "\""):
          guard string() else { return false }
        case UInt8(ascii: "t"):
          guard literal(0x74, 0x72, 0x75, 0x65) else { return false }
        case UInt8(ascii: "f"):
          guard literal(0x66, 0x61, 0x6C, 0x73), position < end, position.pointee == 0x65 else {
            return false
          }
          position += 1
        case UInt8(ascii: "n"):
          guard literal(0x6E, 0x75, 0x6C, 0x6C) else { return false }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
          guard number() else { return false }
        default: return false
        }
        // A value is complete: continue the innermost container, or close containers.
        while depth > 0 {
          let isObject = stack & (1 &<< UInt64(depth - 1)) != 0
          guard let next = peek() else { return false }
          position += 1
          if next == UInt8(ascii: ",") {
            if isObject, !key() { return false }
            break
          }
          guard next == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return false }
          depth -= 1
        }
        if depth == 0 { return true }
      }
    }

    /// An object member's key and the `:` after it.
    @inline(__always)
    mutating func key() -> Bool {
      guard peek() == UInt8(ascii: "\""), string(), peek() == UInt8(ascii: ":") else { return false }
      position += 1
      return true
    }

    /// Four bytes spelling a literal (the reader's `true`, `null`, or the start of `false`).
    @inline(__always)
    mutating func literal(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> Bool {
      guard end - position >= 4, position[0] == a, position[1] == b, position[2] == c, position[3] == d
      else { return false }
      position += 4
      return true
    }

    /// A string starting at its opening quote: printable ASCII and the short escapes only.
    mutating func string() -> Bool {
      position += 1
      while true {
        // Eight bytes at a time, straight to the first byte that is not plain content.
        while end - position >= 8 {
          let irregular = JSONByteScan.irregularBytes(
            UnsafeRawPointer(position).loadUnaligned(as: UInt64.self))
          if irregular == 0 {
            position += 8
            continue
          }
          position += irregular.trailingZeroBitCount &>> 3
          break
        }
        guard position < end else { return false }
        let byte = position.pointee
        position += 1
        if byte == UInt8(ascii: "\"") { return true }
        if byte == UInt8(ascii: "\\") {
          guard position < end else { return false }
          switch position.pointee {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
            UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 1
          default: return false  // `\u` escapes (surrogate rules) and invalid escapes: the reader decides
          }
        } else if byte < 0x20 || byte >= 0x80 {
          return false
        }
      }
    }

    /// A number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    mutating func number() -> Bool {
      if position.pointee == UInt8(ascii: "-") { position += 1 }
      guard position < end else { return false }
      if position.pointee == UInt8(ascii: "0") {
        position += 1
      } else if !digits() {
        return false
      }
      if position < end, position.pointee == UInt8(ascii: ".") {
        position += 1
        guard digits() else { return false }
      }
      if position < end, position.pointee | 0x20 == UInt8(ascii: "e") {
        position += 1
        if position < end, position.pointee == UInt8(ascii: "+") || position.pointee == UInt8(ascii: "-") {
          position += 1
        }
        guard digits() else { return false }
      }
      return true
    }

    /// One or more digits.
    @inline(__always)
    mutating func digits() -> Bool {
      let first = position
      while position < end, position.pointee &- UInt8(ascii: "0") < 10 { position += 1 }
      return position > first
    }
  }
}
