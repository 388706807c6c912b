/// What the Swift generator emits and how: access level, which parts, a type-name prefix.
///
/// ```swift
/// let options = SwiftGeneratorOptions(accessLevel: .public, parts: [.types, .client])
/// let sources = SwiftGenerator.generate(contracts, options: options)
/// ```
public struct SwiftGeneratorOptions: Sendable, Hashable {
  /// The access level of every generated declaration.
  public enum AccessLevel: String, Sendable, CaseIterable {
    /// `public`: visible to other modules.
    case `public`
    /// `package`: visible within the Swift package.
    case `package`
    /// `internal`: visible within the module (the default).
    case `internal`
  }

  /// The parts of a contract's Swift code that can be generated.
  public enum Part: String, Sendable, CaseIterable {
    /// Structs, distinct types, enums, unions and errors with their codecs and validators.
    case types
    /// Typed client stubs per service.
    case client
    /// Handler protocols and server registration per service.
    case server
  }

  /// The access level of generated declarations; `.internal` by default.
  public var accessLevel: AccessLevel
  /// Which parts to generate; all by default.
  public var parts: Set<Part>
  /// Prepended to every generated type name (e.g. `"Shop"` turns `Order` into `ShopOrder`); `""` by default.
  public var typePrefix: String

  /// Creates options.
  public init(
    accessLevel: AccessLevel = .internal, parts: Set<Part> = Set(Part.allCases), typePrefix: String = ""
  ) {
    self.accessLevel = accessLevel
    self.parts = parts
    self.typePrefix = typePrefix
  }
}
