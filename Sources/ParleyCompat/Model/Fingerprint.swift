/// Stable fingerprints for findings: FNV-1a 64 over the rule id, the contract and the element
/// path, written as 16 lowercase hex digits. Line numbers never enter, so editing unrelated parts
/// of a contract keeps every acknowledgement valid.
public enum Fingerprint {
  /// The fingerprint of `rule` at `element` of `contract`, e.g. `"3f2a…"`.
  public static func make(rule: String, contract: String, element: String) -> String {
    hex(fnv1a64(rule + "\u{0}" + contract + "\u{0}" + element))
  }

  /// FNV-1a, 64-bit, over the UTF-8 bytes of `text`.
  public static func fnv1a64(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01b3
    }
    return hash
  }

  /// `value` as exactly 16 lowercase hex digits.
  public static func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
  }
}
