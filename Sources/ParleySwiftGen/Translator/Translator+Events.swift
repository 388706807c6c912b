import ParleyFrontEnd

extension Translator {
  /// The client member of an `event` method: a typed topic to subscribe to or publish on, through
  /// a gateway (a client on a direct connection throws `NOT_CONNECTED` from both).
  ///
  /// ```swift
  /// /// Published when an order ships.
  /// ///
  /// /// `subscribe()` yields every `ShopOrders.ShipmentNotice` published after it returns; …
  /// public var orderShipped: Parley.ParleyEventTopic<ShopOrders.ShipmentNotice> {
  ///   Parley.ParleyEventTopic(transport: self.transport, contract: ….contract, service: ….service, event: ShopOrders.OrderServiceDescriptor.OrderShipped.name, encode: { try ShopOrders.OrderServiceDescriptor.OrderShipped.encodePayload($0, codec: $1) }, decode: { try ShopOrders.OrderServiceDescriptor.OrderShipped.decodePayload($0, codec: $1) })
  /// }
  /// ```
  func eventTopic(_ service: ServiceDeclaration, _ method: Method, name: String) -> SwiftDeclaration {
    let descriptor = descriptorName(service)
    let path = methodPath(service, method)
    let payload = method.request.map(swiftType) ?? "Swift.Void"
    let encode = method.request == nil ? "{ _, _ in [] }" : "{ try \(path).encodePayload($0, codec: $1) }"
    let decode = method.request == nil ? "{ _, _ in () }" : "{ try \(path).decodePayload($0, codec: $1) }"
    let usage =
      "`subscribe()` yields every event published after it returns (through the gateway; "
      + "`cancel()` the subscription to end it); `publish(_:)` sends one to every subscriber. "
      + "Both need a client built on a `Parley.GatewayClient` or `Parley.GatewayServiceLink`; "
      + "on a direct connection they throw `NOT_CONNECTED`."
    return SwiftDeclaration(
      doc: [method.doc, usage].compactMap { $0 }.joined(separator: "\n\n"),
      attributes: deprecationAttributes(method.availability), modifiers: access,
      .property(
        SwiftProperty(
          isConstant: false, name: name, type: "Parley.ParleyEventTopic<\(payload)>",
          getter: [
            .line(
              "Parley.ParleyEventTopic(transport: self.transport, contract: \(descriptor).contract, service: \(descriptor).service, event: \(path).name, encode: \(encode), decode: \(decode))"
            )
          ])))
  }
}
