/// Hexadecimal test helpers shared by the Security and Codec tests.
enum Hex {
  /// Decodes a hexadecimal string (spaces and newlines allowed) into bytes.
  static func bytes(_ hex: String) -> [UInt8] {
    let digits = hex.unicodeScalars.filter { $0 != " " && $0 != "\n" }.map { Character($0) }
    var bytes: [UInt8] = []
    var index = 0
    while index + 1 < digits.count {
      bytes.append(UInt8(String(digits[index...index + 1]), radix: 16) ?? 0)
      index += 2
    }
    return bytes
  }

  /// Encodes bytes as lowercase hexadecimal without separators.
  static func string<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    bytes.map { byte in
      let digits = String(byte, radix: 16)
      return byte < 16 ? "0" + digits : digits
    }.joined()
  }
}
