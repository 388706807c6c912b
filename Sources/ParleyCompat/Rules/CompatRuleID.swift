/// The id of every compatibility rule. The catalogue entry of each is ``rule``.
public enum CompatRuleID: String, CaseIterable, Hashable, Sendable {
  // MARK: Contracts and versions
  /// A contract of the baseline is missing.
  case contractRemoved = "contract-removed"
  /// A contract was renamed (matched by path or content).
  case contractRenamed = "contract-renamed"
  /// A new contract.
  case contractAdded = "contract-added"
  /// The contract version went down.
  case versionDecreased = "version-decreased"
  /// A breaking change without a version increase.
  case versionNotBumped = "version-not-bumped"
  /// An element's `@since` disagrees with the version that added it.
  case sinceMismatch = "since-mismatch"
  /// An element became `@deprecated`.
  case elementDeprecated = "element-deprecated"

  // MARK: Declarations
  /// A type or error declaration was removed.
  case declarationRemoved = "declaration-removed"
  /// A structurally identical declaration got a new name.
  case declarationRenamed = "declaration-renamed"
  /// A new declaration.
  case declarationAdded = "declaration-added"
  /// A declaration changed kind (struct ↔ union …).
  case declarationKindChanged = "declaration-kind-changed"
  /// An error's numeric code changed.
  case errorCodeChanged = "error-code-changed"

  // MARK: Types
  /// A type changed incompatibly (or only in Swift, e.g. a distinct type ↔ its base type).
  case typeChanged = "type-changed"
  /// An integer type got wider.
  case integerWidened = "integer-widened"
  /// An integer type got narrower.
  case integerNarrowed = "integer-narrowed"
  /// `T` became `T?`.
  case fieldMadeOptional = "field-made-optional"
  /// `T?` became `T`.
  case fieldMadeRequired = "field-made-required"

  // MARK: Fields
  /// A field was removed and its number and name reserved.
  case fieldRemoved = "field-removed"
  /// A field was removed without reserving its number or name.
  case fieldRemovedUnreserved = "field-removed-unreserved"
  /// A field kept its number and got a new name.
  case fieldRenamed = "field-renamed"
  /// A field kept its name and got a new number.
  case fieldRenumbered = "field-renumbered"
  /// A new optional or defaulted field.
  case fieldAdded = "field-added"
  /// A new required field (neither optional nor defaulted).
  case fieldAddedRequired = "field-added-required"
  /// A field's default value changed.
  case fieldDefaultChanged = "field-default-changed"
  /// A field lost its default value and became required.
  case fieldDefaultRemoved = "field-default-removed"
  /// A field was moved into a union-typed field as a variant.
  case fieldMovedIntoUnion = "field-moved-into-union"

  // MARK: Enum cases
  /// An enum case was removed and reserved.
  case enumCaseRemoved = "enum-case-removed"
  /// An enum case was removed without reserving its number or name.
  case enumCaseRemovedUnreserved = "enum-case-removed-unreserved"
  /// An enum case kept its number and got a new name.
  case enumCaseRenamed = "enum-case-renamed"
  /// An enum case kept its name and got a new number.
  case enumCaseRenumbered = "enum-case-renumbered"
  /// A new enum case.
  case enumCaseAdded = "enum-case-added"

  // MARK: Union variants
  /// A union variant was removed and reserved.
  case unionVariantRemoved = "union-variant-removed"
  /// A union variant was removed without reserving its number or name.
  case unionVariantRemovedUnreserved = "union-variant-removed-unreserved"
  /// A union variant kept its number and got a new name.
  case unionVariantRenamed = "union-variant-renamed"
  /// A union variant kept its name and got a new number.
  case unionVariantRenumbered = "union-variant-renumbered"
  /// A new union variant.
  case unionVariantAdded = "union-variant-added"

  // MARK: Reservations and history
  /// A reserved number or name is no longer reserved.
  case reservationRemoved = "reservation-removed"
  /// A number reserved in the baseline is used again.
  case reservedNumberReused = "reserved-number-reused"
  /// A name reserved in the baseline is used again.
  case reservedNameReused = "reserved-name-reused"
  /// A number that an older baseline used for another member is used again.
  case numberReused = "number-reused"
  /// A name that an older baseline used with another number is used again.
  case nameReused = "name-reused"

  // MARK: Constraints
  /// A constraint now accepts fewer values.
  case constraintTightened = "constraint-tightened"
  /// A constraint now accepts more values.
  case constraintLoosened = "constraint-loosened"
  /// A constraint changed so that neither version accepts all values of the other.
  case constraintChanged = "constraint-changed"

  // MARK: Services and methods
  /// A service was removed.
  case serviceRemoved = "service-removed"
  /// A service was renamed.
  case serviceRenamed = "service-renamed"
  /// A new service.
  case serviceAdded = "service-added"
  /// A method was removed.
  case methodRemoved = "method-removed"
  /// A method was renamed (same kind and types).
  case methodRenamed = "method-renamed"
  /// A new method.
  case methodAdded = "method-added"
  /// A method changed kind (rpc / oneway / event / stream).
  case methodKindChanged = "method-kind-changed"
  /// A method's request (or event payload) type changed.
  case methodRequestChanged = "method-request-changed"
  /// A method's response (or stream item) type changed.
  case methodResponseChanged = "method-response-changed"
  /// An error was added to a method's `throws`.
  case methodErrorAdded = "method-error-added"
  /// An error was removed from a method's `throws`.
  case methodErrorRemoved = "method-error-removed"
  /// `@idempotent` was added or removed.
  case methodIdempotencyChanged = "method-idempotency-changed"
  /// `@timeout` was added, removed or changed.
  case methodTimeoutChanged = "method-timeout-changed"
}
