/// `type OrderID = String @pattern("^ord_[a-z0-9]+$")`: a distinct named wrapper of a built-in
/// scalar that encodes as its raw value.
public struct DistinctTypeDeclaration: Hashable, Sendable {
  /// The full name of the contract that declares it.
  public var contract: String
  /// The type's name.
  public var name: String
  /// The wrapped built-in scalar.
  public var underlying: BuiltinType
  /// Constraints every value of the type must meet.
  public var constraints: Constraints
  /// `@deprecated` and `@since`.
  public var availability: Availability
  /// The `///` doc comment, if any.
  public var doc: String?
  /// Where the declaration starts.
  public var location: SourceLocation
  /// Where its name is.
  public var nameLocation: SourceLocation

  /// Creates a distinct type declaration.
  public init(
    contract: String, name: String, underlying: BuiltinType, constraints: Constraints = Constraints(),
    availability: Availability = Availability(), doc: String? = nil, location: SourceLocation,
    nameLocation: SourceLocation? = nil
  ) {
    self.contract = contract
    self.name = name
    self.underlying = underlying
    self.constraints = constraints
    self.availability = availability
    self.doc = doc
    self.location = location
    self.nameLocation = nameLocation ?? location
  }
}
