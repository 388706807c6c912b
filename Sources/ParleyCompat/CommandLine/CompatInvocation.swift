/// `parley compat`'s arguments, parsed: the typed value the command runs.
public struct CompatInvocation: Hashable, Sendable {
  /// How the report is printed.
  public enum Format: String, CaseIterable, Hashable, Sendable {
    /// For people (default).
    case text
    /// The stable JSON document of `docs/compat.md`.
    case json
    /// GitHub Actions workflow annotations.
    case github
    /// A Markdown changelog.
    case markdown
  }

  /// `--old`: baseline files or folders.
  public var old: [String] = []
  /// `--new` and positional operands: the new files or folders.
  public var new: [String] = []
  /// `--against`: git revisions; the first is the baseline, later ones are older history.
  public var against: [String] = []
  /// `--mode`, `--wire`, `--fail-on`.
  public var options = CompatOptions()
  /// `--format`.
  public var format: Format = .text
  /// `--acknowledgements`: the path of the acknowledgement file.
  public var acknowledgements: String?
  /// `--lock`: a lock file of every number and name ever used, checked like an older baseline.
  public var lock: String?
  /// `--write-lock`: where to write the updated lock file (lock + baselines + new contracts).
  public var writeLock: String?
  /// `--list-rules`: print the catalogue instead of checking.
  public var listRules = false

  /// Creates an invocation with the defaults.
  public init() {}

  /// A command-line problem, reported with the help text and exit status 2.
  public struct UsageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The message.
    public var description: String { message }
  }

  /// Parses the arguments after `parley compat`.
  ///
  /// - Throws: ``UsageError`` for unknown options, missing or bad values, and inconsistent
  ///   combinations (`--old` with `--against`, no new contracts).
  public static func parse(_ arguments: [String]) throws(UsageError) -> CompatInvocation {
    var invocation = CompatInvocation()
    var wires: Set<CompatWire> = []
    var index = 0
    var optionsEnded = false
    func value(_ option: String) throws(UsageError) -> String {
      index += 1
      guard index < arguments.count else { throw UsageError(message: "\(option) needs a value") }
      return arguments[index]
    }
    func choice<T: RawRepresentable & CaseIterable>(_ option: String, _ text: String, _: T.Type)
      throws(UsageError) -> T
    where T.RawValue == String {
      guard let parsed = T(rawValue: text) else {
        let allowed = T.allCases.map(\.rawValue).joined(separator: "|")
        throw UsageError(message: "\(option) must be one of \(allowed), not '\(text)'")
      }
      return parsed
    }
    while index < arguments.count {
      let argument = arguments[index]
      var option = argument
      var inline: String?
      if !optionsEnded, argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
        option = String(argument[..<equals])
        inline = String(argument[argument.index(after: equals)...])
      }
      func next() throws(UsageError) -> String {
        if let inline { return inline }
        return try value(option)
      }
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
        invocation.new.append(argument)
      } else {
        switch option {
        case "--": optionsEnded = true
        case "--old": invocation.old.append(try next())
        case "--new": invocation.new.append(try next())
        case "--against": invocation.against.append(try next())
        case "--mode": invocation.options.mode = try choice(option, try next(), CompatMode.self)
        case "--wire": wires.insert(try choice(option, try next(), CompatWire.self))
        case "--fail-on": invocation.options.failOn = try choice(option, try next(), CompatSeverity.self)
        case "--format": invocation.format = try choice(option, try next(), Format.self)
        case "--acknowledgements": invocation.acknowledgements = try next()
        case "--lock": invocation.lock = try next()
        case "--write-lock": invocation.writeLock = try next()
        case "--list-rules": invocation.listRules = true
        default: throw UsageError(message: "unknown option '\(argument)'")
        }
      }
      index += 1
    }
    if !wires.isEmpty { invocation.options.wires = wires }
    if invocation.listRules { return invocation }
    if !invocation.old.isEmpty, !invocation.against.isEmpty {
      throw UsageError(message: "give either --old or --against, not both")
    }
    if invocation.old.isEmpty, invocation.against.isEmpty {
      throw UsageError(message: "give a baseline with --old OLD or --against REF")
    }
    if invocation.new.isEmpty {
      throw UsageError(message: "give the new contracts with --new NEW or as operands")
    }
    return invocation
  }
}
