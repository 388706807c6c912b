// Reads of the contract language's built-in `Timestamp`, `Duration` and `UUID`
// (layouts in docs/binary-codec.md).

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension BinaryReader {
  /// Reads a `Timestamp` (or `Duration`) as its parts: seconds since 1970-01-01T00:00:00Z and
  /// nanoseconds. Absent parts are 0; unknown fields inside are skipped.
  ///
  /// - Throws: ``BinaryDecodingError`` for malformed input or nanoseconds outside 0 … 999,999,999.
  @inlinable
  public mutating func readTimestampParts() throws(BinaryDecodingError) -> (
    seconds: Int64, nanoseconds: Int32
  ) {
    try consumeTag(.lengthDelimited)
    let outerLimit = try enterLengthDelimited()
    var seconds: Int64 = 0
    var nanoseconds: Int32 = 0
    while let field = try nextField() {
      switch field.number {
      case 1:
        seconds = try readInt64()
      case 2:
        let start = position
        let raw = try readUInt64()
        guard raw < 1_000_000_000 else {
          throw BinaryDecodingError(.invalidNanoseconds(Int64(truncatingIfNeeded: raw)), offset: start)
        }
        nanoseconds = Int32(truncatingIfNeeded: raw)
      default:
        try skipField()
      }
    }
    exitLengthDelimited(restoring: outerLimit)
    return (seconds, nanoseconds)
  }

  /// Reads a `Timestamp` as a `Date` (whose precision is finer than a microsecond for present-day
  /// dates, so nanoseconds may round).
  ///
  /// - Throws: ``BinaryDecodingError`` for malformed input.
  @inlinable
  public mutating func readTimestamp() throws(BinaryDecodingError) -> Date {
    let (seconds, nanoseconds) = try readTimestampParts()
    let sinceReferenceDate = seconds.subtractingReportingOverflow(BinaryWriter.unixToReferenceDateSeconds)
    let wholeSeconds =
      sinceReferenceDate.overflow ? Double(seconds) - 978_307_200 : Double(sinceReferenceDate.partialValue)
    return Date(timeIntervalSinceReferenceDate: wholeSeconds + Double(nanoseconds) / 1e9)
  }

  /// Reads a `Duration`.
  ///
  /// - Throws: ``BinaryDecodingError`` for malformed input.
  @inlinable
  public mutating func readDuration() throws(BinaryDecodingError) -> Duration {
    let (seconds, nanoseconds) = try readTimestampParts()
    return Duration(
      secondsComponent: seconds, attosecondsComponent: Int64(nanoseconds) * 1_000_000_000)
  }

  /// Reads a `UUID`: exactly 16 length-delimited bytes.
  ///
  /// - Throws: ``BinaryDecodingError`` for a wrong wire type, truncation, or a length other than 16.
  @inlinable
  public mutating func readUUID() throws(BinaryDecodingError) -> UUID {
    try consumeTag(.lengthDelimited)
    let start = position
    let length = try readLength()
    guard length == 16 else {
      throw BinaryDecodingError(.invalidUUIDLength(length), offset: start)
    }
    let first = position
    position &+= 16
    return storage.withUnsafeBufferPointer { buffer in
      let b = UnsafeBufferPointer(rebasing: buffer[first..<(first &+ 16)])
      return UUID(
        uuid: (
          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]
        ))
    }
  }
}
