/// `error Name code N { fields }`: an application error with a stable code unique in its contract.
public struct ErrorDeclaration: Hashable, Sendable {
  /// The full name of the contract that declares it.
  public var contract: String
  /// The error's name.
  public var name: String
  /// The numeric code (1…2,147,483,647), unique in the contract.
  public var code: Int
  /// The payload fields in source order (may be empty).
  public var fields: [Field]
  /// Retired numbers and names.
  public var reserved: ReservedSet
  /// `@deprecated` and `@since`.
  public var availability: Availability
  /// The `///` doc comment, if any.
  public var doc: String?
  /// Where the declaration starts.
  public var location: SourceLocation
  /// Where its name is.
  public var nameLocation: SourceLocation
  /// Where the code number is.
  public var codeLocation: SourceLocation

  /// Creates an error declaration.
  public init(
    contract: String, name: String, code: Int, fields: [Field], reserved: ReservedSet = ReservedSet(),
    availability: Availability = Availability(), doc: String? = nil, location: SourceLocation,
    nameLocation: SourceLocation? = nil, codeLocation: SourceLocation? = nil
  ) {
    self.contract = contract
    self.name = name
    self.code = code
    self.fields = fields
    self.reserved = reserved
    self.availability = availability
    self.doc = doc
    self.location = location
    self.nameLocation = nameLocation ?? location
    self.codeLocation = codeLocation ?? location
  }

  /// The field called `name`.
  public func field(named name: String) -> Field? { fields.first { $0.name == name } }
}
