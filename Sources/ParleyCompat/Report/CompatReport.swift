import ParleyFrontEnd

/// The outcome of a check: the findings that matter under the options, acknowledgements applied,
/// and whether the run fails. What every renderer reads.
public struct CompatReport: Hashable, Sendable {
  /// The options the findings were filtered with.
  public var options: CompatOptions
  /// The findings, sorted deterministically; each keeps only the impacts on the checked wires and
  /// directions, and its severity is recomputed from them.
  public var findings: [CompatFinding]
  /// Acknowledgements that matched no finding, even one hidden by the options (reported so the
  /// file stays tidy).
  public var staleAcknowledgements: [Acknowledgements.Entry]

  /// Filters `findings` by `options` and applies `acknowledgements`.
  ///
  /// A finding that breaks something, but nothing on the checked wires and directions, is dropped;
  /// a notice (no impacts, e.g. `field-added`) is always kept.
  public init(
    findings: [CompatFinding], options: CompatOptions = CompatOptions(),
    acknowledgements: Acknowledgements = Acknowledgements()
  ) {
    self.options = options
    let reasons = Dictionary(
      acknowledgements.entries.map { ($0.fingerprint, $0.reason) }, uniquingKeysWith: { a, _ in a })
    var kept: [CompatFinding] = []
    var matched: Set<String> = []
    for finding in findings {
      var finding = finding
      // An acknowledgement of a finding that these options hide is not stale.
      if reasons[finding.fingerprint] != nil { matched.insert(finding.fingerprint) }
      if !finding.impacts.isEmpty {
        let impacts = finding.impacts.filter {
          options.wires.contains($0.wire) && options.mode.directions.contains($0.direction)
        }
        guard let worst = impacts.map(\.severity).max() else { continue }
        finding.impacts = impacts
        finding.severity = worst
      }
      if let reason = reasons[finding.fingerprint] {
        finding.acknowledgement = reason
      }
      kept.append(finding)
    }
    self.findings = kept.sorted(by: CompatFinding.precedes)
    self.staleAcknowledgements = acknowledgements.entries.filter { !matched.contains($0.fingerprint) }
  }

  /// The findings at or above `--fail-on` that are not acknowledged.
  public var failingFindings: [CompatFinding] {
    findings.filter { !$0.isAcknowledged && $0.severity >= options.failOn }
  }

  /// Whether the run fails (exit status 1).
  public var failed: Bool { !failingFindings.isEmpty }

  /// How many findings of each severity (acknowledged ones included).
  public func count(_ severity: CompatSeverity) -> Int { findings.filter { $0.severity == severity }.count }

  /// How many findings are acknowledged.
  public var acknowledgedCount: Int { findings.filter(\.isAcknowledged).count }
}
