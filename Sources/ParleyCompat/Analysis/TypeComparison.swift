import ParleyFrontEnd

/// How well values of one type decode as another on one wire.
enum WireCompatibility: Int, Comparable, Sendable {
  /// Every value decodes unchanged.
  case compatible
  /// Some values fail to decode or are rejected (e.g. an Int64 above Int32.max read as Int32).
  case lossy
  /// Values fail to decode (or silently mean something else).
  case broken

  static func < (lhs: WireCompatibility, rhs: WireCompatibility) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Compares an old type with a new one on each wire, following the codec rules of the language
/// spec and the binary codec's evolution table (`docs/binary-codec.md` §12).
struct TypeComparison: Sendable {
  let old: ContractSet
  let new: ContractSet
  let mapping: DeclarationMapping

  /// What readers see when data flows `flow` (exactly one of old → new or new → old) from a writer
  /// of one type to a reader of the other. `nil` stands for `()`, no payload.
  func compatibility(
    old oldType: TypeReference?, new newType: TypeReference?, wire: CompatWire, flow: Flow
  ) -> WireCompatibility {
    switch (oldType, newType) {
    case (nil, nil): return .compatible
    case (nil, _), (_, nil): return .broken
    case (let o?, let n?): return compare(o, n, wire: wire, oldWrites: flow == .oldToNew)
    }
  }

  /// Whether the generated Swift type differs (after following renames, which are reported once
  /// at the declaration).
  func sourceDiffers(old oldType: TypeReference?, new newType: TypeReference?) -> Bool {
    switch (oldType, newType) {
    case (nil, nil): false
    case (nil, _), (_, nil): true
    case (let o?, let n?): mapping.translate(o) != n
    }
  }

  private func compare(_ o: TypeReference, _ n: TypeReference, wire: CompatWire, oldWrites: Bool)
    -> WireCompatibility
  {
    switch (o, n) {
    case (.optional(let a), .optional(let b)):
      return compare(a, b, wire: wire, oldWrites: oldWrites)
    case (.optional(let a), _):
      // The old side may leave it out; a new reader that requires it fails.
      return max(oldWrites ? .lossy : .compatible, compare(a, n, wire: wire, oldWrites: oldWrites))
    case (_, .optional(let b)):
      return max(oldWrites ? .compatible : .lossy, compare(o, b, wire: wire, oldWrites: oldWrites))
    case (.list(let a), .list(let b)):
      // `[T?]` elements are wrapped in a nested message on the binary wire.
      if wire == .binary, a.isOptional != b.isOptional { return .broken }
      return compare(a, b, wire: wire, oldWrites: oldWrites)
    case (.map(let ka, let va), .map(let kb, let vb)):
      if wire == .binary, va.isOptional != vb.isOptional { return .broken }
      return max(
        compare(ka, kb, wire: wire, oldWrites: oldWrites), compare(va, vb, wire: wire, oldWrites: oldWrites))
    case (.list, _), (_, .list), (.map, _), (_, .map):
      return .broken
    default:
      return compareScalars(o, n, wire: wire, oldWrites: oldWrites)
    }
  }

  private enum Scalar: Equatable {
    case builtin(BuiltinType)
    case named(DeclarationReference)
  }

  private func scalar(_ type: TypeReference, in set: ContractSet) -> Scalar? {
    switch type {
    case .builtin(let builtin): return .builtin(builtin)
    case .named(let reference):
      if case .distinctType(let distinct)? = set.declaration(reference) {
        return .builtin(distinct.underlying)
      }
      return .named(reference)
    default: return nil
    }
  }

  private func compareScalars(_ o: TypeReference, _ n: TypeReference, wire: CompatWire, oldWrites: Bool)
    -> WireCompatibility
  {
    // The same (or renamed) declaration: its own changes are reported at the declaration.
    if case .named(let x) = o, case .named(let y) = n, mapping.newReference(for: x) == y {
      return .compatible
    }
    guard let a = scalar(o, in: old), let b = scalar(n, in: new) else { return .broken }
    switch (a, b) {
    case (.builtin(let x), .builtin(let y)):
      return oldWrites
        ? Self.builtin(writer: x, reader: y, wire: wire) : Self.builtin(writer: y, reader: x, wire: wire)
    case (.named(let x), .named(let y)):
      return mapping.newReference(for: x) == y ? .compatible : .broken
    default:
      return .broken
    }
  }

  /// A value of the built-in `writer` type read as `reader` on `wire`.
  static func builtin(writer: BuiltinType, reader: BuiltinType, wire: CompatWire) -> WireCompatibility {
    if writer == reader { return .compatible }
    if let w = writer.integerBounds, let r = reader.integerBounds {
      if wire == .binary, (w.lowerBound < 0) != (r.lowerBound < 0) { return .broken }  // zigzag vs plain
      return r.lowerBound <= w.lowerBound && w.upperBound <= r.upperBound ? .compatible : .lossy
    }
    if writer.isFloatingPoint, reader.isFloatingPoint {
      if wire == .binary { return .broken }  // fixed32 vs fixed64
      return writer == .float ? .compatible : .lossy
    }
    if writer.isNumeric, reader.isNumeric {
      if wire == .binary { return .broken }
      if let w = writer.integerBounds, reader.isFloatingPoint {
        let exact: Int128 = 1 << 53
        return w.lowerBound >= -exact && w.upperBound <= exact ? .compatible : .lossy
      }
      return .lossy  // a fractional number read as an integer
    }
    switch (writer, reader, wire) {
    case (.string, .bytes, .binary): return .compatible
    case (.bytes, .string, .binary): return .lossy  // non-UTF-8 bytes are rejected
    case (.uuid, .string, .json): return .compatible
    case (.string, .uuid, .json): return .lossy
    default: return .broken
    }
  }
}
