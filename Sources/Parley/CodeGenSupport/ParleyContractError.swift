/// A generated contract `error` type: a Swift `Error` with the contract's stable numeric code and
/// name, whose fields travel as the error payload.
///
/// A server handler throws it; the client receives the same type.
public protocol ParleyContractError: Error, Sendable, Hashable, ParleyBinaryMessage, ParleyJSONCodable,
  ParleyFastJSON, ParleyValidatable
{
  /// The error's numeric code from the contract (`error OrderNotFound code 404`).
  static var parleyErrorCode: Int64 { get }
  /// The error's name from the contract, e.g. `OrderNotFound`.
  static var parleyErrorName: String { get }
  /// The full name of the contract that declares it, e.g. `shop.orders`.
  static var parleyContract: String { get }
}
