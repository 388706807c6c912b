/// Renders the rule catalogue for `parley compat --list-rules` (text or JSON) and for
/// `docs/compat.md` (Markdown).
public enum CompatRuleListRenderer {
  /// One line per rule: id, default severity, wires, summary.
  public static func text(_ rules: [CompatRule] = CompatRule.all) -> String {
    let width = rules.map(\.id.rawValue.count).max() ?? 0
    return rules.map { rule in
      let wires = rule.wires.isEmpty ? "-" : rule.wires.map(\.rawValue).joined(separator: ",")
      return rule.id.rawValue + String(repeating: " ", count: width - rule.id.rawValue.count + 2)
        + rule.severity.rawValue.padding(toLength: 9) + wires.padding(toLength: 19) + rule.summary + "\n"
    }.joined()
  }

  /// A JSON array of rules (`id`, `severity`, `summary`, `why`, `safely`, `wires`, `directions`).
  public static func json(_ rules: [CompatRule] = CompatRule.all) -> String {
    JSONText.render(
      .array(
        rules.map { rule in
          .object([
            ("id", .string(rule.id.rawValue)), ("severity", .string(rule.severity.rawValue)),
            ("summary", .string(rule.summary)), ("why", .string(rule.why)), ("safely", .string(rule.safely)),
            ("wires", .array(rule.wires.map { .string($0.rawValue) })),
            ("directions", .array(rule.directions.map { .string($0.rawValue) })),
          ])
        })) + "\n"
  }

  /// One Markdown section per rule, as in `docs/compat.md`.
  public static func markdown(_ rules: [CompatRule] = CompatRule.all) -> String {
    rules.map { rule in
      let wires = rule.wires.isEmpty ? "none (a notice)" : rule.wires.map(\.rawValue).joined(separator: ", ")
      let directions =
        rule.directions.isEmpty ? "none" : rule.directions.map(\.rawValue).joined(separator: ", ")
      return """
        ### `\(rule.id.rawValue)`

        - **Default severity:** \(rule.severity.rawValue)
        - **Detects:** \(rule.summary)
        - **Why it breaks:** \(rule.why)
        - **Wires / directions:** \(wires) / \(directions)
        - **Do it safely instead:** \(rule.safely)

        """
    }.joined(separator: "\n")
  }
}

extension String {
  fileprivate func padding(toLength length: Int) -> String {
    count >= length ? self + " " : self + String(repeating: " ", count: length - count)
  }
}
