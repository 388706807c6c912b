/// Where a change can break: one of the two codecs, or the generated Swift source.
public enum CompatWire: String, CaseIterable, Hashable, Sendable, Comparable {
  /// The `json` codec: fields, cases and variants are identified by name.
  case json
  /// The `binary` codec: fields, cases and variants are identified by number.
  case binary
  /// The generated Swift API that application code compiles against.
  case source

  /// The order of ``allCases``: json, binary, source.
  public static func < (lhs: CompatWire, rhs: CompatWire) -> Bool {
    let order: [CompatWire] = allCases
    return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
  }
}
