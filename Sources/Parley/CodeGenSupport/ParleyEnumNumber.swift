extension SingleValueDecodingContainer {
  /// The enum case number a generated enum's Codable mapping reads: `nil` when the JSON value is
  /// not an integer (then it is a case name). A number outside 0...Int32.max, which no contract
  /// can declare and the binary wire cannot carry, is an error, as in the fast JSON and binary
  /// decoders (kept as an unknown case it would fail far from the bad input, once re-encoded).
  ///
  /// - Throws: `DecodingError.dataCorrupted`.
  public func parleyEnumNumber() throws -> Int? {
    guard let number = try? decode(Int.self) else { return nil }
    guard number >= 0, number <= Int(Int32.max) else {
      throw DecodingError.dataCorruptedError(
        in: self, debugDescription: "enum case number \(number) is outside 0...\(Int32.max)")
    }
    return number
  }
}
