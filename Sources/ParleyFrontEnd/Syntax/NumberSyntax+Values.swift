extension NumberSyntax {
  /// The digits without `_` separators.
  private var digits: String { String(text.filter { $0 != "_" }) }

  /// The value when the literal is an integer (no fraction, exponent or suffix) that fits in
  /// 64 bits signed or unsigned; `nil` otherwise.
  public var integerValue: Int128? {
    let digits = self.digits
    guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
      digits.utf8.count <= 20, let magnitude = UInt64(digits)
    else { return nil }
    return isNegative ? -Int128(magnitude) : Int128(magnitude)
  }

  /// Whether the text has the shape of an integer (digits and `_` only), whatever its size.
  var looksLikeInteger: Bool {
    !text.isEmpty
      && text.utf8.allSatisfy {
        ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "_")
      }
  }

  /// The value as an integer or floating-point number; `nil` when malformed (e.g. has a unit suffix).
  public var numericValue: NumericValue? {
    if let integer = integerValue { return .integer(integer) }
    if looksLikeInteger { return nil }
    let digits = self.digits
    guard
      digits.utf8.allSatisfy({ byte in
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
          || byte == UInt8(ascii: "e")
          || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
      }), let value = Double(digits), value.isFinite
    else { return nil }
    return .floating(isNegative ? -value : value)
  }

  /// The milliseconds of a duration literal `500ms`, `2s`, `1m`, `1h`; `nil` when not one
  /// (or negative, or too large).
  public var durationMilliseconds: Int64? {
    guard !isNegative else { return nil }
    let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
    for (suffix, factor) in units where text.hasSuffix(suffix) {
      let amount = NumberSyntax(
        text: String(text.dropLast(suffix.count)), isNegative: false, location: location)
      guard let value = amount.integerValue, value <= Int128(Int64.max) / Int128(factor) else { return nil }
      return Int64(value) * factor
    }
    return nil
  }

  /// The literal as written, with its sign.
  public var spelling: String { (isNegative ? "-" : "") + text }
}
