#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A value that generated `Codable` code encodes with Parley's JSON mapping (see
/// `docs/generated-code.md`): 64-bit integers as numbers that may also be read from decimal
/// strings, `Timestamp` as RFC 3339 text, `Duration` as `"1.5s"`, `Bytes` as base64, `UUID` as
/// lowercase text, maps with non-string keys as objects, non-finite floating-point numbers as
/// `"NaN"`, `"Infinity"`, `"-Infinity"`.
///
/// Generated types conform through their `Codable` implementation; the standard types used by
/// contracts conform here.
public protocol ParleyJSONCodable: Sendable {
  /// Decodes a value from `decoder` with Parley's JSON mapping.
  ///
  /// - Throws: `DecodingError`.
  static func decodeParleyJSON(from decoder: any Decoder) throws -> Self
  /// Encodes the value into `encoder` with Parley's JSON mapping.
  ///
  /// - Throws: `EncodingError`.
  func encodeParleyJSON(to encoder: any Encoder) throws
}

extension ParleyJSONCodable where Self: Codable {
  /// Decodes through the type's own `Codable` implementation (what generated types use).
  public static func decodeParleyJSON(from decoder: any Decoder) throws -> Self { try Self(from: decoder) }
  /// Encodes through the type's own `Codable` implementation (what generated types use).
  public func encodeParleyJSON(to encoder: any Encoder) throws { try encode(to: encoder) }
}

/// A type whose values may be JSON object keys of a contract map: `String`, the integer types,
/// `UUID`, generated enums and distinct types of these.
public protocol ParleyJSONMapKey: Hashable, Sendable {
  /// The key as JSON object member name.
  var parleyJSONKey: String { get }
  /// The value for member name `key`, or `nil` when it is not one.
  init?(parleyJSONKey key: String)
}

/// Decoding options and entry points for Parley's `Codable` JSON mapping.
///
/// ```swift
/// let order = try ParleyJSON.decode(Order.self, from: data)                 // unknown keys ignored
/// let strictOrder = try ParleyJSON.decode(Order.self, from: data, strict: true)  // rejected
/// let data = try ParleyJSON.encode(order)
/// ```
public enum ParleyJSON {
  /// Set this `userInfo` key to `true` on a `JSONDecoder` to reject unknown object keys.
  public static let strictKey: CodingUserInfoKey = {
    guard let key = CodingUserInfoKey(rawValue: "parley.strict") else {
      preconditionFailure("CodingUserInfoKey rejected a constant")
    }
    return key
  }()

  /// Decodes `type` from JSON `data`.
  ///
  /// - Parameter strict: Reject object keys the contract does not declare.
  /// - Throws: `DecodingError` naming the path of the failing field.
  public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data, strict: Bool = false)
    throws
    -> Value
  {
    let decoder = JSONDecoder()
    if strict { decoder.userInfo[strictKey] = true }
    return try decoder.decode(type, from: data)
  }

  /// Encodes `value` as compact JSON.
  ///
  /// - Throws: `EncodingError`.
  public static func encode<Value: Encodable>(_ value: Value) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
    return try encoder.encode(value)
  }

  /// Throws when `decoder` is strict and its current object has a key outside `known`.
  ///
  /// - Throws: `DecodingError.dataCorrupted` naming the unknown key and its path.
  public static func rejectUnknownKeys(in decoder: any Decoder, known: Set<String>) throws {
    guard decoder.userInfo[strictKey] as? Bool == true else { return }
    let container = try decoder.container(keyedBy: ParleyCodingKey.self)
    for key in container.allKeys where !known.contains(key.stringValue) {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: decoder.codingPath + [key],
          debugDescription: "unknown field '\(renderPath(decoder.codingPath + [key]))' (strict mode)"))
    }
  }

  /// A coding path in contract notation: `items[3].price`.
  public static func renderPath(_ path: [any CodingKey]) -> String {
    var text = ""
    for key in path {
      if let index = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == "\(index)" {
        text += "[\(index)]"
      } else {
        if !text.isEmpty { text += "." }
        text += key.stringValue
      }
    }
    return text
  }
}

/// A coding key for any member name or array index.
public struct ParleyCodingKey: CodingKey, Sendable, Hashable {
  /// The member name.
  public var stringValue: String
  /// The array index, if any.
  public var intValue: Int?

  /// Creates a key for a member name.
  public init(stringValue: String) {
    self.stringValue = stringValue
    self.intValue = nil
  }

  /// Creates a key for an array index.
  public init(intValue: Int) {
    self.stringValue = "\(intValue)"
    self.intValue = intValue
  }
}

extension KeyedDecodingContainer {
  /// Decodes a required field; a missing (or `null`) field throws `DecodingError.keyNotFound`
  /// whose description names the field's path (`items[0].price`).
  ///
  /// - Throws: `DecodingError`.
  public func parleyDecode<Value: ParleyJSONCodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
    guard contains(key), try !decodeNil(forKey: key) else {
      throw DecodingError.keyNotFound(
        key,
        DecodingError.Context(
          codingPath: codingPath,
          debugDescription: "required field '\(ParleyJSON.renderPath(codingPath + [key]))' is missing"))
    }
    return try Value.decodeParleyJSON(from: superDecoder(forKey: key))
  }

  /// Decodes an optional or defaulted field: `nil` when it is absent or `null`.
  ///
  /// - Throws: `DecodingError`.
  public func parleyDecodeIfPresent<Value: ParleyJSONCodable>(_ type: Value.Type, forKey key: Key) throws
    -> Value?
  {
    guard contains(key), try !decodeNil(forKey: key) else { return nil }
    return try Value.decodeParleyJSON(from: superDecoder(forKey: key))
  }
}

extension KeyedEncodingContainer {
  /// Encodes a field.
  ///
  /// - Throws: `EncodingError`.
  public mutating func parleyEncode<Value: ParleyJSONCodable>(_ value: Value, forKey key: Key) throws {
    try value.encodeParleyJSON(to: superEncoder(forKey: key))
  }

  /// Encodes an optional field, leaving it out when `nil`.
  ///
  /// - Throws: `EncodingError`.
  public mutating func parleyEncodeIfPresent<Value: ParleyJSONCodable>(_ value: Value?, forKey key: Key)
    throws
  {
    guard let value else { return }
    try value.encodeParleyJSON(to: superEncoder(forKey: key))
  }
}
