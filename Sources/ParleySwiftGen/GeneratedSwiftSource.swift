/// One generated Swift file: the code for one contract.
public struct GeneratedSwiftSource: Sendable, Hashable {
  /// The contract's dotted name, e.g. `shop.orders`.
  public var contract: String
  /// The contract's path relative to the load root, e.g. `shop/orders.ipc`; the caller folds it
  /// into the output file name.
  public var sourcePath: String
  /// The whole Swift file.
  public var contents: String

  /// Creates a generated source.
  public init(contract: String, sourcePath: String, contents: String) {
    self.contract = contract
    self.sourcePath = sourcePath
    self.contents = contents
  }
}
