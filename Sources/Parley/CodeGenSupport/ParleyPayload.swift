#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// What generated clients and servers use to put typed values into call payloads and back, in
/// the connection's codec, and to carry contract errors and validation failures as
/// ``ParleyError``s.
public enum ParleyPayload {
  /// `value` as JSON text with Parley's mapping.
  ///
  /// - Throws: `EncodingError`.
  public static func encodeJSON<Value: ParleyJSONCodable>(_ value: Value) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
    return Array(try encoder.encode(JSONBox(value: value)))
  }

  /// A value of `type` from JSON text with Parley's mapping.
  ///
  /// - Throws: `DecodingError`.
  public static func decodeJSON<Value: ParleyJSONCodable>(_ type: Value.Type, from bytes: [UInt8]) throws
    -> Value
  {
    try JSONDecoder().decode(JSONBox<Value>.self, from: Data(bytes)).value
  }

  /// Runs a payload decoder, turning any failure into `DECODE_FAILED` with the failing path.
  ///
  /// - Throws: ``ParleyError`` with code `DECODE_FAILED`.
  public static func decoding<Value>(service: String, method: String, _ body: () throws -> Value)
    throws(ParleyError)
    -> Value
  {
    do {
      return try body()
    } catch let error as ParleyError {
      throw error
    } catch {
      throw ParleyError(
        .decodeFailed, "cannot decode the payload: \(describe(error))", mayHaveRun: false, service: service,
        method: method)
    }
  }

  /// Checks a request's constraints as a server does before its handler runs.
  ///
  /// - Throws: ``ParleyError`` with code `VALIDATION_FAILED` listing every violation.
  public static func validate<Value: ParleyValidatable>(_ value: Value) throws(ParleyError) {
    let violations = value.parleyViolations
    guard !violations.isEmpty else { return }
    throw ParleyError.validationFailed(
      violations.map {
        ParleyError.Violation(path: $0.path.isEmpty ? "(value)" : $0.path, message: $0.message)
      })
  }

  /// The `APPLICATION` error that carries a contract error to the caller, its fields encoded in
  /// `codec`.
  public static func applicationError(_ error: any ParleyContractError, codec: WireCodec) -> ParleyError {
    let type = Swift.type(of: error)
    let payload: [UInt8]
    switch codec {
    case .binary: payload = error.parleyBinaryBytes
    case .json: payload = error.parleyJSONBytes
    }
    return ParleyError.application(
      code: type.parleyErrorCode, name: type.parleyErrorName,
      message: "\(type.parleyErrorName) (\(type.parleyErrorCode))",
      payload: payload)
  }

  /// `error` as one of the `declared` contract error types when it is an `APPLICATION` error with
  /// a matching code and name whose payload decodes; otherwise `error` unchanged.
  public static func contractError(
    _ error: any Error, declared: [any ParleyContractError.Type], codec: WireCodec
  )
    -> any Error
  {
    guard let parleyError = error as? ParleyError, parleyError.code == .application,
      let application = parleyError.application
    else { return error }
    for type in declared
    where type.parleyErrorCode == application.code && type.parleyErrorName == application.name {
      if let typed = decodeError(type, application.payload, codec: codec) { return typed }
    }
    return error
  }

  private static func decodeError<E: ParleyContractError>(
    _ type: E.Type, _ payload: [UInt8], codec: WireCodec
  ) -> E? {
    switch codec {
    case .binary: try? E(parleyBinaryBytes: payload)
    case .json: try? E(parleyJSONBytes: payload.isEmpty ? Array("{}".utf8) : payload)
    }
  }

  /// A decoding error in words, with its path.
  static func describe(_ error: any Error) -> String {
    switch error {
    case let error as DecodingError:
      switch error {
      case .keyNotFound(_, let context), .dataCorrupted(let context):
        return context.debugDescription
      case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
        let path = ParleyJSON.renderPath(context.codingPath)
        return (path.isEmpty ? "" : path + ": ") + "expected \(type)"
      @unknown default:
        return "\(error)"
      }
    default:
      return "\(error)"
    }
  }

  /// Adapts any ``ParleyJSONCodable`` value to `Codable`.
  private struct JSONBox<Value: ParleyJSONCodable>: Codable {
    var value: Value
    init(value: Value) { self.value = value }
    init(from decoder: any Decoder) throws { value = try Value.decodeParleyJSON(from: decoder) }
    func encode(to encoder: any Encoder) throws { try value.encodeParleyJSON(to: encoder) }
  }
}
