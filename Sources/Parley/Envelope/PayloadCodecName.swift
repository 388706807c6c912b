import Foundation

/// The `payloadCodec` marker on the wire (`docs/wire-protocol.md`, "Payload codec"): reading its
/// name, and carrying a binary payload inside a JSON envelope, where it is a base64 string.
enum PayloadCodecName {
  /// The codec named `name`.
  /// - Throws: ``ParleyError`` `PROTOCOL_ERROR` for a name this runtime does not know (the
  ///   payload could not be read, and the envelope's other fields cannot be trusted to say so).
  static func parse(_ name: String) throws(ParleyError) -> WireCodec {
    guard let codec = WireCodec(rawValue: name) else {
      throw ParleyError(.protocolError, "unknown payloadCodec \"\(name)\"")
    }
    return codec
  }

  /// The JSON text of `bytes` as a base64 string (standard alphabet, padded), quotes included.
  static func quotedBase64(_ bytes: [UInt8]) -> [UInt8] {
    var text: [UInt8] = [UInt8(ascii: "\"")]
    text.append(contentsOf: Data(bytes).base64EncodedString().utf8)
    text.append(UInt8(ascii: "\""))
    return text
  }

  /// The bytes of the JSON string `raw` (quotes included) holding base64 text.
  /// - Throws: ``ParleyError`` `PROTOCOL_ERROR` when `raw` is not a base64 string.
  static func unquoteBase64(_ raw: [UInt8]) throws(ParleyError) -> [UInt8] {
    guard raw.count >= 2, raw.first == UInt8(ascii: "\""), raw.last == UInt8(ascii: "\""),
      let data = Data(base64Encoded: Data(raw[1..<(raw.count - 1)]))
    else {
      throw ParleyError(.protocolError, "a binary payload in a JSON envelope must be a base64 string")
    }
    return [UInt8](data)
  }
}
