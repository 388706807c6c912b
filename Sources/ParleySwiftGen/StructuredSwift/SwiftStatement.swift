/// One statement of a function body. Control flow is structured so that the renderer owns all
/// indentation; a leaf statement is one line of code without line breaks.
indirect enum SwiftStatement: Hashable, Sendable {
  /// One line, e.g. `let x = try reader.readString()`.
  case line(String)
  /// An empty line.
  case blank
  /// A `//` comment line (text without the prefix).
  case comment(String)
  /// `if condition { then } else { otherwise }` (no `else` when `otherwise` is `nil`).
  case `if`(condition: String, then: [SwiftStatement], otherwise: [SwiftStatement]?)
  /// `guard condition else { body }`.
  case `guard`(condition: String, otherwise: [SwiftStatement])
  /// `switch subject { cases }`.
  case `switch`(subject: String, cases: [SwiftSwitchCase])
  /// `for pattern in sequence { body }`.
  case `for`(pattern: String, sequence: String, body: [SwiftStatement])
  /// `while condition { body }`.
  case `while`(condition: String, body: [SwiftStatement])
  /// `do { body } catch pattern { handler }` (no catch when `catches` is empty).
  case `do`(body: [SwiftStatement], catches: [SwiftCatch])
  /// A trailing-closure block: `<opening> {<parameters> in` … `}<closing>`, e.g.
  /// `try writer.writeMessage(field: 3) { writer in` … `}`.
  case closure(opening: String, parameters: String?, body: [SwiftStatement], closing: String)
}

/// One `case …:` (or `default:` when `patterns` is empty) of a switch.
struct SwiftSwitchCase: Hashable, Sendable {
  /// The patterns, e.g. `.card(let value)`; empty for `default`.
  var patterns: [String]
  /// The statements; an empty body renders as `break`.
  var body: [SwiftStatement]
}

/// One `catch pattern { body }` clause.
struct SwiftCatch: Hashable, Sendable {
  /// The pattern, e.g. `let error as Parley.BinaryDecodingError`; `nil` for a bare `catch`.
  var pattern: String?
  /// The handler.
  var body: [SwiftStatement]
}
