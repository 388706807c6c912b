/// `union Name { 1 card: CardPayment … }`: a discriminated union of numbered variants.
public struct UnionDeclaration: Hashable, Sendable {
  /// The full name of the contract that declares it.
  public var contract: String
  /// The union's name.
  public var name: String
  /// The variants in source order.
  public var variants: [UnionVariant]
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

  /// Creates a union declaration.
  public init(
    contract: String, name: String, variants: [UnionVariant], reserved: ReservedSet = ReservedSet(),
    availability: Availability = Availability(), doc: String? = nil, location: SourceLocation,
    nameLocation: SourceLocation? = nil
  ) {
    self.contract = contract
    self.name = name
    self.variants = variants
    self.reserved = reserved
    self.availability = availability
    self.doc = doc
    self.location = location
    self.nameLocation = nameLocation ?? location
  }

  /// The variant called `name`.
  public func variant(named name: String) -> UnionVariant? { variants.first { $0.name == name } }
}

/// One variant of a union, carrying one value: `1 card: CardPayment`.
public struct UnionVariant: Hashable, Sendable {
  /// The variant number, its identity on the binary wire.
  public var number: Int
  /// The variant name, its identity on the JSON wire (`{"type": "card", …}`).
  public var name: String
  /// The type of the carried value (never optional).
  public var type: TypeReference
  /// Constraints on the carried value.
  public var constraints: Constraints
  /// `@deprecated` and `@since`.
  public var availability: Availability
  /// The `///` doc comment, if any.
  public var doc: String?
  /// Where the variant starts (its number).
  public var location: SourceLocation
  /// Where its name is.
  public var nameLocation: SourceLocation
  /// Where its type is written.
  public var typeLocation: SourceLocation

  /// Creates a variant.
  public init(
    number: Int, name: String, type: TypeReference, constraints: Constraints = Constraints(),
    availability: Availability = Availability(), doc: String? = nil, location: SourceLocation,
    nameLocation: SourceLocation? = nil, typeLocation: SourceLocation? = nil
  ) {
    self.number = number
    self.name = name
    self.type = type
    self.constraints = constraints
    self.availability = availability
    self.doc = doc
    self.location = location
    self.nameLocation = nameLocation ?? location
    self.typeLocation = typeLocation ?? location
  }
}
