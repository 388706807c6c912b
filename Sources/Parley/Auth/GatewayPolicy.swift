#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which users may register which service names with a gateway and call which services through
/// it. Checked by the hub for every `register`, `call` and `oneway`; a refused `register` or
/// `call` is answered `PERMISSION_DENIED` (did not run), a refused `oneway` is dropped and counted
/// as undeliverable.
///
/// The default (``sameUser``) lets the gateway's own user do everything and nobody else anything
/// (other users cannot connect anyway under the default ``PeerPolicy``).
///
/// ```swift
/// var policy = GatewayPolicy.sameUser
/// policy.rules.append(.init(uids: [1001], register: ["UserService"], call: ["Order*"]))
/// var configuration = GatewayConfiguration()
/// configuration.policy = policy
/// ```
public struct GatewayPolicy: Sendable, Equatable {
  /// What some users may do. A peer matches when its uid is in ``uids`` or its gid in ``gids``.
  public struct Rule: Sendable, Equatable {
    /// User ids the rule applies to.
    public var uids: Set<UInt32>
    /// Group ids (the peer's primary group, as the kernel reports it) the rule applies to.
    public var gids: Set<UInt32>
    /// Service names these users may register: exact names, `"*"` for any, or a prefix ending
    /// in `*` (e.g. `"Order*"`).
    public var register: [String]
    /// Service names these users may call (same patterns).
    public var call: [String]

    /// Creates a rule.
    public init(uids: Set<UInt32> = [], gids: Set<UInt32> = [], register: [String] = [], call: [String] = [])
    {
      self.uids = uids
      self.gids = gids
      self.register = register
      self.call = call
    }

    func applies(to credentials: PeerCredentials) -> Bool {
      uids.contains(credentials.uid) || gids.contains(credentials.gid)
    }
  }

  /// The rules, any of which may grant a permission.
  public var rules: [Rule]
  /// Whether the gateway's own user may register and call anything (default `true`).
  public var serverUserMayDoEverything: Bool
  /// Whether peers without kernel credentials (TCP, which on a non-loopback bind has proved it
  /// holds the shared secret) count as the gateway's own user (default `true`); when `false`
  /// they may do nothing.
  public var unidentifiedPeersAsServerUser: Bool

  /// Creates a policy.
  public init(
    rules: [Rule] = [], serverUserMayDoEverything: Bool = true, unidentifiedPeersAsServerUser: Bool = true
  ) {
    self.rules = rules
    self.serverUserMayDoEverything = serverUserMayDoEverything
    self.unidentifiedPeersAsServerUser = unidentifiedPeersAsServerUser
  }

  /// The default: the gateway's own user may do everything, nobody else anything.
  public static let sameUser = GatewayPolicy()

  /// Whether `credentials` (`nil` for peers without kernel credentials) may register `service`.
  public func mayRegister(_ service: String, credentials: PeerCredentials?) -> Bool {
    permits(service, credentials: credentials, \.register)
  }

  /// Whether `credentials` (`nil` for peers without kernel credentials) may call `service`.
  public func mayCall(_ service: String, credentials: PeerCredentials?) -> Bool {
    permits(service, credentials: credentials, \.call)
  }

  private func permits(_ service: String, credentials: PeerCredentials?, _ names: KeyPath<Rule, [String]>)
    -> Bool
  {
    guard let credentials else { return unidentifiedPeersAsServerUser && serverUserMayDoEverything }
    if serverUserMayDoEverything, credentials.uid == UInt32(getuid()) { return true }
    return rules.contains { rule in
      rule.applies(to: credentials) && rule[keyPath: names].contains { Self.matches($0, service) }
    }
  }

  /// Whether `pattern` (exact, `*`, or `prefix*`) matches `name`.
  static func matches(_ pattern: String, _ name: String) -> Bool {
    if pattern == "*" { return true }
    if pattern.hasSuffix("*") { return name.hasPrefix(pattern.dropLast()) }
    return pattern == name
  }
}
