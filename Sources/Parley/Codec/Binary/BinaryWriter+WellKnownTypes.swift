// Writes of the contract language's built-in `Timestamp`, `Duration` and `UUID`.
// `Timestamp` and `Duration` are nested messages {1: seconds (zigzag), 2: nanoseconds (varint)};
// `UUID` is 16 length-delimited bytes. See docs/binary-codec.md.

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension BinaryWriter {
  /// Seconds between 1970-01-01 and 2001-01-01 (Foundation's reference date), both UTC.
  @usableFromInline
  internal static let unixToReferenceDateSeconds: Int64 = 978_307_200

  /// Writes a bare `Timestamp` from its parts: a nested message whose field 1 is `seconds` since
  /// 1970-01-01T00:00:00Z (zigzag varint) and field 2 is `nanoseconds` (varint, 0 … 999,999,999),
  /// both always written. `seconds` is rounded down, so 1969-12-31T23:59:59.5Z is `(-1, 500000000)`.
  @inlinable
  public mutating func writeTimestamp(seconds: Int64, nanoseconds: Int32) {
    writeLengthDelimited { writer in
      writer.writeInt64(field: 1, seconds)
      writer.writeUInt32(field: 2, UInt32(truncatingIfNeeded: nanoseconds))
    }
  }

  /// Writes a bare `Timestamp` from a `Date`, to the nearest nanosecond.
  ///
  /// The conversion works from the `Date`'s own representation, so decoding gives back the same
  /// `Date` (exactly, for dates more than about 50 days from 2001-01-01). A non-finite date is
  /// clamped to the largest or smallest timestamp, NaN to the epoch.
  @inlinable
  public mutating func writeTimestamp(_ date: Date) {
    let (seconds, nanoseconds) = Self.timestampParts(date)
    writeTimestamp(seconds: seconds, nanoseconds: nanoseconds)
  }

  /// Writes field `field` holding a `Timestamp` from a `Date`.
  @inlinable
  public mutating func writeTimestamp(field: Int, _ date: Date) {
    writeTag(field: field, wireType: .lengthDelimited)
    writeTimestamp(date)
  }

  /// Writes a bare `Duration`: the same layout as a timestamp, seconds rounded down and
  /// nanoseconds 0 … 999,999,999 (so −1.5 s is `(-2, 500000000)`). Sub-nanosecond parts are
  /// dropped (rounded down).
  @inlinable
  public mutating func writeDuration(_ duration: Duration) {
    let (seconds, nanoseconds) = Self.durationParts(duration)
    writeTimestamp(seconds: seconds, nanoseconds: nanoseconds)
  }

  /// Writes field `field` holding a `Duration`.
  @inlinable
  public mutating func writeDuration(field: Int, _ duration: Duration) {
    writeTag(field: field, wireType: .lengthDelimited)
    writeDuration(duration)
  }

  /// Writes a bare `UUID`: length 16, then its 16 bytes in RFC 9562 (network) order.
  @inlinable
  public mutating func writeUUID(_ uuid: UUID) {
    appendByte(16)
    Swift.withUnsafeBytes(of: uuid.uuid) { appendBytes($0) }
  }

  /// Writes field `field` holding a `UUID`.
  @inlinable
  public mutating func writeUUID(field: Int, _ uuid: UUID) {
    writeTag(field: field, wireType: .lengthDelimited)
    writeUUID(uuid)
  }

  /// Splits a `Date` into whole seconds since 1970 (rounded down) and nanoseconds.
  @usableFromInline
  internal static func timestampParts(_ date: Date) -> (seconds: Int64, nanoseconds: Int32) {
    let interval = date.timeIntervalSinceReferenceDate
    guard interval.isFinite else {
      if interval.isNaN { return (0, 0) }
      return interval > 0 ? (Int64.max, 999_999_999) : (Int64.min, 0)
    }
    // Whole seconds must stay within Int64 after adding the epoch offset.
    let bound = 9.0e18
    guard interval > -bound && interval < bound else {
      return interval > 0 ? (Int64.max, 999_999_999) : (Int64.min, 0)
    }
    var wholeSeconds = interval.rounded(.down)
    var nanoseconds = ((interval - wholeSeconds) * 1e9).rounded()
    if nanoseconds >= 1e9 {
      wholeSeconds += 1
      nanoseconds -= 1e9
    }
    return (Int64(wholeSeconds) + unixToReferenceDateSeconds, Int32(nanoseconds))
  }

  /// Splits a `Duration` into whole seconds (rounded down) and nanoseconds (rounded down).
  @usableFromInline
  internal static func durationParts(_ duration: Duration) -> (seconds: Int64, nanoseconds: Int32) {
    var (seconds, attoseconds) = duration.components
    if attoseconds < 0 {
      guard seconds > Int64.min else { return (Int64.min, 0) }
      seconds -= 1
      attoseconds += 1_000_000_000_000_000_000
    }
    return (seconds, Int32(truncatingIfNeeded: attoseconds / 1_000_000_000))
  }
}
