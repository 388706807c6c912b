/// Which way data crosses a change: written with the old contract and read with the new one, or
/// the reverse. Combined with a ``TypePosition`` it gives the broken ``CompatDirection``s.
struct Flow: OptionSet, Hashable, Sendable {
  var rawValue: Int

  /// A writer of the old contract, a reader of the new one.
  static let oldToNew = Flow(rawValue: 1)
  /// A writer of the new contract, a reader of the old one.
  static let newToOld = Flow(rawValue: 2)
  /// Both ways.
  static let both: Flow = [.oldToNew, .newToOld]

  /// The directions in which this flow happens for values at `position` (unused types count as
  /// both input and output).
  ///
  /// Requests (input) are written by clients and read by servers: old → new is an old client
  /// calling a new server (backward). Replies (output) are written by servers: old → new is an old
  /// server answering a new client (forward).
  func directions(at position: TypePosition) -> [CompatDirection] {
    let position = position.isEmpty ? TypePosition.both : position
    var result: Set<CompatDirection> = []
    if position.contains(.input) {
      if contains(.oldToNew) { result.insert(.backward) }
      if contains(.newToOld) { result.insert(.forward) }
    }
    if position.contains(.output) {
      if contains(.oldToNew) { result.insert(.forward) }
      if contains(.newToOld) { result.insert(.backward) }
    }
    return result.sorted()
  }
}

/// Builds the impacts of one finding.
struct ImpactBuilder {
  private(set) var impacts: [CompatImpact] = []
  let position: TypePosition

  init(position: TypePosition) { self.position = position }

  /// Data flowing `flow` breaks on `wires` with `severity`.
  mutating func add(_ wires: [CompatWire], _ flow: Flow, _ severity: CompatSeverity) {
    for wire in wires {
      for direction in flow.directions(at: position) {
        impacts.append(CompatImpact(wire: wire, direction: direction, severity: severity))
      }
    }
  }

  /// Existing Swift code stops compiling (or changes meaning) against the new generated source.
  mutating func source(_ severity: CompatSeverity = .error) {
    impacts.append(CompatImpact(wire: .source, direction: .backward, severity: severity))
  }

  /// A fixed direction, independent of the position (method-level changes).
  mutating func direct(_ wires: [CompatWire], _ directions: [CompatDirection], _ severity: CompatSeverity) {
    for wire in wires {
      for direction in directions {
        impacts.append(CompatImpact(wire: wire, direction: direction, severity: severity))
      }
    }
  }
}
