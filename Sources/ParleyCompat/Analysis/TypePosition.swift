import ParleyFrontEnd

/// Where values of a declaration travel: in requests (input), in replies, events, stream items and
/// errors (output), or both.
public struct TypePosition: OptionSet, Hashable, Sendable, CustomStringConvertible {
  /// The raw bits.
  public var rawValue: Int
  /// Creates a position from raw bits.
  public init(rawValue: Int) { self.rawValue = rawValue }

  /// Reachable from a method's request (written by clients, read and validated by the server).
  public static let input = TypePosition(rawValue: 1)
  /// Reachable from a reply, stream item, event payload or error (written by the server).
  public static let output = TypePosition(rawValue: 2)
  /// Both.
  public static let both: TypePosition = [.input, .output]

  /// `input`, `output`, `input+output` or `unused`.
  public var description: String {
    switch self {
    case .input: "input"
    case .output: "output"
    case .both: "input+output"
    default: "unused"
    }
  }
}

/// The position analysis: which declarations are reachable from requests and which from replies,
/// events, stream items and errors, following fields, variants, lists, maps and optionals across
/// contracts.
public struct PositionAnalysis: Sendable {
  private var positions: [DeclarationReference: TypePosition]

  /// Analyses every service of every contract in `set`.
  public init(_ set: ContractSet) {
    var positions: [DeclarationReference: TypePosition] = [:]
    var work: [(DeclarationReference, TypePosition)] = []
    func seed(_ type: TypeReference?, _ position: TypePosition) {
      for reference in type?.referencedDeclarations ?? [] { work.append((reference, position)) }
    }
    for contract in set.contracts {
      for service in contract.services {
        for method in service.methods {
          switch method.kind {
          case .event: seed(method.request, .output)
          case .rpc, .oneway, .stream: seed(method.request, .input)
          }
          seed(method.response, .output)
          for error in method.errors { work.append((error, .output)) }
        }
      }
    }
    while let (reference, position) = work.popLast() {
      let known = positions[reference] ?? []
      if known.isSuperset(of: position) { continue }
      positions[reference] = known.union(position)
      guard let declaration = set.declaration(reference) else { continue }
      for next in declaration.referencedDeclarations { work.append((next, position)) }
    }
    self.positions = positions
  }

  /// The position of `reference`; empty when no method reaches it.
  public func position(of reference: DeclarationReference) -> TypePosition {
    positions[reference] ?? []
  }
}
