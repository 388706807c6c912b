/// The `codec` scenario's rows: ``CodecScenario`` (payload codecs of the realistic order, and the
/// envelope codecs) as report rows. The value is an encode plus a decode in nanoseconds (best of
/// five rounds); for the generated payload codecs, `vsFoundation` is how many times faster than
/// Foundation's `JSONEncoder`/`JSONDecoder` on the same message that round trip is.
enum CodecResults {
  static func run(_ context: BenchContext) async throws -> [BenchResult] {
    let measurements = try await CodecScenario.run(iterations: context.options.quick ? 10_000 : 200_000)
    let foundation = measurements.first { $0.name.hasPrefix("Foundation") }
    return measurements.map { measurement in
      let roundTrip = measurement.encodeNanoseconds + measurement.decodeNanoseconds
      var result = BenchResult(
        id: "codec." + slug(measurement.name), scenario: BenchScenario.codec.rawValue,
        label: "\(measurement.name): encode + decode of the order", value: roundTrip, unit: "ns",
        higherIsBetter: false, count: context.options.quick ? 10_000 : 200_000)
      result.details = [
        ("encodeNs", rounded(measurement.encodeNanoseconds, 1)),
        ("decodeNs", rounded(measurement.decodeNanoseconds, 1)),
        ("bytes", Double(measurement.bytes)),
      ]
      if let foundation, measurement.name.contains("generated"), roundTrip > 0 {
        let base = foundation.encodeNanoseconds + foundation.decodeNanoseconds
        result.details.append(("vsFoundation", rounded(base / roundTrip, 2)))
      }
      return result
    }
  }

  /// `binary (generated)` → `binary-generated`, `json envelope (call …)` → `json-envelope`,
  /// `Foundation JSONEncoder/JSONDecoder` → `foundation-json`.
  static func slug(_ name: String) -> String {
    if name.hasPrefix("Foundation") { return "foundation-json" }
    var text = name
    if let open = text.firstIndex(of: "("), !text.contains("(generated)") { text = String(text[..<open]) }
    var out = ""
    for character in text.lowercased() {
      if character.isLetter || character.isNumber {
        out.append(character)
      } else if !out.isEmpty, out.last != "-" {
        out.append("-")
      }
    }
    while out.last == "-" { out.removeLast() }
    return out
  }
}
