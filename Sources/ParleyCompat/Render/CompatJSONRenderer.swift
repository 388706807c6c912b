import ParleyFrontEnd

/// Renders a report as the stable JSON document described in `docs/compat.md` (schema version 1).
public enum CompatJSONRenderer {
  /// The schema version written as `"schemaVersion"`.
  public static let schemaVersion = 1

  /// The whole report as pretty-printed JSON with a fixed key order, ending with a newline.
  public static func render(_ report: CompatReport) -> String {
    let options = report.options
    let document: JSONText.Value = .object([
      ("schemaVersion", .int(schemaVersion)),
      ("mode", .string(options.mode.rawValue)),
      ("wires", .array(CompatWire.allCases.filter(options.wires.contains).map { .string($0.rawValue) })),
      ("failOn", .string(options.failOn.rawValue)),
      ("failed", .bool(report.failed)),
      (
        "summary",
        .object(
          CompatSeverity.allCases.reversed().map { ($0.rawValue, .int(report.count($0))) }
            + [("acknowledged", .int(report.acknowledgedCount)), ("total", .int(report.findings.count))])
      ),
      ("findings", .array(report.findings.map(value))),
      (
        "staleAcknowledgements",
        .array(
          report.staleAcknowledgements.map {
            .object([("fingerprint", .string($0.fingerprint)), ("reason", .string($0.reason))])
          })
      ),
    ])
    return JSONText.render(document) + "\n"
  }

  static func location(_ location: SourceLocation) -> JSONText.Value {
    .object([
      ("path", .string(location.path)), ("line", .int(location.line)), ("column", .int(location.column)),
    ])
  }

  static func value(_ finding: CompatFinding) -> JSONText.Value {
    .object([
      ("fingerprint", .string(finding.fingerprint)),
      ("rule", .string(finding.rule.rawValue)),
      ("severity", .string(finding.severity.rawValue)),
      ("contract", .string(finding.contract)),
      ("element", .string(finding.element)),
      ("directions", .array(finding.directions.map { .string($0.rawValue) })),
      ("wires", .array(finding.wires.map { .string($0.rawValue) })),
      (
        "impacts",
        .array(
          finding.impacts.map {
            .object([
              ("direction", .string($0.direction.rawValue)), ("wire", .string($0.wire.rawValue)),
              ("severity", .string($0.severity.rawValue)),
            ])
          })
      ),
      ("location", location(finding.location)),
      (
        "enclosing",
        finding.enclosing.map { .object([("name", .string($0.name)), ("location", location($0.location))]) }
          ?? .null
      ),
      ("message", .string(finding.message)),
      ("fix", .string(finding.fix)),
      ("wasDeprecated", .bool(finding.wasDeprecated)),
      ("acknowledged", finding.acknowledgement.map { .object([("reason", .string($0))]) } ?? .null),
    ])
  }
}
