extension Resolution {
  /// Error codes are unique within a contract.
  func checkErrorCodes(_ contracts: [Contract]) {
    for contract in contracts {
      var byCode: [Int: ErrorDeclaration] = [:]
      for error in contract.errors where error.code != 0 {
        if let first = byCode[error.code] {
          report(
            Diagnostic(
              .duplicateErrorCode, at: error.codeLocation,
              "error code \(error.code) is already used by '\(first.name)'", related: [first.codeLocation],
              fix: "give each error of a contract its own code"))
        } else {
          byCode[error.code] = error
        }
      }
    }
  }

  /// A struct must not contain itself through required (non-optional, non-collection) fields:
  /// no value of it could ever be written. Finds such cycles with an iterative Tarjan SCC pass.
  func checkRecursiveStructs(_ models: [DeclarationReference: Declaration]) {
    // Edges: struct → struct through a required field, in source order.
    var edges: [DeclarationReference: [(target: DeclarationReference, field: Field)]] = [:]
    var nodes: [StructDeclaration] = []
    for declaration in models.values {
      guard case .struct(let structure) = declaration else { continue }
      nodes.append(structure)
      edges[declaration.reference] = structure.fields.compactMap { field in
        guard case .named(let target) = field.type, case .struct = models[target] else { return nil }
        return (target, field)
      }
    }
    nodes.sort { $0.nameLocation < $1.nameLocation }
    let references = nodes.map { DeclarationReference(contract: $0.contract, name: $0.name) }
    var indexOf: [DeclarationReference: Int] = [:]
    for (position, reference) in references.enumerated() { indexOf[reference] = position }

    var order = [Int](repeating: -1, count: nodes.count)
    var lowLink = [Int](repeating: 0, count: nodes.count)
    var onStack = [Bool](repeating: false, count: nodes.count)
    var stack: [Int] = []
    var counter = 0
    var components: [[Int]] = []
    for root in nodes.indices where order[root] == -1 {
      var work: [(node: Int, next: Int)] = [(root, 0)]
      order[root] = counter
      lowLink[root] = counter
      counter += 1
      stack.append(root)
      onStack[root] = true
      while let top = work.last {
        let successors = edges[references[top.node]] ?? []
        if top.next < successors.count {
          work[work.count - 1].next += 1
          guard let target = indexOf[successors[top.next].target] else { continue }
          if order[target] == -1 {
            order[target] = counter
            lowLink[target] = counter
            counter += 1
            stack.append(target)
            onStack[target] = true
            work.append((target, 0))
          } else if onStack[target] {
            lowLink[top.node] = min(lowLink[top.node], order[target])
          }
          continue
        }
        work.removeLast()
        if let parent = work.last { lowLink[parent.node] = min(lowLink[parent.node], lowLink[top.node]) }
        if lowLink[top.node] == order[top.node] {
          var component: [Int] = []
          while let member = stack.popLast() {
            onStack[member] = false
            component.append(member)
            if member == top.node { break }
          }
          components.append(component)
        }
      }
    }

    for component in components {
      let members = Set(component.map { references[$0] })
      guard let start = component.min() else { continue }
      let startReference = references[start]
      let selfLoop = (edges[startReference] ?? []).contains { $0.target == startReference }
      guard component.count > 1 || selfLoop else { continue }
      // Shortest path from start back to start inside the component (BFS).
      var previous: [DeclarationReference: (DeclarationReference, Field)] = [:]
      var queue = [startReference]
      var head = 0
      var closing: (DeclarationReference, Field)?
      search: while head < queue.count {
        let node = queue[head]
        head += 1
        for edge in edges[node] ?? [] where members.contains(edge.target) {
          if edge.target == startReference {
            closing = (node, edge.field)
            break search
          }
          if previous[edge.target] == nil {
            previous[edge.target] = (node, edge.field)
            queue.append(edge.target)
          }
        }
      }
      guard let (last, lastField) = closing else { continue }
      var steps: [(DeclarationReference, Field)] = [(last, lastField)]
      var cursor = last
      while cursor != startReference, let step = previous[cursor] {
        steps.append(step)
        cursor = step.0
      }
      steps.reverse()
      let path = steps.map { "\($0.0.name).\($0.1.name)" }.joined(separator: " → ")
      let structure = nodes[start]
      report(
        Diagnostic(
          .recursiveStruct, at: steps[0].1.typeLocation,
          "struct '\(structure.name)' contains itself through required fields (\(path)), so no value of it can exist",
          related: [structure.nameLocation], fix: "make one of these fields optional, or a list"))
    }
  }
}
