#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A ``GatewayPolicy`` file that cannot be used, with the reason.
public struct GatewayPolicyError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong, naming the file and member where known.
  public let description: String

  /// Creates an error.
  public init(_ description: String) { self.description = description }
}

extension GatewayPolicy {
  /// Reads a policy from JSON. Unknown members are rejected (a misspelt key must not silently
  /// grant or withhold a permission):
  ///
  /// ```json
  /// {"serverUserMayDoEverything": true, "unidentifiedPeersAsServerUser": false,
  ///  "rules": [{"uids": [1001], "gids": [], "register": ["UserService"], "call": ["Order*"]}]}
  /// ```
  /// Every member is optional; missing ones take the defaults of ``init(rules:serverUserMayDoEverything:unidentifiedPeersAsServerUser:)``.
  /// - Throws: ``GatewayPolicyError`` naming the problem.
  public init(json bytes: [UInt8]) throws(GatewayPolicyError) {
    self.init()
    var reader = JSONReader(bytes)
    do {
      try reader.beginObject()
      while let key = try reader.nextMember() {
        switch key {
        case "serverUserMayDoEverything": serverUserMayDoEverything = try reader.readBool()
        case "unidentifiedPeersAsServerUser": unidentifiedPeersAsServerUser = try reader.readBool()
        case "rules":
          try reader.beginArray()
          var index = 0
          while try reader.nextElement() {
            rules.append(try Self.readRule(&reader, index: index))
            index += 1
          }
        default: throw GatewayPolicyError("unknown member \"\(key)\" in the policy")
        }
      }
      try reader.finish()
    } catch let error as GatewayPolicyError {
      throw error
    } catch {
      throw GatewayPolicyError("the policy is not valid JSON: \(error)")
    }
  }

  private static func readRule(_ reader: inout JSONReader, index: Int) throws -> Rule {
    var rule = Rule()
    try reader.beginObject()
    while let key = try reader.nextMember() {
      switch key {
      case "uids": rule.uids = try readIDs(&reader, "rules[\(index)].uids")
      case "gids": rule.gids = try readIDs(&reader, "rules[\(index)].gids")
      case "register": rule.register = try readNames(&reader)
      case "call": rule.call = try readNames(&reader)
      default: throw GatewayPolicyError("unknown member \"\(key)\" in rules[\(index)]")
      }
    }
    return rule
  }

  private static func readIDs(_ reader: inout JSONReader, _ path: String) throws -> Set<UInt32> {
    var ids: Set<UInt32> = []
    try reader.beginArray()
    while try reader.nextElement() {
      guard let id = UInt32(exactly: try reader.readInt64()) else {
        throw GatewayPolicyError("\(path) holds an id outside 0...\(UInt32.max)")
      }
      ids.insert(id)
    }
    return ids
  }

  private static func readNames(_ reader: inout JSONReader) throws -> [String] {
    var names: [String] = []
    try reader.beginArray()
    while try reader.nextElement() { names.append(try reader.readString()) }
    return names
  }

  /// Reads a policy from a JSON file (see ``init(json:)``).
  /// - Throws: ``GatewayPolicyError`` naming the path and the problem.
  public static func load(fromFile path: String) throws(GatewayPolicyError) -> GatewayPolicy {
    guard let data = FileBytes.read(path) else {
      throw GatewayPolicyError("cannot read the policy file \(path)")
    }
    do {
      return try GatewayPolicy(json: data)
    } catch {
      throw GatewayPolicyError("\(path): \(error.description)")
    }
  }
}

/// Reads small files without Foundation.
enum FileBytes {
  /// The bytes of the file at `path` (at most 1 MiB), or `nil`.
  static func read(_ path: String, limit: Int = 1 << 20) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = fread(&buffer, 1, buffer.count, file)
      if count > 0 { bytes += buffer[0..<count] }
      if bytes.count > limit { return nil }
      if count < buffer.count { return ferror(file) == 0 ? bytes : nil }
    }
  }
}
