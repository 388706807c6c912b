/// Stores a value out of line, so that a generated struct can hold itself through an optional
/// (`struct Node { 1 next: Node? }`), which Swift's value types cannot do inline. Value semantics
/// are kept: the storage is an `indirect` enum, copied on write like any value.
@propertyWrapper
public enum ParleyIndirect<Value: Sendable & Hashable>: Sendable, Hashable {
  /// The boxed value.
  indirect case value(Value)

  /// Boxes `wrappedValue`.
  public init(wrappedValue: Value) { self = .value(wrappedValue) }

  /// The value.
  public var wrappedValue: Value {
    get {
      switch self {
      case .value(let value): value
      }
    }
    set { self = .value(newValue) }
  }
}
