import ParleyFrontEnd

extension Translator {
  /// The client methods of a `stream` method: the typed one, returning an `AsyncSequence` of the
  /// items, and, when the request is a struct with fields, a convenience overload taking them;
  /// both `nonisolated(nonsending)` (they open the stream on the caller's executor).
  ///
  /// ```swift
  /// /// Every order of a customer, one page at a time.
  /// ///
  /// /// The items arrive in order under flow control; …
  /// ///
  /// /// - Throws: `Parley.ParleyError` when the stream cannot be opened; iterating throws `ShopUsers.UserNotFound`, or `Parley.ParleyError`.
  /// public nonisolated(nonsending) func exportOrders(_ request: ShopOrders.ExportRequest, options: Parley.CallOptions = Parley.CallOptions()) async throws -> Parley.ParleyTypedStream<ShopOrders.OrderPage> {
  ///   let codec = self.transport.codec
  ///   let payload = try ShopOrders.OrderServiceDescriptor.ExportOrders.encodeRequest(request, codec: codec)
  ///   let raw: Parley.ParleyStream
  ///   do {
  ///     raw = try await self.transport.stream(contract: …, method: ShopOrders.OrderServiceDescriptor.ExportOrders.name, payload: payload, payloadCodec: codec, options: options)
  ///   } catch {
  ///     throw Parley.ParleyPayload.contractError(error, declared: ShopOrders.OrderServiceDescriptor.ExportOrders.errors, codec: codec)
  ///   }
  ///   return Parley.ParleyTypedStream(raw, service: …, method: …, declared: …, codec: codec) { bytes, codec in
  ///     try ShopOrders.OrderServiceDescriptor.ExportOrders.decodeItem(bytes, codec: codec)
  ///   }
  /// }
  /// public nonisolated(nonsending) func exportOrders(customer: ShopCommon.UserID, pageSize: Swift.Int32 = 50, options: …) async throws -> Parley.ParleyTypedStream<ShopOrders.OrderPage> { … }
  /// ```
  func streamMethods(_ service: ServiceDeclaration, _ method: Method, name: String) -> [SwiftDeclaration] {
    guard let itemType = method.response else { return [] }
    let descriptor = descriptorName(service)
    let path = methodPath(service, method)
    let identity =
      "contract: \(descriptor).contract, version: \(descriptor).version, service: \(descriptor).service"
    let returnType = "Parley.ParleyTypedStream<\(swiftType(itemType))>"
    let doc =
      (method.doc.map { $0 + "\n\n" } ?? "")
      + "The items arrive in order under flow control (at most `options.streamCredit` ahead of the consumer); "
      + "the sequence ends normally or throws. Cancelling the iterating task or leaving the loop early cancels the server's handler.\n\n"
      + "- Throws: `Parley.ParleyError` when the stream cannot be opened; iterating throws "
      + errorsList(method) + "."
    let attributes = deprecationAttributes(method.availability)
    let options = SwiftParameter(
      name: "options", type: "Parley.CallOptions", defaultValue: defaultOptions(method))
    var parameters: [SwiftParameter] = []
    var body: [SwiftStatement] = [.line("let codec = self.transport.codec")]
    if let request = method.request {
      parameters.append(SwiftParameter(label: "_", name: "request", type: swiftType(request)))
      body.append(.line("let payload = try \(path).encodeRequest(request, codec: codec)"))
    } else {
      body.append(.line("let payload: [Swift.UInt8] = []"))
    }
    body += [
      .line("let raw: Parley.ParleyStream"),
      .do(
        body: [
          .line(
            "raw = try await self.transport.stream(\(identity), method: \(path).name, payload: payload, payloadCodec: codec, options: options)"
          )
        ],
        catches: [
          SwiftCatch(
            pattern: nil,
            body: [
              .line("throw Parley.ParleyPayload.contractError(error, declared: \(path).errors, codec: codec)")
            ])
        ]),
      .closure(
        opening:
          "return Parley.ParleyTypedStream(raw, service: \(descriptor).service, method: \(path).name, declared: \(path).errors, codec: codec)",
        parameters: "bytes, codec", body: [.line("try \(path).decodeItem(bytes, codec: codec)")], closing: ""),
    ]
    var members = [
      SwiftDeclaration(
        doc: doc, attributes: attributes, modifiers: clientCallModifiers,
        .function(
          name: name,
          signature: SwiftSignature(
            parameters: parameters + [options], isAsync: true, throwsType: "", returnType: returnType),
          body: body))
    ]
    if let fields = requestFields(method) {
      members.append(
        SwiftDeclaration(
          doc: doc, attributes: attributes, modifiers: clientCallModifiers,
          .function(
            name: name,
            signature: SwiftSignature(
              parameters: fields.parameters + [options], isAsync: true, throwsType: "", returnType: returnType
            ),
            body: [.line("try await self.\(name)(\(fields.request), options: options)")])))
    }
    return members
  }

  /// The handler requirement of a `stream` method: it writes items into a typed writer whose
  /// `send` suspends while the caller is behind, and returns to end the stream.
  ///
  /// ```swift
  /// /// Every order of a customer, one page at a time.
  /// ///
  /// /// Send the items with `writer.send(_:)` (it waits while the caller is behind) and return to end the stream. Throw `ShopUsers.UserNotFound` to end it with a declared error; anything else reaches the caller as `INTERNAL`.
  /// func exportOrders(_ request: ShopOrders.ExportRequest, writer: Parley.ParleyTypedStreamWriter<ShopOrders.OrderPage>, call: Parley.IncomingCall) async throws
  /// ```
  func streamRequirement(_ method: Method, name: String) -> SwiftDeclaration {
    var parameters: [SwiftParameter] = []
    if let request = method.request {
      parameters.append(SwiftParameter(label: "_", name: "request", type: swiftType(request)))
    }
    let item = method.response.map(swiftType) ?? "Swift.Never"
    parameters.append(SwiftParameter(name: "writer", type: "Parley.ParleyTypedStreamWriter<\(item)>"))
    parameters.append(SwiftParameter(name: "call", type: "Parley.IncomingCall"))
    let errors =
      method.errors.isEmpty
      ? "Throwing ends it with an error: a contract error as `APPLICATION`, anything else as `INTERNAL`."
      : "Throw " + method.errors.map { "`\(names.qualified($0))`" }.joined(separator: ", ")
        + " to end it with a declared error; anything else reaches the caller as `INTERNAL`."
    let usage =
      "Send the items with `writer.send(_:)` (it waits while the caller is behind) and return to end the stream. "
      + errors
    return SwiftDeclaration(
      doc: [method.doc, usage].compactMap { $0 }.joined(separator: "\n\n"),
      .function(
        name: name, signature: SwiftSignature(parameters: parameters, isAsync: true, throwsType: ""),
        body: nil))
  }

  /// The registration of a `stream` method: decode and validate the request, wrap the writer,
  /// run the handler; a contract error ends the stream as `APPLICATION`.
  ///
  /// ```swift
  /// registration.stream(ShopOrders.OrderServiceDescriptor.ExportOrders.name) { call, writer in
  ///   let request = try Parley.ParleyPayload.decoding(service: …, method: …) { try ….decodeRequest(call.payload, codec: call.codec) }
  ///   try Parley.ParleyPayload.validate(request)
  ///   let codec = call.codec
  ///   let items = Parley.ParleyTypedStreamWriter<ShopOrders.OrderPage>(writer) { item in
  ///     try ShopOrders.OrderServiceDescriptor.ExportOrders.encodeItem(item, codec: codec)
  ///   }
  ///   do {
  ///     try await self.exportOrders(request, writer: items, call: call)
  ///   } catch let error as any Parley.ParleyContractError {
  ///     throw Parley.ParleyPayload.applicationError(error, codec: call.codec)
  ///   }
  /// }
  /// ```
  func streamRegistration(_ service: ServiceDeclaration, _ method: Method, name: String) -> SwiftStatement {
    let path = methodPath(service, method)
    let item = method.response.map(swiftType) ?? "Swift.Never"
    var handler = requestDecoding(service, method)
    var arguments = "writer: items, call: call"
    if method.request != nil { arguments = "request, " + arguments }
    handler += [
      .line("let codec = call.codec"),
      .closure(
        opening: "let items = Parley.ParleyTypedStreamWriter<\(item)>(writer)", parameters: "item",
        body: [.line("try \(path).encodeItem(item, codec: codec)")], closing: ""),
      .do(
        body: [.line("try await self.\(name)(\(arguments))")],
        catches: [
          SwiftCatch(
            pattern: "let error as any Parley.ParleyContractError",
            body: [.line("throw Parley.ParleyPayload.applicationError(error, codec: codec)")])
        ]),
    ]
    return .closure(
      opening: "registration.stream(\(path).name)", parameters: "call, writer", body: handler, closing: "")
  }
}
