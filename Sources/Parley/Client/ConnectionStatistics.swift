/// Counters of one connection, for tests and monitoring.
public struct ConnectionStatistics: Sendable, Equatable {
  /// Calls waiting for a reply (client) or running (server).
  public var pendingCalls: Int
  /// Replies for call ids nobody was waiting for (dropped).
  public var unmatchedReplies: Int
  /// Envelopes of kinds nobody handles (answered with `PROTOCOL_ERROR` when they had an id).
  public var unhandledEnvelopes: Int
  /// Frames or envelopes that broke the protocol.
  public var protocolViolations: Int
}
