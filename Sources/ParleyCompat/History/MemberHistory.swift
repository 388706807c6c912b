import Foundation
import ParleyFrontEnd

/// Every number and name ever used by the fields, cases and variants of each declaration, with the
/// contract version that used it: built from older baselines or read from a lock file, so that a
/// number freed versions ago cannot come back with another meaning.
///
/// The lock file (`parley compat --lock compat.lock.json`, written with `--write-lock`):
///
/// ```json
/// {
///   "lockVersion": 1,
///   "contracts": {
///     "shop.orders": {
///       "Order": [{"number": 1, "name": "id", "version": 1}, {"number": 2, "name": "note", "version": 1}]
///     }
///   }
/// }
/// ```
public struct MemberHistory: Hashable, Sendable {
  /// One number–name pair and the earliest contract version known to use it.
  public struct Entry: Hashable, Sendable, Comparable {
    /// The field, case or variant number.
    public var number: Int
    /// Its name.
    public var name: String
    /// The earliest contract version seen with this pair.
    public var version: Int

    /// Creates an entry.
    public init(number: Int, name: String, version: Int) {
      self.number = number
      self.name = name
      self.version = version
    }

    /// By number, then name (bytes), then version.
    public static func < (a: Entry, b: Entry) -> Bool {
      if a.number != b.number { return a.number < b.number }
      if a.name != b.name { return Array(a.name.utf8).lexicographicallyPrecedes(b.name.utf8) }
      return a.version < b.version
    }
  }

  /// Contract name → declaration name → entries (one per number–name pair).
  public private(set) var contracts: [String: [String: [Entry]]] = [:]

  /// An empty history.
  public init() {}

  /// The history of every contract in `sets`.
  public init(_ sets: [ContractSet]) {
    for set in sets { record(set) }
  }

  /// Whether nothing is recorded.
  public var isEmpty: Bool { contracts.isEmpty }

  /// The entries of `declaration` in `contract`.
  public func entries(contract: String, declaration: String) -> [Entry] {
    contracts[contract]?[declaration] ?? []
  }

  /// Adds one pair, keeping the earliest version.
  public mutating func add(contract: String, declaration: String, _ entry: Entry) {
    var entries = contracts[contract, default: [:]][declaration, default: []]
    if let index = entries.firstIndex(where: { $0.number == entry.number && $0.name == entry.name }) {
      entries[index].version = min(entries[index].version, entry.version)
    } else {
      entries.append(entry)
      entries.sort()
    }
    contracts[contract, default: [:]][declaration] = entries
  }

  /// Adds every field, case and variant of every contract in `set`.
  public mutating func record(_ set: ContractSet) {
    for contract in set.contracts {
      for declaration in contract.declarations {
        for (number, name) in Self.members(of: declaration) {
          add(
            contract: contract.name, declaration: declaration.name,
            Entry(number: number, name: name, version: contract.version))
        }
      }
    }
  }

  /// Adds everything `other` records.
  public mutating func merge(_ other: MemberHistory) {
    for (contract, declarations) in other.contracts {
      for (declaration, entries) in declarations {
        for entry in entries { add(contract: contract, declaration: declaration, entry) }
      }
    }
  }

  static func members(of declaration: Declaration) -> [(Int, String)] {
    switch declaration {
    case .struct(let d): d.fields.map { ($0.number, $0.name) }
    case .error(let d): d.fields.map { ($0.number, $0.name) }
    case .enum(let d): d.cases.map { ($0.number, $0.name) }
    case .union(let d): d.variants.map { ($0.number, $0.name) }
    case .distinctType, .service: []
    }
  }

  // MARK: Lock file

  /// A problem with a lock file.
  public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The message.
    public var description: String { message }
  }

  /// Reads a lock file; unknown keys and malformed entries are errors.
  ///
  /// - Throws: ``ParseError`` describing the first problem.
  public static func parseLock(_ bytes: [UInt8]) throws(ParseError) -> MemberHistory {
    guard let root = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
      throw ParseError(message: "not a JSON object")
    }
    for key in root.keys where key != "lockVersion" && key != "contracts" {
      throw ParseError(message: "unknown key '\(key)'")
    }
    guard (root["lockVersion"] as? Int) == 1 else { throw ParseError(message: "'lockVersion' must be 1") }
    guard let contracts = root["contracts"] as? [String: Any] else {
      throw ParseError(message: "'contracts' must be an object")
    }
    var history = MemberHistory()
    for (contract, value) in contracts {
      guard let declarations = value as? [String: Any] else {
        throw ParseError(message: "contracts.\(contract) must be an object")
      }
      for (declaration, list) in declarations {
        guard let items = list as? [Any] else {
          throw ParseError(message: "contracts.\(contract).\(declaration) must be an array")
        }
        for (index, item) in items.enumerated() {
          let path = "contracts.\(contract).\(declaration)[\(index)]"
          guard let object = item as? [String: Any],
            Set(object.keys).isSubset(of: ["number", "name", "version"]),
            let number = object["number"] as? Int, number > 0, let name = object["name"] as? String,
            !name.isEmpty,
            let version = object["version"] as? Int, version > 0
          else {
            throw ParseError(message: "\(path) must be {\"number\": N, \"name\": \"…\", \"version\": V}")
          }
          history.add(
            contract: contract, declaration: declaration, Entry(number: number, name: name, version: version))
        }
      }
    }
    return history
  }

  /// The lock file text: keys sorted by bytes, entries by number, ending with a newline.
  public func lockText() -> String {
    func sorted(_ keys: some Sequence<String>) -> [String] {
      keys.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
    }
    var text = "{\n  \"lockVersion\": 1,\n  \"contracts\": {"
    let contractNames = sorted(contracts.keys)
    for (i, contract) in contractNames.enumerated() {
      text += (i == 0 ? "\n" : ",\n") + "    \(JSONText.string(contract)): {"
      let declarations = contracts[contract] ?? [:]
      let names = sorted(declarations.keys)
      for (j, declaration) in names.enumerated() {
        let entries = (declarations[declaration] ?? []).map {
          "{\"number\": \($0.number), \"name\": \(JSONText.string($0.name)), \"version\": \($0.version)}"
        }
        text += (j == 0 ? "\n" : ",\n") + "      \(JSONText.string(declaration)): [\n        "
        text += entries.joined(separator: ",\n        ") + "\n      ]"
      }
      text += names.isEmpty ? "}" : "\n    }"
    }
    text += contractNames.isEmpty ? "}\n}\n" : "\n  }\n}\n"
    return text
  }
}
