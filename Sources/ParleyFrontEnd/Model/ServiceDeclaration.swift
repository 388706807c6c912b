/// `service Name { methods }`.
public struct ServiceDeclaration: Hashable, Sendable {
  /// The full name of the contract that declares it.
  public var contract: String
  /// The service's name (its identity on the wire together with the contract name).
  public var name: String
  /// The methods in source order.
  public var methods: [Method]
  /// `@deprecated` and `@since`.
  public var availability: Availability
  /// The `///` doc comment, if any.
  public var doc: String?
  /// Where the declaration starts.
  public var location: SourceLocation
  /// Where its name is.
  public var nameLocation: SourceLocation

  /// Creates a service declaration.
  public init(
    contract: String, name: String, methods: [Method], availability: Availability = Availability(),
    doc: String? = nil, location: SourceLocation, nameLocation: SourceLocation? = nil
  ) {
    self.contract = contract
    self.name = name
    self.methods = methods
    self.availability = availability
    self.doc = doc
    self.location = location
    self.nameLocation = nameLocation ?? location
  }

  /// The method called `name`.
  public func method(named name: String) -> Method? { methods.first { $0.name == name } }
}

/// The four kinds of service methods.
public enum MethodKind: String, CaseIterable, Hashable, Sendable {
  /// `rpc m(Req) -> Res throws …`: request/response.
  case rpc
  /// `oneway m(Req)`: fire-and-forget, no reply, no error.
  case oneway
  /// `event m(Payload)`: published by the service to every subscriber.
  case event
  /// `stream m(Req) -> Item throws …`: the server streams many items, then ends or fails.
  case stream
}

/// One method of a service.
public struct Method: Hashable, Sendable {
  /// rpc, oneway, event or stream.
  public var kind: MethodKind
  /// The method name (its identity on the wire).
  public var name: String
  /// The request (or event payload) type; `nil` for `()`.
  public var request: TypeReference?
  /// The response (or stream item) type; `nil` for `()` and for oneway and event methods.
  public var response: TypeReference?
  /// The errors listed after `throws`, in source order (each an `error` declaration).
  public var errors: [DeclarationReference]
  /// `@timeout(2s)` in milliseconds.
  public var timeoutMilliseconds: Int64?
  /// `@idempotent`: the runtime may retry the call.
  public var isIdempotent: Bool
  /// `@deprecated` and `@since`.
  public var availability: Availability
  /// The `///` doc comment, if any.
  public var doc: String?
  /// Where the method starts (its keyword, or its first attribute).
  public var location: SourceLocation
  /// Where its name is.
  public var nameLocation: SourceLocation

  /// Creates a method.
  public init(
    kind: MethodKind, name: String, request: TypeReference?, response: TypeReference?,
    errors: [DeclarationReference] = [], timeoutMilliseconds: Int64? = nil, isIdempotent: Bool = false,
    availability: Availability = Availability(), doc: String? = nil, location: SourceLocation,
    nameLocation: SourceLocation? = nil
  ) {
    self.kind = kind
    self.name = name
    self.request = request
    self.response = response
    self.errors = errors
    self.timeoutMilliseconds = timeoutMilliseconds
    self.isIdempotent = isIdempotent
    self.availability = availability
    self.doc = doc
    self.location = location
    self.nameLocation = nameLocation ?? location
  }
}
