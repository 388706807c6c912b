import Foundation

/// The scenarios `parley-bench` runs, in this order; `--scenario` selects some by name.
enum BenchScenario: String, CaseIterable, Sendable {
  /// One call in flight: 64 B and 4 KiB, Unix and TCP, direct and through the gateway.
  case sequential
  /// 64 and 256 calls in flight on one connection (direct), and 64 through the gateway.
  case inFlight = "in-flight"
  /// 16 client connections in parallel, one call in flight on each.
  case connections
  /// Oneway messages per second on one connection.
  case oneway
  /// One publisher to 10 subscribers through the gateway.
  case events
  /// A server stream of 1 MiB chunks.
  case stream
  /// Payload codecs alone (generated binary and JSON against Foundation), and envelope codecs.
  case codec
  /// Check and generate a 10,000-line contract set.
  case compiler
  /// Resident memory per idle connection at the gateway, 1,000 connections.
  case idleMemory = "idle-memory"
  /// Resident memory growth over 10⁶ calls (allocations per call must not accumulate).
  case callGrowth = "call-growth"

  /// One line for `--list`.
  var summary: String {
    switch self {
    case .sequential: return "1 in flight: 64 B and 4 KiB, Unix and TCP, direct and through the gateway"
    case .inFlight: return "64 and 256 calls in flight on one connection (and 64 through the gateway)"
    case .connections: return "16 client connections in parallel, 1 in flight each"
    case .oneway: return "oneway messages per second on one connection"
    case .events: return "one publisher to 10 subscribers through the gateway (events/s delivered)"
    case .stream: return "a server stream of 1 MiB chunks (MB/s)"
    case .codec:
      return "codecs alone: generated binary and JSON of an order vs Foundation JSONEncoder/Decoder"
    case .compiler: return "check + generate a 10,000-line contract set"
    case .idleMemory: return "gateway resident memory per idle connection, 1,000 connections"
    case .callGrowth: return "resident memory growth over 10^6 calls (client and server)"
    }
  }

  /// Parses `NAME[,NAME…]` into scenarios in catalogue order.
  /// - Throws: ``BenchError`` naming an unknown scenario and listing the known ones.
  static func parseList(_ text: String) throws -> [BenchScenario] {
    var chosen: Set<BenchScenario> = []
    for name in text.split(separator: ",", omittingEmptySubsequences: false) {
      let trimmed = name.trimmingCharacters(in: .whitespaces)
      guard let scenario = BenchScenario(rawValue: trimmed) else {
        throw BenchError(
          "unknown scenario '\(trimmed)'; known: \(allCases.map(\.rawValue).joined(separator: ", "))")
      }
      chosen.insert(scenario)
    }
    return allCases.filter(chosen.contains)
  }
}
