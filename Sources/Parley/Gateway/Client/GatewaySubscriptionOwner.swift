/// What a ``GatewaySubscription`` was made through, a ``GatewayClient`` or a
/// ``GatewayServiceLink``: it ends the subscription at the hub when the subscription is cancelled.
///
/// A protocol and not a closure so that ``GatewaySubscription/cancel()`` reaches the hub on its
/// caller's executor: every step is a `nonisolated(nonsending)` method call.
protocol GatewaySubscriptionOwner: AnyObject, Sendable {
  /// Ends `subscription` at the hub (if the current connection holds it) and stops delivering
  /// to it. Runs on the caller's executor.
  nonisolated(nonsending) func unsubscribe(_ subscription: GatewaySubscription) async
}
