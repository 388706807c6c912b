import Foundation

/// A checked-in list of findings that are intended breaks, by fingerprint, each with a reason.
///
/// ```json
/// {
///   "acknowledgements": [
///     {"fingerprint": "4f1c2a9b7d3e8f60", "reason": "getLegacy was retired in 3.0 with notice"}
///   ]
/// }
/// ```
public struct Acknowledgements: Hashable, Sendable {
  /// One acknowledged finding.
  public struct Entry: Hashable, Sendable {
    /// The finding's fingerprint (16 hex digits).
    public var fingerprint: String
    /// Why the break is intended; shown next to the finding.
    public var reason: String

    /// Creates an entry.
    public init(fingerprint: String, reason: String) {
      self.fingerprint = fingerprint
      self.reason = reason
    }
  }

  /// The entries in file order.
  public var entries: [Entry]

  /// Creates a list.
  public init(entries: [Entry] = []) { self.entries = entries }

  /// A problem with an acknowledgement file.
  public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The message.
    public var description: String { message }
  }

  /// Parses the JSON document; unknown keys, missing or empty fields and duplicate fingerprints
  /// are errors.
  ///
  /// - Throws: ``ParseError`` describing the first problem.
  public static func parse(_ bytes: [UInt8]) throws(ParseError) -> Acknowledgements {
    guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) else {
      throw ParseError(message: "not valid JSON")
    }
    guard let root = object as? [String: Any] else { throw ParseError(message: "expected a JSON object") }
    for key in root.keys where key != "acknowledgements" {
      throw ParseError(message: "unknown key '\(key)' (expected 'acknowledgements')")
    }
    guard let list = root["acknowledgements"] as? [Any] else {
      throw ParseError(message: "'acknowledgements' must be an array")
    }
    var entries: [Entry] = []
    var seen: Set<String> = []
    for (index, item) in list.enumerated() {
      guard let entry = item as? [String: Any] else {
        throw ParseError(message: "acknowledgements[\(index)] must be an object")
      }
      for key in entry.keys where key != "fingerprint" && key != "reason" {
        throw ParseError(message: "acknowledgements[\(index)]: unknown key '\(key)'")
      }
      guard let fingerprint = entry["fingerprint"] as? String, !fingerprint.isEmpty else {
        throw ParseError(message: "acknowledgements[\(index)]: 'fingerprint' must be a non-empty string")
      }
      guard let reason = entry["reason"] as? String, !reason.trimmingCharacters(in: .whitespaces).isEmpty
      else {
        throw ParseError(message: "acknowledgements[\(index)]: 'reason' must be a non-empty string")
      }
      guard seen.insert(fingerprint).inserted else {
        throw ParseError(message: "acknowledgements[\(index)]: duplicate fingerprint \(fingerprint)")
      }
      entries.append(Entry(fingerprint: fingerprint, reason: reason))
    }
    return Acknowledgements(entries: entries)
  }
}
