// Parley's JSON mapping of the contract language's built-in types, lists, maps and optionals.

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension Bool: ParleyJSONCodable {
  /// Decodes `true` or `false`.
  public static func decodeParleyJSON(from decoder: any Decoder) throws -> Bool {
    try decoder.singleValueContainer().decode(Bool.self)
  }
  /// Encodes `true` or `false`.
  public func encodeParleyJSON(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(self)
  }
}

extension String: ParleyJSONCodable, ParleyJSONMapKey {
  /// Decodes a JSON string.
  public static func decodeParleyJSON(from decoder: any Decoder) throws -> String {
    try decoder.singleValueContainer().decode(String.self)
  }
  /// Encodes a JSON string.
  public func encodeParleyJSON(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(self)
  }
  /// The string itself.
  public var parleyJSONKey: String { self }
  /// The key itself.
  public init?(parleyJSONKey key: String) { self = key }
}

/// The shared JSON mapping of the integer types: a JSON number, also accepted as a decimal string.
public protocol ParleyJSONInteger: FixedWidthInteger, Codable, ParleyJSONMapKey, ParleyJSONCodable {}

extension ParleyJSONInteger {
  /// Decodes a JSON number or a decimal string.
  public static func decodeParleyJSON(from decoder: any Decoder) throws -> Self {
    let container = try decoder.singleValueContainer()
    if let text = try? container.decode(String.self) {
      guard let value = Self(text) else {
        throw DecodingError.dataCorruptedError(
          in: container,
          debugDescription:
            "'\(text)' is not a valid \(Self.self) at '\(ParleyJSON.renderPath(decoder.codingPath))'")
      }
      return value
    }
    return try container.decode(Self.self)
  }
  /// Encodes a JSON number.
  public func encodeParleyJSON(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(self)
  }
  /// The decimal text.
  public var parleyJSONKey: String { String(self) }
  /// Parses decimal text.
  public init?(parleyJSONKey key: String) { self.init(key) }
}

extension Int8: ParleyJSONInteger {}
extension Int16: ParleyJSONInteger {}
extension Int32: ParleyJSONInteger {}
extension Int64: ParleyJSONInteger {}
extension Int: ParleyJSONInteger {}
extension UInt8: ParleyJSONInteger {}
extension UInt16: ParleyJSONInteger {}
extension UInt32: ParleyJSONInteger {}
extension UInt64: ParleyJSONInteger {}
extension UInt: ParleyJSONInteger {}

/// The shared JSON mapping of `Float` and `Double`: a number, or `"NaN"`, `"Infinity"`,
/// `"-Infinity"` for values JSON numbers cannot express.
public protocol ParleyJSONFloatingPoint: BinaryFloatingPoint, LosslessStringConvertible, Codable,
  ParleyJSONCodable
{}

extension ParleyJSONFloatingPoint {
  /// Decodes a number or one of the non-finite names.
  public static func decodeParleyJSON(from decoder: any Decoder) throws -> Self {
    let container = try decoder.singleValueContainer()
    if let text = try? container.decode(String.self) {
      switch text {
      case "NaN": return .nan
      case "Infinity": return .infinity
      case "-Infinity": return -.infinity
      default:
        guard let value = Self(text) else {
          throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a number")
        }
        return value
      }
    }
    return try container.decode(Self.self)
  }
  /// Encodes a number or one of the non-finite names.
  public func encodeParleyJSON(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if isNaN {
      try container.encode("NaN")
    } else if isInfinite {
      try container.encode(self < 0 ? "-Infinity" : "Infinity")
    } else {
      try container.encode(self)
    }
  }
}

extension Float: ParleyJSONFloatingPoint {}
extension Double: ParleyJSONFloatingPoint {}

extension Data: ParleyJSONCodable {
  /// Decodes base64 text.
  public static func decodeParleyJSON(from decoder: any Decoder) throws -> Data {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let data = Data(base64Encoded: text) else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "bytes are not valid base64")
    }
    return data
  }
  /// Encodes base64 text (standard alphabet, padded).
  public func encodeParleyJSON(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(base64EncodedString())
  }
}

extension UUID: ParleyJSONCodable, ParleyJSONMapKey {
  /// Decodes UUID text (either case).
  public static func decodeParleyJSON(from decoder: any Decoder) throws -> UUID {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let uuid = UUID(uuidString: text) else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a UUID")
    }
    return uuid
  }
  /// Encodes lowercase UUID text.
  public func encodeParleyJSON(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(uuidString.lowercased())
  }
  /// Lowercase UUID text.
  public var parleyJSONKey: String { uuidString.lowercased() }
  /// Parses UUID text.
  public init?(parleyJSONKey key: String) { self.init(uuidString: key) }
}

extension Date: ParleyJSONCodable {
  /// Decodes RFC 3339 text such as `2026-11-27T12:00:00.5Z`.
  public static func decodeParleyJSON(from decoder: any Decoder) throws -> Date {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let date = ParleyTimeText.parseTimestamp(text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "'\(text)' is not an RFC 3339 timestamp")
    }
    return date
  }
  /// Encodes RFC 3339 text in UTC.
  public func encodeParleyJSON(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(ParleyTimeText.timestamp(self))
  }
}

extension Duration: ParleyJSONCodable {
  /// Decodes seconds text such as `"1.5s"`.
  public static func decodeParleyJSON(from decoder: any Decoder) throws -> Duration {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let duration = ParleyTimeText.parseDuration(text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "'\(text)' is not a duration like \"1.5s\"")
    }
    return duration
  }
  /// Encodes seconds text such as `"1.5s"`.
  public func encodeParleyJSON(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(ParleyTimeText.duration(self))
  }
}

extension Array: ParleyJSONCodable where Element: ParleyJSONCodable {
  /// Decodes a JSON array.
  public static func decodeParleyJSON(from decoder: any Decoder) throws -> [Element] {
    var container = try decoder.unkeyedContainer()
    var elements: [Element] = []
    if let count = container.count { elements.reserveCapacity(count) }
    while !container.isAtEnd {
      elements.append(try Element.decodeParleyJSON(from: container.superDecoder()))
    }
    return elements
  }
  /// Encodes a JSON array.
  public func encodeParleyJSON(to encoder: any Encoder) throws {
    var container = encoder.unkeyedContainer()
    for element in self {
      try element.encodeParleyJSON(to: container.superEncoder())
    }
  }
}

extension Optional: ParleyJSONCodable where Wrapped: ParleyJSONCodable {
  /// Decodes `null` as `nil`, anything else as the wrapped type.
  public static func decodeParleyJSON(from decoder: any Decoder) throws -> Wrapped? {
    if try decoder.singleValueContainer().decodeNil() { return nil }
    return try Wrapped.decodeParleyJSON(from: decoder)
  }
  /// Encodes `nil` as `null`.
  public func encodeParleyJSON(to encoder: any Encoder) throws {
    guard let self else {
      var container = encoder.singleValueContainer()
      try container.encodeNil()
      return
    }
    try self.encodeParleyJSON(to: encoder)
  }
}

extension Dictionary: ParleyJSONCodable where Key: ParleyJSONMapKey, Value: ParleyJSONCodable {
  /// Decodes a JSON object whose member names are the keys.
  public static func decodeParleyJSON(from decoder: any Decoder) throws -> [Key: Value] {
    let container = try decoder.container(keyedBy: ParleyCodingKey.self)
    var result: [Key: Value] = [:]
    for codingKey in container.allKeys {
      guard let key = Key(parleyJSONKey: codingKey.stringValue) else {
        throw DecodingError.dataCorruptedError(
          forKey: codingKey, in: container,
          debugDescription: "'\(codingKey.stringValue)' is not a valid map key")
      }
      result[key] = try Value.decodeParleyJSON(from: container.superDecoder(forKey: codingKey))
    }
    return result
  }
  /// Encodes a JSON object, members sorted by key text so that equal maps encode identically.
  public func encodeParleyJSON(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: ParleyCodingKey.self)
    let entries = map { (key: $0.key.parleyJSONKey, value: $0.value) }.sorted {
      Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8)
    }
    for entry in entries {
      try entry.value.encodeParleyJSON(
        to: container.superEncoder(forKey: ParleyCodingKey(stringValue: entry.key)))
    }
  }
}
