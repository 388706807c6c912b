/// `enum Name { 1 caseName … }`: an open enumeration of numbered cases.
public struct EnumDeclaration: Hashable, Sendable {
  /// The full name of the contract that declares it.
  public var contract: String
  /// The enum's name.
  public var name: String
  /// The cases in source order.
  public var cases: [EnumCase]
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

  /// Creates an enum declaration.
  public init(
    contract: String, name: String, cases: [EnumCase], reserved: ReservedSet = ReservedSet(),
    availability: Availability = Availability(), doc: String? = nil, location: SourceLocation,
    nameLocation: SourceLocation? = nil
  ) {
    self.contract = contract
    self.name = name
    self.cases = cases
    self.reserved = reserved
    self.availability = availability
    self.doc = doc
    self.location = location
    self.nameLocation = nameLocation ?? location
  }

  /// The case called `name`.
  public func enumCase(named name: String) -> EnumCase? { cases.first { $0.name == name } }
}

/// One case of an enum: `2 paid`.
public struct EnumCase: Hashable, Sendable {
  /// The case number, its identity on the binary wire.
  public var number: Int
  /// The case name, its identity on the JSON wire.
  public var name: String
  /// `@deprecated` and `@since`.
  public var availability: Availability
  /// The `///` doc comment, if any.
  public var doc: String?
  /// Where the case starts (its number).
  public var location: SourceLocation
  /// Where its name is.
  public var nameLocation: SourceLocation

  /// Creates a case.
  public init(
    number: Int, name: String, availability: Availability = Availability(), doc: String? = nil,
    location: SourceLocation, nameLocation: SourceLocation? = nil
  ) {
    self.number = number
    self.name = name
    self.availability = availability
    self.doc = doc
    self.location = location
    self.nameLocation = nameLocation ?? location
  }
}
