import Foundation
import ParleyCompat
import Testing

/// The old/new contract pairs under `Fixtures/`: each case's findings, rendered as text with the
/// default options, must equal its `expected.txt` (re-record with `RECORD_SNAPSHOTS=1`).
@Suite("Fixture pairs")
struct FixtureTests {
  @Test("fixture", arguments: CompatTestSupport.fixtureNames())
  func fixture(_ name: String) {
    let report = CompatReport(findings: CompatTestSupport.findings(ofFixture: name))
    CompatTestSupport.assertSnapshot(CompatTextRenderer.render(report), file: "\(name)/expected.txt")
  }

  @Test("there are at least 60 pairs")
  func enoughPairs() {
    #expect(CompatTestSupport.fixtureNames().count >= 60)
  }

  @Test("every rule is exercised by a fixture, in every wire and direction it documents")
  func coverage() {
    var rules: Set<CompatRuleID> = []
    var impacts: [CompatRuleID: Set<String>] = [:]
    for name in CompatTestSupport.fixtureNames() {
      for finding in CompatTestSupport.findings(ofFixture: name) {
        rules.insert(finding.rule)
        #expect(
          finding.severity <= finding.rule.rule.severity,
          "\(name): \(finding.rule.rawValue) is \(finding.severity.rawValue), above its default severity")
        for impact in finding.impacts {
          impacts[finding.rule, default: []].insert("\(impact.wire.rawValue)/\(impact.direction.rawValue)")
        }
      }
    }
    for rule in CompatRule.all {
      #expect(rules.contains(rule.id), "no fixture exercises \(rule.id.rawValue)")
      for wire in rule.wires {
        for direction in rule.directions where wire != .source || direction == .backward {
          #expect(
            impacts[rule.id, default: []].contains("\(wire.rawValue)/\(direction.rawValue)"),
            "no fixture shows \(rule.id.rawValue) breaking \(wire.rawValue) \(direction.rawValue)")
        }
      }
    }
  }
}
