extension Resolution {
  /// Reports `syntax` when it is not written as a whole number (e.g. `1x`, `2.5`); returns
  /// whether it is one (whatever its size).
  func isWholeNumber(_ syntax: NumberSyntax) -> Bool {
    if syntax.looksLikeInteger { return true }
    report(Diagnostic(.invalidNumber, at: syntax.location, "'\(syntax.spelling)' is not a whole number"))
    return false
  }

  /// Checks numbers and names of numbered members; returns each member's valid number or `nil`.
  func checkNumberedMembers(_ syntax: DeclarationSyntax, what: String, reserved: ReservedSet) -> [Int?] {
    var byNumber: [Int: NumberedMemberSyntax] = [:]
    var byName: [String: NumberedMemberSyntax] = [:]
    var result: [Int?] = []
    for member in syntax.members {
      var number: Int?
      if let value = member.number.integerValue, value >= 1, value <= Int128(Resolution.maximumMemberNumber) {
        number = Int(value)
      } else if isWholeNumber(member.number) {
        report(
          Diagnostic(
            .numberOutOfRange, at: member.number.location,
            "\(what) number \(member.number.spelling) is out of range; numbers are 1…\(Resolution.maximumMemberNumber)"
          ))
      }
      if let number {
        if let first = byNumber[number] {
          report(
            Diagnostic(
              .duplicateNumber, at: member.number.location,
              "\(what) number \(number) is already used by '\(first.name.text)'",
              related: [first.number.location]))
        } else {
          byNumber[number] = member
        }
        if let entry = reserved.entry(reserving: number) {
          report(
            Diagnostic(
              .reservedNumberUsed, at: member.number.location, "\(what) number \(number) is reserved",
              related: [entry.location],
              fix: "use a number that was never used; reserved numbers stay retired"))
        }
      }
      let name = member.name.text
      if let first = byName[name] {
        report(
          Diagnostic(
            .duplicateMember, at: member.name.location,
            "\(what) '\(name)' is already declared in '\(syntax.name.text)'",
            related: [first.name.location], fix: "rename one of them"))
      } else {
        byName[name] = member
      }
      if let entry = reserved.entry(reserving: name) {
        report(
          Diagnostic(
            .reservedNameUsed, at: member.name.location, "\(what) name '\(name)' is reserved",
            related: [entry.location],
            fix: "choose a name that was never used"))
      }
      result.append(number)
    }
    return result
  }

  /// The `reserved` lines of a declaration.
  func buildReserved(_ syntax: DeclarationSyntax) -> ReservedSet {
    var set = ReservedSet()
    for line in syntax.reserved {
      for entry in line.entries {
        switch entry {
        case .name(let name, let location):
          set.names.append(ReservedName(name: name, location: location))
        case .numbers(let lowerSyntax, let upperSyntax):
          let maximum = Int128(Resolution.maximumMemberNumber)
          var bounds: [Int] = []
          for bound in [lowerSyntax, upperSyntax ?? lowerSyntax] {
            if let value = bound.integerValue, value >= 1, value <= maximum {
              bounds.append(Int(value))
            } else if !isWholeNumber(bound) {
              break
            } else {
              report(
                Diagnostic(
                  .numberOutOfRange, at: bound.location,
                  "reserved number \(bound.spelling) is out of range; numbers are 1…\(Resolution.maximumMemberNumber)"
                ))
              break
            }
          }
          guard bounds.count == 2 else { continue }
          guard bounds[0] <= bounds[1] else {
            report(
              Diagnostic(
                .invalidReservedRange, at: lowerSyntax.location,
                "reserved range \(bounds[0])...\(bounds[1]) is inverted",
                fix: "write \(bounds[1])...\(bounds[0])"))
            continue
          }
          set.numbers.append(ReservedNumbers(range: bounds[0]...bounds[1], location: lowerSyntax.location))
        }
      }
    }
    return set
  }
}
