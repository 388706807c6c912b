import Foundation
import ParleyFrontEnd

/// Reads `parley-config.json` into ``SwiftGeneratorOptions``.
///
/// The file is optional; every key is optional and defaults to ``SwiftGeneratorOptions/init()``:
///
/// ```json
/// {
///   "accessLevel": "public",
///   "generate": ["types", "client"],
///   "typePrefix": "Shop"
/// }
/// ```
///
/// Unknown keys, duplicate keys and bad values are errors located at the offending key or value
/// (`parley-config.json:2:3: error: unknown key 'acessLevel'; did you mean 'accessLevel'?`).
/// `docs/plugin.md` documents every key.
public enum GeneratorConfiguration {
  /// The configuration file's name, looked for by the build-tool plugin in the target.
  public static let fileName = "parley-config.json"

  /// The keys a configuration may contain.
  public enum Key: String, CaseIterable, Sendable {
    /// `"public"`, `"package"` or `"internal"`: ``SwiftGeneratorOptions/accessLevel``.
    case accessLevel
    /// A non-empty list of `"types"`, `"client"`, `"server"`: ``SwiftGeneratorOptions/parts``.
    case generate
    /// A Swift identifier (or `""`) put before each contract's namespace name:
    /// ``SwiftGeneratorOptions/typePrefix``.
    case typePrefix
  }

  /// Reads and parses the configuration file at `path`.
  ///
  /// - Throws: ``ConfigurationError`` when the file cannot be read or is invalid; problems are
  ///   located in `path` as given.
  public static func load(contentsOf path: String) throws(ConfigurationError) -> SwiftGeneratorOptions {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
      let data = FileManager.default.contents(atPath: path)
    else {
      throw ConfigurationError([
        ConfigurationProblem(
          at: SourceLocation(path: path, line: 1, column: 1), "cannot read configuration file '\(path)'")
      ])
    }
    return try parse([UInt8](data), path: path)
  }

  /// Parses configuration text.
  ///
  /// - Parameters:
  ///   - bytes: the file's contents (UTF-8 JSON).
  ///   - path: the file's path, used only in problem locations.
  /// - Returns: options with every key that is absent at its default.
  /// - Throws: ``ConfigurationError`` with every problem found.
  public static func parse(_ bytes: [UInt8], path: String) throws(ConfigurationError) -> SwiftGeneratorOptions
  {
    func location(_ position: LocatedJSON.Position) -> SourceLocation {
      SourceLocation(path: path, line: position.line, column: position.column)
    }
    let document: LocatedJSON
    do {
      document = try LocatedJSONParser.parse(bytes)
    } catch {
      throw ConfigurationError([ConfigurationProblem(at: location(error.position), error.message)])
    }
    guard case .object(let members) = document.value else {
      throw ConfigurationError([
        ConfigurationProblem(
          at: location(document.position),
          "the configuration must be a JSON object such as {\"accessLevel\": \"public\"}, not \(document.kindDescription)"
        )
      ])
    }
    var options = SwiftGeneratorOptions()
    var problems: [ConfigurationProblem] = []
    var seen: [String: LocatedJSON.Position] = [:]
    for member in members {
      if let first = seen[member.key] {
        problems.append(
          ConfigurationProblem(
            at: location(member.keyPosition),
            "duplicate key '\(member.key)' (first at \(location(first)))"))
        continue
      }
      seen[member.key] = member.keyPosition
      guard let key = Key(rawValue: member.key) else {
        problems.append(ConfigurationProblem(at: location(member.keyPosition), unknownKeyMessage(member.key)))
        continue
      }
      let value = member.value
      switch key {
      case .accessLevel:
        let allowed = SwiftGeneratorOptions.AccessLevel.allCases.map(\.rawValue)
        if case .string(let text) = value.value, let level = SwiftGeneratorOptions.AccessLevel(rawValue: text)
        {
          options.accessLevel = level
        } else {
          problems.append(
            ConfigurationProblem(
              at: location(value.position),
              "'accessLevel' must be one of \(quotedList(allowed)), not \(describe(value))"))
        }
      case .generate:
        switch readParts(value, location: location) {
        case .success(let parts): options.parts = parts
        case .failure(let found): problems.append(contentsOf: found.problems)
        }
      case .typePrefix:
        if case .string(let text) = value.value, isIdentifierOrEmpty(text) {
          options.typePrefix = text
        } else {
          problems.append(
            ConfigurationProblem(
              at: location(value.position),
              "'typePrefix' must be a Swift identifier such as \"Shop\" (letters, digits and '_', not starting with a digit) or \"\", not \(describe(value))"
            ))
        }
      }
    }
    guard problems.isEmpty else { throw ConfigurationError(problems) }
    return options
  }

  // MARK: Values

  private static func readParts(
    _ value: LocatedJSON, location: (LocatedJSON.Position) -> SourceLocation
  ) -> Result<Set<SwiftGeneratorOptions.Part>, ConfigurationError> {
    let allowed = SwiftGeneratorOptions.Part.allCases.map(\.rawValue)
    guard case .array(let elements) = value.value else {
      return .failure(
        ConfigurationError([
          ConfigurationProblem(
            at: location(value.position),
            "'generate' must be a list of parts such as [\"types\", \"client\"], not \(describe(value))")
        ]))
    }
    guard !elements.isEmpty else {
      return .failure(
        ConfigurationError([
          ConfigurationProblem(
            at: location(value.position),
            "'generate' must name at least one of \(quotedList(allowed)); remove the key to generate everything"
          )
        ]))
    }
    var parts: Set<SwiftGeneratorOptions.Part> = []
    var problems: [ConfigurationProblem] = []
    for element in elements {
      guard case .string(let text) = element.value, let part = SwiftGeneratorOptions.Part(rawValue: text)
      else {
        problems.append(
          ConfigurationProblem(
            at: location(element.position),
            "unknown part \(describe(element)) in 'generate'; the parts are \(quotedList(allowed))"))
        continue
      }
      if !parts.insert(part).inserted {
        problems.append(
          ConfigurationProblem(
            at: location(element.position), "part \"\(text)\" is listed twice in 'generate'"))
      }
    }
    return problems.isEmpty ? .success(parts) : .failure(ConfigurationError(problems))
  }

  /// Whether `text` is empty or an ASCII Swift identifier (`[A-Za-z_][A-Za-z0-9_]*`).
  private static func isIdentifierOrEmpty(_ text: String) -> Bool {
    var first = true
    for scalar in text.unicodeScalars {
      let isLetter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
      let isDigit = ("0"..."9").contains(scalar)
      guard isLetter || (isDigit && !first) else { return false }
      first = false
    }
    return true
  }

  // MARK: Messages

  private static func unknownKeyMessage(_ key: String) -> String {
    let known = Key.allCases.map(\.rawValue)
    var message = "unknown key '\(key)'"
    let suggestion = known.min { editDistance($0, key) < editDistance($1, key) }
    if let suggestion, editDistance(suggestion, key) <= max(2, key.count / 3) {
      message += "; did you mean '\(suggestion)'?"
    } else {
      message += "; the keys are \(known.map { "'\($0)'" }.joined(separator: ", "))"
    }
    return message
  }

  /// A value as it appears in a message: strings quoted, other kinds named.
  private static func describe(_ value: LocatedJSON) -> String {
    switch value.value {
    case .string(let text): "\"\(text)\""
    case .number(let text): text
    case .bool(let flag): flag ? "true" : "false"
    default: value.kindDescription
    }
  }

  private static func quotedList(_ values: [String]) -> String {
    values.map { "\"\($0)\"" }.joined(separator: ", ")
  }

  /// Case-insensitive Levenshtein distance, for "did you mean" suggestions.
  private static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased().unicodeScalars)
    let b = Array(b.lowercased().unicodeScalars)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      previous = current
    }
    return previous[b.count]
  }
}
