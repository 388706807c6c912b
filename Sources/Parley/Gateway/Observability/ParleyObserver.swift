/// Receives ``ParleyLifecycleEvent``s: the bridge from Parley to your own logging or metrics.
///
/// The closure runs synchronously on the thread that saw the event (often an I/O thread): keep
/// it short and non-blocking, for example by appending to a buffer, bumping a counter, or
/// handing the event to your logger.
///
/// ```swift
/// let observer = ParleyObserver { event in
///   if event.kind == .failed { print("parley:", event) }
/// }
/// let hub = GatewayHub(configuration: .init(observer: observer))
/// ```
public struct ParleyObserver: Sendable {
  private let handler: @Sendable (ParleyLifecycleEvent) -> Void

  /// Creates an observer calling `handler` for every event.
  public init(_ handler: @escaping @Sendable (ParleyLifecycleEvent) -> Void) {
    self.handler = handler
  }

  /// Reports `event` to the handler.
  public func emit(_ event: ParleyLifecycleEvent) {
    handler(event)
  }

  /// An observer that forwards to every one of `observers`, in order.
  public static func combining(_ observers: [ParleyObserver]) -> ParleyObserver {
    ParleyObserver { event in
      for observer in observers { observer.emit(event) }
    }
  }
}
