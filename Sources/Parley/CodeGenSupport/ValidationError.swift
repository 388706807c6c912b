/// One broken constraint: where (`items[3].quantity`) and what (`0 is below the minimum 1`).
public struct ValidationViolation: Sendable, Hashable, CustomStringConvertible {
  /// The path of the offending value in contract notation; empty for the value itself.
  public var path: String
  /// What is wrong, e.g. `0 is below the minimum 1`.
  public var message: String

  /// Creates a violation.
  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  /// `items[3].quantity: 0 is below the minimum 1`.
  public var description: String { path.isEmpty ? message : path + ": " + message }
}

/// Thrown by a generated `validate()`: every violated constraint of a value, in field order.
///
/// ```swift
/// do { try order.validate() } catch { print(error) }
/// // items[3].quantity: 0 is below the minimum 1; note: length 612 is above the maximum 500
/// ```
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The violations, never empty.
  public var violations: [ValidationViolation]

  /// Creates an error.
  public init(violations: [ValidationViolation]) { self.violations = violations }

  /// The violations joined with `; `.
  public var description: String { violations.map(\.description).joined(separator: "; ") }
}

/// A generated type whose constraints (`@range`, `@length`, `@count`, `@pattern`, `@format`, also
/// those of nested values and distinct types) can be checked.
public protocol ParleyValidatable: Sendable {
  /// Appends every violation of this value and the values it contains, with paths under `path`.
  func collectParleyViolations(into violations: inout [ValidationViolation], path: String)
}

extension ParleyValidatable {
  /// Checks every constraint.
  ///
  /// - Throws: ``ValidationError`` listing every violation.
  public func validate() throws(ValidationError) {
    var violations: [ValidationViolation] = []
    collectParleyViolations(into: &violations, path: "")
    if !violations.isEmpty { throw ValidationError(violations: violations) }
  }

  /// Every violation; empty when the value is valid.
  public var parleyViolations: [ValidationViolation] {
    var violations: [ValidationViolation] = []
    collectParleyViolations(into: &violations, path: "")
    return violations
  }
}
