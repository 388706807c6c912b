/// The single error type of the Parley runtime.
///
/// Every failure a caller sees (local or reported by the peer) is a `ParleyError` with a stable
/// ``Code``, a message a person can act on, and whether the call may have run on the server.
/// The runtime retries only calls that certainly did not run, or calls to idempotent methods.
///
/// ```swift
/// do {
///   _ = try await connection.call(contract: "shop.orders", version: 3, service: "OrderService",
///                                 method: "getOrder", payload: Array(#"{"id":"ord_42"}"#.utf8))
/// } catch let error as ParleyError where error.code == .application {
///   print(error.application?.name ?? "")   // "OrderNotFound"
/// }
/// ```
public struct ParleyError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The error codes of the wire protocol. `rawValue` is the name used on the wire.
  public enum Code: String, Sendable, CaseIterable, Hashable {
    /// The caller cancelled the call.
    case cancelled = "CANCELLED"
    /// The call's deadline passed before a reply arrived.
    case timeout = "TIMEOUT"
    /// The server does not serve the named service (or contract).
    case serviceNotFound = "SERVICE_NOT_FOUND"
    /// The service has no method of that name.
    case methodNotFound = "METHOD_NOT_FOUND"
    /// The request violated a constraint; see ``ParleyError/violations``.
    case validationFailed = "VALIDATION_FAILED"
    /// A payload could not be decoded into the expected message.
    case decodeFailed = "DECODE_FAILED"
    /// The peers do not share a protocol or contract version.
    case versionMismatch = "VERSION_MISMATCH"
    /// The peer did not prove who it is (missing or wrong shared secret).
    case unauthenticated = "UNAUTHENTICATED"
    /// The peer is known but not allowed (peer-credential allow list).
    case permissionDenied = "PERMISSION_DENIED"
    /// The call chain is deeper than the configured maximum.
    case maxDepthExceeded = "MAX_DEPTH_EXCEEDED"
    /// A frame is larger than the receiver's maximum frame size.
    case frameTooLarge = "FRAME_TOO_LARGE"
    /// A bounded queue is full (in-flight calls, outbound bytes, connections).
    case overloaded = "OVERLOADED"
    /// The connection died while the call was pending.
    case connectionLost = "CONNECTION_LOST"
    /// There is no usable connection (never connected, refused, or already closed).
    case notConnected = "NOT_CONNECTED"
    /// The server is draining and refuses new calls.
    case shuttingDown = "SHUTTING_DOWN"
    /// The peer broke the wire protocol.
    case protocolError = "PROTOCOL_ERROR"
    /// A contract error thrown by the handler; see ``ParleyError/application``.
    case application = "APPLICATION"
    /// The handler failed in an unexpected way; details stay on the server.
    case `internal` = "INTERNAL"

    /// Whether a call that failed with this code may have run, when the code alone decides it.
    /// Codes such as `TIMEOUT` and `CONNECTION_LOST` depend on circumstances and are set by the
    /// runtime where the error is created.
    public var defaultMayHaveRun: Bool {
      switch self {
      case .serviceNotFound, .methodNotFound, .validationFailed, .decodeFailed, .versionMismatch,
        .unauthenticated, .permissionDenied, .maxDepthExceeded, .frameTooLarge, .overloaded,
        .notConnected, .shuttingDown, .protocolError:
        return false
      case .cancelled, .timeout, .connectionLost, .application, .internal:
        return true
      }
    }
  }

  /// One failed constraint of a `VALIDATION_FAILED` error.
  public struct Violation: Sendable, Equatable, Hashable {
    /// The path of the failing field, e.g. `items[0].quantity`.
    public var path: String
    /// What is wrong with it, e.g. `must be at least 1`.
    public var message: String

    /// Creates a violation.
    public init(path: String, message: String) {
      self.path = path
      self.message = message
    }
  }

  /// The contract error carried by an `APPLICATION` error.
  public struct Application: Sendable, Equatable {
    /// The error's stable numeric code from the contract (`error OrderNotFound code 404`).
    public var code: Int64
    /// The error's name from the contract, e.g. `OrderNotFound`.
    public var name: String
    /// The error's fields, encoded with the connection's codec (empty when it has none).
    public var payload: [UInt8]

    /// Creates application error details.
    public init(code: Int64, name: String, payload: [UInt8] = []) {
      self.code = code
      self.name = name
      self.payload = payload
    }
  }

  /// The stable error code.
  public var code: Code
  /// A message a person can act on. Never contains stack traces or file paths from the peer.
  public var message: String
  /// Whether the call may have executed on the server (`false` means it certainly did not).
  public var mayHaveRun: Bool
  /// The service of the failed call, when known locally.
  public var service: String?
  /// The method of the failed call, when known locally.
  public var method: String?
  /// The call id of the failed call on its connection, when known.
  public var callID: UInt64?
  /// For `VALIDATION_FAILED`: the failing fields.
  public var violations: [Violation]
  /// For `APPLICATION`: the contract error's code, name and payload.
  public var application: Application?

  /// Creates an error. `mayHaveRun` defaults to ``Code/defaultMayHaveRun``.
  public init(
    _ code: Code, _ message: String, mayHaveRun: Bool? = nil, service: String? = nil,
    method: String? = nil, callID: UInt64? = nil, violations: [Violation] = [],
    application: Application? = nil
  ) {
    self.code = code
    self.message = message
    self.mayHaveRun = mayHaveRun ?? code.defaultMayHaveRun
    self.service = service
    self.method = method
    self.callID = callID
    self.violations = violations
    self.application = application
  }

  /// Creates an `APPLICATION` error for a contract error; handlers throw it and the caller
  /// receives the same code, name, message and payload.
  public static func application(code: Int64, name: String, message: String, payload: [UInt8] = [])
    -> ParleyError
  {
    ParleyError(
      .application, message, mayHaveRun: true,
      application: Application(code: code, name: name, payload: payload))
  }

  /// Creates a `VALIDATION_FAILED` error listing the failing fields (the call did not run).
  public static func validationFailed(_ violations: [Violation], message: String? = nil) -> ParleyError {
    let text =
      message
      ?? ("validation failed: " + violations.map { "\($0.path): \($0.message)" }.joined(separator: "; "))
    return ParleyError(.validationFailed, text, mayHaveRun: false, violations: violations)
  }

  /// `CODE: message` plus the call's service, method and id when known.
  public var description: String {
    var text = "\(code.rawValue): \(message)"
    if let application { text += " [\(application.name) \(application.code)]" }
    var place: [String] = []
    if let service { place.append(method.map { "\(service).\($0)" } ?? service) }
    if let callID { place.append("call \(callID)") }
    if !place.isEmpty { text += " (" + place.joined(separator: ", ") + ")" }
    text += mayHaveRun ? " (may have run)" : " (did not run)"
    return text
  }

  /// Returns a copy with the call's service, method and id filled in (where not already set).
  func located(service: String?, method: String?, callID: UInt64?) -> ParleyError {
    var copy = self
    if copy.service == nil { copy.service = service }
    if copy.method == nil { copy.method = method }
    if copy.callID == nil { copy.callID = callID }
    return copy
  }
}
