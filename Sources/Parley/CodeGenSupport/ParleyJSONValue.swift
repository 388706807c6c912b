#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Any JSON value, decoded without a schema: how generated `Codable` code keeps the `"value"` of a
/// union variant it does not know, so that it can be written back unchanged.
public indirect enum ParleyJSONValue: Codable, Sendable, Hashable {
  /// `null`.
  case null
  /// `true` / `false`.
  case bool(Bool)
  /// An integer that fits `Int64`.
  case integer(Int64)
  /// An integer above `Int64.max`.
  case unsigned(UInt64)
  /// Any other number.
  case double(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([ParleyJSONValue])
  /// An object (member order is not kept).
  case object([String: ParleyJSONValue])

  /// Decodes any JSON value.
  ///
  /// - Throws: `DecodingError` when the input is not JSON.
  public init(from decoder: any Decoder) throws {
    if let container = try? decoder.container(keyedBy: ParleyCodingKey.self) {
      var members: [String: ParleyJSONValue] = [:]
      for key in container.allKeys {
        members[key.stringValue] = try container.decode(ParleyJSONValue.self, forKey: key)
      }
      self = .object(members)
      return
    }
    if var container = try? decoder.unkeyedContainer() {
      var elements: [ParleyJSONValue] = []
      while !container.isAtEnd { elements.append(try container.decode(ParleyJSONValue.self)) }
      self = .array(elements)
      return
    }
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int64.self) {
      self = .integer(value)
    } else if let value = try? container.decode(UInt64.self) {
      self = .unsigned(value)
    } else if let value = try? container.decode(Double.self) {
      self = .double(value)
    } else {
      self = .string(try container.decode(String.self))
    }
  }

  /// Encodes the value.
  ///
  /// - Throws: `EncodingError`.
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .null:
      var container = encoder.singleValueContainer()
      try container.encodeNil()
    case .bool(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .integer(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .unsigned(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .double(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .string(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .array(let elements):
      var container = encoder.unkeyedContainer()
      for element in elements { try container.encode(element) }
    case .object(let members):
      var container = encoder.container(keyedBy: ParleyCodingKey.self)
      for key in members.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }) {
        if let value = members[key] { try container.encode(value, forKey: ParleyCodingKey(stringValue: key)) }
      }
    }
  }

  /// The value as compact JSON text.
  ///
  /// - Throws: `EncodingError` (only for non-finite numbers, which decoding never produces).
  public func jsonText() throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return Array(try encoder.encode(self))
  }

  /// Parses compact JSON text.
  ///
  /// - Throws: `DecodingError` when `text` is not JSON.
  public init(jsonText text: [UInt8]) throws {
    self = try JSONDecoder().decode(ParleyJSONValue.self, from: Data(text))
  }
}
