/// `struct Name { fields; reserved … }`.
public struct StructDeclaration: Hashable, Sendable {
  /// The full name of the contract that declares it.
  public var contract: String
  /// The struct's name.
  public var name: String
  /// The fields in source order.
  public var fields: [Field]
  /// Retired numbers and names.
  public var reserved: ReservedSet
  /// `@deprecated` and `@since`.
  public var availability: Availability
  /// The `///` doc comment, if any.
  public var doc: String?
  /// Where the declaration starts (its keyword, or its first attribute).
  public var location: SourceLocation
  /// Where its name is.
  public var nameLocation: SourceLocation

  /// Creates a struct declaration.
  public init(
    contract: String, name: String, fields: [Field], reserved: ReservedSet = ReservedSet(),
    availability: Availability = Availability(), doc: String? = nil, location: SourceLocation,
    nameLocation: SourceLocation? = nil
  ) {
    self.contract = contract
    self.name = name
    self.fields = fields
    self.reserved = reserved
    self.availability = availability
    self.doc = doc
    self.location = location
    self.nameLocation = nameLocation ?? location
  }

  /// The field called `name`.
  public func field(named name: String) -> Field? { fields.first { $0.name == name } }

  /// The field numbered `number`.
  public func field(numbered number: Int) -> Field? { fields.first { $0.number == number } }
}
