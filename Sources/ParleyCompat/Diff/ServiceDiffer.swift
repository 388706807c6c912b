import ParleyFrontEnd

extension DiffRun {
  /// Compares the services of two versions of a contract: by name, then renames (most methods kept).
  mutating func diffServices(_ o: Contract, _ n: Contract) {
    var pairs: [(ServiceDeclaration, ServiceDeclaration)] = []
    var unmatchedNew = n.services.filter { service in !o.services.contains { $0.name == service.name } }
    for service in o.services {
      if let partner = n.services.first(where: { $0.name == service.name }) {
        pairs.append((service, partner))
        continue
      }
      let names = Set(service.methods.map(\.name))
      let candidates = unmatchedNew.enumerated().filter { _, candidate in
        let shared = names.intersection(candidate.methods.map(\.name)).count
        return shared > 0 && shared * 2 >= names.count
      }
      if candidates.count == 1, let (offset, partner) = candidates.first {
        unmatchedNew.remove(at: offset)
        pairs.append((service, partner))
        var impacts = ImpactBuilder(position: .both)
        impacts.direct([.json, .binary], [.backward, .forward], .error)
        impacts.source()
        report(
          .serviceRenamed, contract: n.name, element: partner.name, impacts: impacts.impacts,
          at: partner.nameLocation,
          "service '\(service.name)' renamed to '\(partner.name)'",
          fix: "keep the service '\(service.name)' next to the new one until clients have moved")
        continue
      }
      var impacts = ImpactBuilder(position: .both)
      impacts.direct([.json, .binary], [.backward], .error)
      impacts.source()
      report(
        .serviceRemoved, contract: n.name, element: service.name, impacts: impacts.impacts,
        at: service.nameLocation,
        enclosing: CompatEnclosing(name: n.name, location: n.location), "service '\(service.name)' removed",
        fix: "deprecate the service and remove it once no client calls it",
        wasDeprecated: service.availability.isDeprecated)
    }
    for service in unmatchedNew {
      report(
        .serviceAdded, contract: n.name, element: service.name, at: service.nameLocation,
        "service '\(service.name)' added", fix: "nothing to do")
      checkAvailability(
        old: nil, new: service.availability, oldVersion: o.version, newVersion: n.version, contract: n.name,
        element: service.name, noun: "service '\(service.name)'", at: service.nameLocation)
    }
    for (a, b) in pairs {
      checkAvailability(
        old: a.availability, new: b.availability, oldVersion: o.version, newVersion: n.version,
        contract: n.name,
        element: b.name, noun: "service '\(b.name)'", at: b.nameLocation)
      diffMethods(a, b, o, n)
    }
  }

  private mutating func diffMethods(
    _ a: ServiceDeclaration, _ b: ServiceDeclaration, _ o: Contract, _ n: Contract
  ) {
    var unmatchedNew = b.methods.filter { method in !a.methods.contains { $0.name == method.name } }
    for method in a.methods {
      if let partner = b.method(named: method.name) {
        diffMethod(method, partner, service: b, o, n)
        continue
      }
      let candidates = unmatchedNew.enumerated().filter { _, candidate in
        candidate.kind == method.kind && method.request.map(mapping.translate) == candidate.request
          && method.response.map(mapping.translate) == candidate.response
      }
      if candidates.count == 1, let (offset, partner) = candidates.first {
        unmatchedNew.remove(at: offset)
        var impacts = ImpactBuilder(position: .both)
        impacts.direct([.json, .binary], [.backward, .forward], .error)
        impacts.source()
        report(
          .methodRenamed, contract: n.name, element: "\(b.name).\(partner.name)", impacts: impacts.impacts,
          at: partner.nameLocation, "method '\(method.name)' of \(b.name) renamed to '\(partner.name)'",
          fix: "keep '\(method.name)' (deprecated) next to '\(partner.name)' until clients have moved")
        diffMethod(method, partner, service: b, o, n)
        continue
      }
      var impacts = ImpactBuilder(position: .both)
      impacts.direct([.json, .binary], [.backward], .error)
      impacts.source()
      report(
        .methodRemoved, contract: n.name, element: "\(b.name).\(method.name)", impacts: impacts.impacts,
        at: method.nameLocation, enclosing: CompatEnclosing(name: b.name, location: b.nameLocation),
        "\(method.kind.rawValue) '\(method.name)' removed from \(b.name)",
        fix: "mark it @deprecated and remove it once no client calls it",
        wasDeprecated: method.availability.isDeprecated || a.availability.isDeprecated)
    }
    for method in unmatchedNew {
      var impacts = ImpactBuilder(position: .both)
      impacts.direct([.json, .binary], [.forward], .info)
      report(
        .methodAdded, contract: n.name, element: "\(b.name).\(method.name)", impacts: impacts.impacts,
        at: method.nameLocation, "\(method.kind.rawValue) '\(method.name)' added to \(b.name)",
        fix: "new clients get METHOD_NOT_FOUND from old servers")
      checkAvailability(
        old: nil, new: method.availability, oldVersion: o.version, newVersion: n.version, contract: n.name,
        element: "\(b.name).\(method.name)", noun: "method '\(method.name)'", at: method.nameLocation)
    }
  }

  private mutating func diffMethod(
    _ a: Method, _ b: Method, service: ServiceDeclaration, _ o: Contract, _ n: Contract
  ) {
    let element = "\(service.name).\(b.name)"
    let noun = "\(b.kind.rawValue) '\(b.name)' of \(service.name)"
    checkAvailability(
      old: a.availability, new: b.availability, oldVersion: o.version, newVersion: n.version,
      contract: n.name,
      element: element, noun: noun, at: b.nameLocation)
    if a.kind != b.kind {
      var impacts = ImpactBuilder(position: .both)
      impacts.direct([.json, .binary], [.backward, .forward], .error)
      impacts.source()
      report(
        .methodKindChanged, contract: n.name, element: element, impacts: impacts.impacts, at: b.location,
        "method '\(b.name)' of \(service.name) changed from \(a.kind.rawValue) to \(b.kind.rawValue)",
        fix: "add a new \(b.kind.rawValue) method and deprecate the \(a.kind.rawValue)")
      return
    }
    compareTypes(
      old: a.request, new: b.request, position: b.kind == .event ? .output : .input, contract: n.name,
      element: element + ".request", noun: "\(b.kind == .event ? "payload" : "request") of \(noun)",
      at: b.nameLocation, rule: .methodRequestChanged)
    compareTypes(
      old: a.response, new: b.response, position: .output, contract: n.name, element: element + ".response",
      noun: "\(b.kind == .stream ? "stream item" : "response") of \(noun)", at: b.nameLocation,
      rule: .methodResponseChanged)
    let oldErrors = a.errors.map { mapping.newReference(for: $0) ?? $0 }
    for error in b.errors where !oldErrors.contains(error) {
      var impacts = ImpactBuilder(position: .both)
      impacts.direct([.json, .binary], [.backward], .warning)
      report(
        .methodErrorAdded, contract: n.name, element: element + ".throws." + error.name,
        impacts: impacts.impacts,
        at: b.nameLocation, "\(noun) now throws \(error.name)",
        fix: "old clients receive it as a generic application error; make sure they handle those")
    }
    for (original, error) in zip(a.errors, oldErrors) where !b.errors.contains(error) {
      var impacts = ImpactBuilder(position: .both)
      impacts.direct([.json, .binary], [.forward], .warning)
      report(
        .methodErrorRemoved, contract: n.name, element: element + ".throws." + original.name,
        impacts: impacts.impacts, at: b.nameLocation, "\(noun) no longer throws \(original.name)",
        fix: "old servers may still throw it; new clients receive it as a generic application error")
    }
    if a.isIdempotent != b.isIdempotent {
      var impacts = ImpactBuilder(position: .both)
      impacts.direct([.json, .binary], [b.isIdempotent ? .forward : .backward], .danger)
      report(
        .methodIdempotencyChanged, contract: n.name, element: element, impacts: impacts.impacts,
        at: b.location,
        b.isIdempotent ? "\(noun) became @idempotent" : "\(noun) is no longer @idempotent",
        fix: b.isIdempotent
          ? "new clients will retry it against old servers: make sure old handlers are idempotent too"
          : "old clients keep retrying it: keep the handler idempotent until they are gone")
    }
    if a.timeoutMilliseconds != b.timeoutMilliseconds {
      let show = { (value: Int64?) in value.map { "\($0)ms" } ?? "none" }
      let directions: [CompatDirection]
      switch (a.timeoutMilliseconds, b.timeoutMilliseconds) {
      case (let x?, let y?): directions = y > x ? [.backward] : [.forward]
      default: directions = [.backward, .forward]
      }
      var impacts = ImpactBuilder(position: .both)
      impacts.direct([.json, .binary], directions, .warning)
      report(
        .methodTimeoutChanged, contract: n.name, element: element, impacts: impacts.impacts, at: b.location,
        "\(noun) changed @timeout \(show(a.timeoutMilliseconds)) → \(show(b.timeoutMilliseconds))",
        fix: "clients of the other version use the other deadline; let callers override it while both run")
    }
  }
}
