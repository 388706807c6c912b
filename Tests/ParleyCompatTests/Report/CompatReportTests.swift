import Foundation
import ParleyCompat
import Testing

/// Filtering by mode and wire, `--fail-on`, acknowledgements and fingerprints.
@Suite("Report")
struct CompatReportTests {
  /// Widening an input field: forward on the codecs (danger), backward only in the Swift source.
  static let widenedInput = CompatTestSupport.findings(ofFixture: "integer-widened-input")

  @Test("mode and wire filter the impacts and recompute the severity")
  func filtering() {
    let full = CompatReport(findings: Self.widenedInput)
    #expect(full.findings.map(\.severity) == [.error])

    let forwardCodecs = CompatReport(
      findings: Self.widenedInput, options: CompatOptions(mode: .forward, wires: [.json, .binary]))
    #expect(forwardCodecs.findings.map(\.severity) == [.danger])
    #expect(forwardCodecs.findings.first?.directions == [.forward])

    let backwardBinary = CompatReport(
      findings: Self.widenedInput, options: CompatOptions(mode: .backward, wires: [.binary]))
    #expect(backwardBinary.findings.isEmpty)
    #expect(!backwardBinary.failed)
  }

  @Test("the same change on output breaks the other direction")
  func outputIsTheMirror() {
    let findings = CompatTestSupport.findings(ofFixture: "integer-widened-output")
    let backward = CompatReport(findings: findings, options: CompatOptions(mode: .backward, wires: [.binary]))
    #expect(backward.findings.map(\.rule) == [.integerWidened])
    let forward = CompatReport(findings: findings, options: CompatOptions(mode: .forward, wires: [.binary]))
    #expect(forward.findings.isEmpty)
  }

  @Test("a field rename breaks json and source but not binary")
  func renameIsWireSpecific() {
    let findings = CompatTestSupport.findings(ofFixture: "field-renamed-input")
    #expect(CompatReport(findings: findings, options: CompatOptions(wires: [.binary])).findings.isEmpty)
    #expect(CompatReport(findings: findings, options: CompatOptions(wires: [.json])).failed)
    #expect(CompatReport(findings: findings, options: CompatOptions(wires: [.source])).failed)
  }

  @Test("notices are kept whatever the filter, and --fail-on decides")
  func failOn() {
    let findings = CompatTestSupport.findings(ofFixture: "field-default-changed")
    #expect(!CompatReport(findings: findings).failed)
    #expect(CompatReport(findings: findings, options: CompatOptions(failOn: .warning)).failed)
    let added = CompatTestSupport.findings(ofFixture: "field-added-optional")
    let report = CompatReport(
      findings: added, options: CompatOptions(mode: .forward, wires: [.binary], failOn: .info))
    #expect(report.findings.map(\.rule) == [.fieldAdded])
    #expect(report.failed)
  }

  @Test("acknowledged findings do not fail; stale acknowledgements are reported")
  func acknowledgements() throws {
    let findings = CompatTestSupport.findings(ofFixture: "field-removed-unreserved")
    let fingerprint = try #require(findings.first?.fingerprint)
    let acknowledgements = Acknowledgements(entries: [
      .init(fingerprint: fingerprint, reason: "note was never used"),
      .init(fingerprint: "0000000000000000", reason: "old break"),
    ])
    let report = CompatReport(findings: findings, acknowledgements: acknowledgements)
    #expect(!report.failed)
    #expect(report.findings.first?.acknowledgement == "note was never used")
    #expect(report.staleAcknowledgements.map(\.fingerprint) == ["0000000000000000"])
    let text = CompatTextRenderer.render(report)
    #expect(text.contains("acknowledged: note was never used"))
    #expect(text.contains("stale acknowledgement 0000000000000000"))
  }

  @Test("an acknowledgement of a finding hidden by --wire or --mode is not stale")
  func hiddenIsNotStale() throws {
    let findings = CompatTestSupport.findings(ofFixture: "field-renamed-input")
    let fingerprint = try #require(findings.first?.fingerprint)
    let report = CompatReport(
      findings: findings, options: CompatOptions(wires: [.binary]),
      acknowledgements: Acknowledgements(entries: [.init(fingerprint: fingerprint, reason: "json unused")]))
    #expect(report.findings.isEmpty)
    #expect(report.staleAcknowledgements.isEmpty)
  }

  @Test("acknowledgement files are parsed strictly")
  func parsing() throws {
    let good = #"{"acknowledgements": [{"fingerprint": "abc", "reason": "intended"}]}"#
    #expect(try Acknowledgements.parse(Array(good.utf8)).entries.map(\.reason) == ["intended"])
    for bad in [
      "[]", "{", #"{"acks": []}"#, #"{"acknowledgements": [{"fingerprint": "abc"}]}"#,
      #"{"acknowledgements": [{"fingerprint": "abc", "reason": "x", "extra": 1}]}"#,
      #"{"acknowledgements": [{"fingerprint": "a", "reason": "x"}, {"fingerprint": "a", "reason": "y"}]}"#,
    ] {
      #expect(throws: Acknowledgements.ParseError.self) { try Acknowledgements.parse(Array(bad.utf8)) }
    }
  }

  @Test("fingerprints ignore line numbers and depend on rule, contract and element")
  func fingerprints() {
    let old = "contract a.b version 1\n\nstruct Req {\n  1 id: String\n  2 note: String?\n}\n"
    let new = "contract a.b version 2\n\nstruct Req {\n  1 id: String\n}\n"
    let shifted = "contract a.b version 2\n\n\n\n// moved\nstruct Req {\n  1 id: String\n}\n"
    let a = CompatTestSupport.diff(old, new).map(\.fingerprint)
    let b = CompatTestSupport.diff(old, shifted).map(\.fingerprint)
    #expect(a == b)
    #expect(a == [Fingerprint.make(rule: "field-removed-unreserved", contract: "a.b", element: "Req.note")])
    #expect(Fingerprint.hex(Fingerprint.fnv1a64("")) == "cbf29ce484222325")
    #expect(Fingerprint.hex(Fingerprint.fnv1a64("a")) == "af63dc4c8601ec8c")
  }

  @Test("output is sorted deterministically")
  func sorted() {
    let findings = CompatTestSupport.findings(ofFixture: "enum-cases-swapped")
    let report = CompatReport(findings: findings.reversed())
    #expect(report.findings == CompatReport(findings: findings).findings)
  }
}
