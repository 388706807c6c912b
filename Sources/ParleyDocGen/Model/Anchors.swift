import ParleyFrontEnd

/// Every page name and anchor of the generated docs, decided in one place.
///
/// Anchors are stable across runs and versions because they derive from names only:
/// a declaration's anchor is its name (`Order`), a member's is `Declaration.member`
/// (`Order.id`, `OrderService.getOrder`), and generated sections carry a `--suffix` or a
/// `section-` prefix, which no contract identifier can contain, so they never collide.
public enum Anchors {
  /// The page of a contract, without extension: its full name (`shop.orders`).
  public static func page(of contract: String) -> String { contract }

  /// The page that lists every contract.
  public static let indexPage = "index"

  /// `Order`.
  public static func declaration(_ name: String) -> String { name }

  /// `Order.id`, `Color.red`, `Shape.circle`, `OrderService.getOrder`.
  public static func member(_ declaration: String, _ member: String) -> String { "\(declaration).\(member)" }

  /// `Order--reserved`.
  public static func reserved(_ declaration: String) -> String { "\(declaration)--reserved" }

  /// `Order--used-by`.
  public static func usedBy(_ declaration: String) -> String { "\(declaration)--used-by" }

  /// `OrderService.getOrder--example`.
  public static func example(_ service: String, _ method: String) -> String {
    "\(service).\(method)--example"
  }

  /// `section-services`, `section-types`, `section-errors`, `section-changelog`.
  public static func section(_ name: String) -> String { "section-\(name)" }

  /// The link to a declaration.
  public static func link(to reference: DeclarationReference) -> DocLink {
    DocLink(page: page(of: reference.contract), anchor: declaration(reference.name))
  }

  /// The link to a member of a declaration.
  public static func link(to reference: DeclarationReference, member name: String) -> DocLink {
    DocLink(page: page(of: reference.contract), anchor: member(reference.name, name))
  }
}
