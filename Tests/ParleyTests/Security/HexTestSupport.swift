/// Decodes a hexadecimal string (spaces allowed) into bytes; test helper shared by the Security and
/// Codec tests.
func hexBytes(_ hex: String) -> [UInt8] {
  let digits = hex.unicodeScalars.filter { $0 != " " && $0 != "\n" }.map { Character($0) }
  var bytes: [UInt8] = []
  var index = 0
  while index + 1 < digits.count {
    bytes.append(UInt8(String(digits[index...index + 1]), radix: 16) ?? 0)
    index += 2
  }
  return bytes
}

/// Encodes bytes as lowercase hexadecimal without separators; test helper.
func hexString<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
  bytes.map { byte in
    let digits = String(byte, radix: 16)
    return byte < 16 ? "0" + digits : digits
  }.joined()
}
