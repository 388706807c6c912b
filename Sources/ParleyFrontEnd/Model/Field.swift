/// A numbered field of a struct or error: `3 note: String? @length(...500)`.
public struct Field: Hashable, Sendable {
  /// The field number (1…536,870,911), its identity on the binary wire.
  public var number: Int
  /// The field name, its identity on the JSON wire (may be a Swift keyword).
  public var name: String
  /// The resolved type; `.optional` when written `T?`.
  public var type: TypeReference
  /// The value used when the field is absent on the wire, if one is written.
  public var defaultValue: DefaultValue?
  /// The field's own constraints (a distinct type's constraints apply in addition).
  public var constraints: Constraints
  /// `@deprecated` and `@since`.
  public var availability: Availability
  /// The `///` doc comment, lines joined with `\n` and `/// ` stripped; `nil` when there is none.
  public var doc: String?
  /// Where the field starts (its number).
  public var location: SourceLocation
  /// Where the field name is.
  public var nameLocation: SourceLocation
  /// Where the type is written.
  public var typeLocation: SourceLocation
  /// Where the default value is written, if any.
  public var defaultLocation: SourceLocation?

  /// Creates a field.
  public init(
    number: Int, name: String, type: TypeReference, defaultValue: DefaultValue? = nil,
    constraints: Constraints = Constraints(), availability: Availability = Availability(), doc: String? = nil,
    location: SourceLocation, nameLocation: SourceLocation? = nil, typeLocation: SourceLocation? = nil,
    defaultLocation: SourceLocation? = nil
  ) {
    self.number = number
    self.name = name
    self.type = type
    self.defaultValue = defaultValue
    self.constraints = constraints
    self.availability = availability
    self.doc = doc
    self.location = location
    self.nameLocation = nameLocation ?? location
    self.typeLocation = typeLocation ?? location
    self.defaultLocation = defaultLocation
  }

  /// Whether the field is written `T?` (may be absent or null on the wire).
  public var isOptional: Bool { type.isOptional }

  /// Whether its absence is a decode error: neither optional nor defaulted.
  public var isRequired: Bool { !isOptional && defaultValue == nil }
}
