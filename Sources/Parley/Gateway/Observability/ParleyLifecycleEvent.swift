/// One moment in the life of a call, a service instance or a subscription, as reported to a
/// ``ParleyObserver`` by the gateway hub, a service connected to it, or a server.
///
/// Every event that belongs to a call carries its correlation ``root`` and ``chain``, so a log
/// line or metric can be tied to the whole order → user → role chain.
public struct ParleyLifecycleEvent: Sendable, CustomStringConvertible {
  /// What happened.
  public enum Kind: String, Sendable, CaseIterable {
    /// The hub forwarded a call (or oneway message) to a service instance.
    case dispatched
    /// The hub delivered a reply (or an event) to the party waiting for it.
    case delivered
    /// A handler started running a call.
    case handlerStarted
    /// A handler (or, at the hub, a routed call) finished successfully.
    case succeeded
    /// A call failed; ``ParleyLifecycleEvent/error`` says why.
    case failed
    /// A service instance registered with the hub (or re-registered after a reconnect).
    case registered
    /// A service instance or caller disconnected from the hub.
    case disconnected
    /// A service published an event through the hub.
    case published
    /// A party subscribed to events through the hub.
    case subscribed
    /// The hub stopped routing to an instance that failed repeatedly (see
    /// ``GatewayEjectionPolicy``); ``ParleyLifecycleEvent/error`` says for how long and why.
    case ejected
  }

  /// What happened.
  public var kind: Kind
  /// Who reports it: `"gateway"`, a service's instance name, or `"server"`.
  public var source: String
  /// The service concerned, when there is one.
  public var service: String?
  /// The method (or event) concerned, when there is one.
  public var method: String?
  /// The correlation root of the call chain, when the event belongs to a call.
  public var root: String?
  /// The services the call chain has passed through, outermost first.
  public var chain: [String]
  /// The service instance concerned, when known (hub events).
  public var instance: String?
  /// For `failed`: the error.
  public var error: ParleyError?
  /// For `succeeded`, `failed` and `delivered`: how long the call took.
  public var duration: Duration?

  /// Creates an event.
  public init(
    kind: Kind, source: String, service: String? = nil, method: String? = nil, context: CallContext? = nil,
    instance: String? = nil, error: ParleyError? = nil, duration: Duration? = nil
  ) {
    self.kind = kind
    self.source = source
    self.service = service
    self.method = method
    self.root = context?.root
    self.chain = context?.chain ?? []
    self.instance = instance
    self.error = error
    self.duration = duration
  }

  /// One line: `[gateway] dispatched OrderService.getOrder root=… chain=OrderService → UserService`.
  public var description: String {
    var text = "[\(source)] \(kind.rawValue)"
    if let service { text += " " + (method.map { "\(service).\($0)" } ?? service) }
    if let instance { text += " instance=\(instance)" }
    if let root { text += " root=\(root)" }
    if !chain.isEmpty { text += " chain=" + chain.joined(separator: " → ") }
    if let duration { text += " in \(ParleyLifecycleEvent.format(duration))" }
    if let error { text += " error=\(error.code.rawValue)" }
    return text
  }

  /// A duration as milliseconds with two decimals, e.g. `0.42 ms`.
  public static func format(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    let hundredths = micros / 10
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) ms"
  }
}
