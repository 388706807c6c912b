import ParleyFrontEnd

extension Translator {
  /// Everything generated for a service: the descriptor with per-method payload codecs, the
  /// request envelope enum, the client and the handler protocol (as the options ask).
  func translate(_ service: ServiceDeclaration) -> Translated {
    var result = Translated()
    let wantsClient = options.parts.contains(.client)
    let wantsServer = options.parts.contains(.server)
    guard wantsClient || wantsServer, let contract = set.contract(named: service.contract) else {
      return result
    }
    result.members.append(descriptor(service, contract))
    result.members.append(requestEnvelope(service))
    if wantsClient { result.members.append(client(service)) }
    if wantsServer {
      result.members.append(handlerProtocol(service))
      result.extensions.append(handlerRegistration(service))
    }
    return result
  }

  /// `ShopOrders.OrderServiceDescriptor`.
  func descriptorName(_ service: ServiceDeclaration) -> String {
    names.serviceType(service, "Descriptor").qualified
  }

  /// The nested enum of one method in the descriptor: `GetOrder`.
  private func methodEnumName(_ method: Method) -> String { SwiftNames.upperCamelCase(method.name) }

  /// `ShopOrders.OrderServiceDescriptor.GetOrder`.
  func methodPath(_ service: ServiceDeclaration, _ method: Method) -> String {
    descriptorName(service) + "." + methodEnumName(method)
  }

  /// The service's wire identity and, per method, its name, declared errors and payload codecs.
  ///
  /// ```swift
  /// /// The wire identity of `OrderService` and the payload codecs of its methods.
  /// public enum OrderServiceDescriptor {
  ///   public static let contract: Swift.String = "shop.orders"
  ///   public static let version: Swift.Int = 3
  ///   public static let service: Swift.String = "OrderService"
  ///
  ///   /// `rpc getOrder`.
  ///   public enum GetOrder {
  ///     public static let name: Swift.String = "getOrder"
  ///     public static let errors: [any Parley.ParleyContractError.Type] = [ShopOrders.OrderNotFound.self]
  ///     public static func encodeRequest(_ value: ShopOrders.GetOrderRequest, codec: Parley.WireCodec) throws -> [Swift.UInt8] { … }
  ///     public static func decodeRequest(_ bytes: [Swift.UInt8], codec: Parley.WireCodec) throws -> ShopOrders.GetOrderRequest { … }
  ///     public static func encodeResponse(…) / decodeResponse(…)
  ///   }
  /// }
  /// ```
  private func descriptor(_ service: ServiceDeclaration, _ contract: Contract) -> SwiftDeclaration {
    let typeNames = names.serviceType(service, "Descriptor")
    var members: [SwiftDeclaration] = [
      staticConstant(
        "contract", "Swift.String", SwiftNames.stringLiteral(contract.name), doc: "The contract name."),
      staticConstant("version", "Swift.Int", "\(contract.version)", doc: "The contract version."),
      staticConstant(
        "service", "Swift.String", SwiftNames.stringLiteral(service.name), doc: "The service name."),
    ]
    for method in service.methods {
      var methodMembers: [SwiftDeclaration] = [
        staticConstant(
          "name", "Swift.String", SwiftNames.stringLiteral(method.name), doc: "The method name on the wire."),
        staticConstant(
          "errors", "[any Parley.ParleyContractError.Type]",
          "[" + method.errors.map { names.qualified($0) + ".self" }.joined(separator: ", ") + "]",
          doc: "The errors the method declares."),
      ]
      if let request = method.request {
        methodMembers += payloadCodec(request, role: method.kind == .event ? "Payload" : "Request")
      }
      if let response = method.response {
        methodMembers += payloadCodec(response, role: method.kind == .stream ? "Item" : "Response")
      }
      members.append(
        SwiftDeclaration(
          doc: "`\(method.kind.rawValue) \(method.name)`.", modifiers: access,
          .enum(name: methodEnumName(method), conformances: [], members: methodMembers)))
    }
    return SwiftDeclaration(
      doc: "The wire identity of `\(service.name)` and the payload codecs of its methods.", modifiers: access,
      .enum(name: typeNames.concrete, conformances: [], members: members))
  }

  private func staticConstant(_ name: String, _ type: String, _ value: String, doc: String)
    -> SwiftDeclaration
  {
    SwiftDeclaration(
      doc: doc, modifiers: access + [.static],
      .property(SwiftProperty(isConstant: true, name: name, type: type, initialValue: value)))
  }

  /// `encode<Role>` / `decode<Role>` for a payload of `type` in either codec. Binary payloads of
  /// structs, unions and errors are the message itself; any other type is wrapped in a message
  /// holding it as field 1.
  private func payloadCodec(_ type: TypeReference, role: String) -> [SwiftDeclaration] {
    let swift = swiftType(type)
    var isMessage = false
    if case .named(let reference) = type, case .message = namedKind(reference) { isMessage = true }
    let binaryEncode: [SwiftStatement] =
      isMessage
      ? [.line("return value.parleyBinaryBytes")]
      : [
        .line("var writer = Parley.BinaryWriter()"), .line(binaryWrite(type, "value", field: 1)),
        .line("return writer.bytes"),
      ]
    let binaryDecode: [SwiftStatement] =
      isMessage
      ? [.line("return try \(swift)(parleyBinaryBytes: bytes)")]
      : [
        .line("var reader = Parley.BinaryReader(bytes)"),
        .line("var result: \(swift)? = nil"),
        .while(
          condition: "let field = try reader.nextField()",
          body: [
            .if(
              condition: "field.number == 1", then: [.line("result = try \(binaryRead(type))")],
              otherwise: [.line("try reader.skipField()")])
          ]),
        .guard(
          condition: "let result",
          otherwise: [
            .line("throw Parley.BinaryDecodingError(.missingRequiredField(\"value\"), offset: reader.offset)")
          ]),
        .line("return result"),
      ]
    let isNamed: Bool = if case .named = type { true } else { false }
    let jsonEncode: [SwiftStatement] =
      isNamed
      ? [.line("return value.parleyJSONBytes")]
      : [
        .line("var writer = Parley.JSONWriter()"), .line(jsonWrite(type, "value")),
        .line("return writer.bytes"),
      ]
    let jsonDecode: [SwiftStatement] =
      isNamed
      ? [.line("return try \(swift)(parleyJSONBytes: bytes)")]
      : [
        .line("var reader = Parley.JSONReader(bytes)"), .line("let value = try \(jsonRead(type))"),
        .line("try reader.finish()"), .line("return value"),
      ]
    let codecParameter = SwiftParameter(name: "codec", type: "Parley.WireCodec")
    return [
      SwiftDeclaration(
        doc: "Encodes the \(role.lowercased()) in `codec`.", modifiers: access + [.static],
        .function(
          name: "encode" + role,
          signature: SwiftSignature(
            parameters: [SwiftParameter(label: "_", name: "value", type: swift), codecParameter],
            throwsType: "",
            returnType: "[Swift.UInt8]"),
          body: [
            .switch(
              subject: "codec",
              cases: [
                SwiftSwitchCase(patterns: [".json"], body: jsonEncode),
                SwiftSwitchCase(patterns: [".binary"], body: binaryEncode),
              ])
          ])),
      SwiftDeclaration(
        doc: "Decodes the \(role.lowercased()) from `codec`.", modifiers: access + [.static],
        .function(
          name: "decode" + role,
          signature: SwiftSignature(
            parameters: [SwiftParameter(label: "_", name: "bytes", type: "[Swift.UInt8]"), codecParameter],
            throwsType: "", returnType: swift),
          body: [
            .switch(
              subject: "codec",
              cases: [
                SwiftSwitchCase(patterns: [".json"], body: jsonDecode),
                SwiftSwitchCase(patterns: [".binary"], body: binaryDecode),
              ])
          ])),
    ]
  }

  /// The discriminated union of the requests a service accepts (rpc, oneway and stream methods),
  /// carrying the contract name and version, as the runtime dispatches on.
  ///
  /// ```swift
  /// public enum OrderServiceRequest: Swift.Sendable {
  ///   case getOrder(ShopOrders.GetOrderRequest)
  ///   case health
  ///   public static let contract: Swift.String = "shop.orders"
  ///   public static let version: Swift.Int = 3
  ///   public var method: Swift.String { … }
  ///   public init(method: Swift.String, payload: [Swift.UInt8], codec: Parley.WireCodec) throws { … }
  ///   public func payload(codec: Parley.WireCodec) throws -> [Swift.UInt8] { … }
  /// }
  /// ```
  private func requestEnvelope(_ service: ServiceDeclaration) -> SwiftDeclaration {
    let typeNames = names.serviceType(service, "Request")
    let descriptor = descriptorName(service)
    let methods = service.methods.filter { $0.kind != .event }
    let caseNames = NameTable.caseNames(methods.map(\.name))
    var members: [SwiftDeclaration] = methods.map { method in
      SwiftDeclaration(
        doc: "`\(method.kind.rawValue) \(method.name)`.",
        .enumCase(
          SwiftEnumCase(
            name: caseNames[method.name] ?? method.name,
            associatedTypes: method.request.map { [swiftType($0)] } ?? [])))
    }
    members.append(
      staticConstant("contract", "Swift.String", descriptor + ".contract", doc: "The contract name."))
    members.append(
      staticConstant("version", "Swift.Int", descriptor + ".version", doc: "The contract version."))
    members.append(
      staticConstant("service", "Swift.String", descriptor + ".service", doc: "The service name."))
    func pattern(_ method: Method, binding: Bool) -> String {
      "." + (caseNames[method.name] ?? method.name) + (method.request != nil && binding ? "(let value)" : "")
    }
    let methodName = SwiftStatement.switch(
      subject: "self",
      cases: methods.map {
        SwiftSwitchCase(
          patterns: [pattern($0, binding: false)], body: [.line(methodPath(service, $0) + ".name")])
      })
    var decodeCases = methods.map { method in
      SwiftSwitchCase(
        patterns: [methodPath(service, method) + ".name"],
        body: [
          .line(
            method.request == nil
              ? "self = " + pattern(method, binding: false)
              : "self = .\(caseNames[method.name] ?? method.name)(try \(methodPath(service, method)).decodeRequest(payload, codec: codec))"
          )
        ])
    }
    decodeCases.append(
      SwiftSwitchCase(
        patterns: [],
        body: [
          .line(
            "throw Parley.ParleyError(.methodNotFound, \"\(service.name) has no method '\\(method)'\", mayHaveRun: false, service: Self.service, method: method)"
          )
        ]))
    let encodeCases = methods.map { method in
      SwiftSwitchCase(
        patterns: [pattern(method, binding: true)],
        body: [
          .line(
            method.request == nil
              ? "return []" : "return try \(methodPath(service, method)).encodeRequest(value, codec: codec)")
        ])
    }
    if !methods.isEmpty {
      members.append(
        SwiftDeclaration(
          doc: "The method name on the wire.", modifiers: access,
          .property(
            SwiftProperty(isConstant: false, name: "method", type: "Swift.String", getter: [methodName]))))
      members.append(
        SwiftDeclaration(
          doc:
            "Decodes the request of `method` from `payload`.\n\n- Throws: `Parley.ParleyError` (`METHOD_NOT_FOUND`) or a decoding error.",
          modifiers: access,
          .initializer(
            isFailable: false,
            signature: SwiftSignature(
              parameters: [
                SwiftParameter(name: "method", type: "Swift.String"),
                SwiftParameter(name: "payload", type: "[Swift.UInt8]"),
                SwiftParameter(name: "codec", type: "Parley.WireCodec"),
              ], throwsType: ""),
            body: [.switch(subject: "method", cases: decodeCases)])))
      members.append(
        SwiftDeclaration(
          doc: "The request encoded in `codec`.", modifiers: access,
          .function(
            name: "payload",
            signature: SwiftSignature(
              parameters: [SwiftParameter(name: "codec", type: "Parley.WireCodec")], throwsType: "",
              returnType: "[Swift.UInt8]"),
            body: [.switch(subject: "self", cases: encodeCases)])))
    }
    return SwiftDeclaration(
      doc: "The requests `\(service.name)` accepts, one case per rpc, oneway and stream method.",
      modifiers: access,
      .enum(name: typeNames.concrete, conformances: ["Swift.Sendable"], members: members))
  }

  /// The default `Parley.CallOptions` of a method: its `@timeout` and `@idempotent`.
  func defaultOptions(_ method: Method) -> String {
    var arguments: [String] = []
    if let timeout = method.timeoutMilliseconds { arguments.append("timeout: .milliseconds(\(timeout))") }
    if method.isIdempotent { arguments.append("idempotent: true") }
    return "Parley.CallOptions(" + arguments.joined(separator: ", ") + ")"
  }

  /// The typed client.
  ///
  /// ```swift
  /// /// Calls `OrderService` over a connection (direct or through a gateway).
  /// public struct OrderServiceClient: Swift.Sendable {
  ///   public let transport: any Parley.ParleyCallTransport
  ///   public init(_ transport: any Parley.ParleyCallTransport) { … }
  ///
  ///   /// Fetch one order.
  ///   ///
  ///   /// - Throws: `ShopOrders.OrderNotFound`, or `Parley.ParleyError`.
  ///   public nonisolated(nonsending) func getOrder(_ request: ShopOrders.GetOrderRequest, options: Parley.CallOptions = Parley.CallOptions(timeout: .milliseconds(2000), idempotent: true)) async throws -> ShopOrders.Order { … }
  ///   /// Fetch one order.
  ///   public nonisolated(nonsending) func getOrder(id: ShopOrders.OrderID, options: …) async throws -> ShopOrders.Order { … }
  /// }
  /// ```
  private func client(_ service: ServiceDeclaration) -> SwiftDeclaration {
    let typeNames = names.serviceType(service, "Client")
    let methodNames = NameTable.methodNames(service.methods)
    var members: [SwiftDeclaration] = [
      SwiftDeclaration(
        doc:
          "What calls go through: a `Parley.ClientConnection` or `Parley.ParleyClient` to the service, or a `Parley.GatewayClient` or `Parley.GatewayServiceLink` to a gateway.",
        modifiers: access,
        .property(SwiftProperty(isConstant: true, name: "transport", type: "any Parley.ParleyCallTransport"))),
      SwiftDeclaration(
        doc: "Creates a client that calls through `transport`.", modifiers: access,
        .initializer(
          isFailable: false,
          signature: SwiftSignature(parameters: [
            SwiftParameter(label: "_", name: "transport", type: "any Parley.ParleyCallTransport")
          ]),
          body: [.line("self.transport = transport")])),
    ]
    for method in service.methods {
      let name = methodNames[method.name] ?? method.name
      switch method.kind {
      case .rpc, .oneway: members += callMethods(service, method, name: name)
      case .stream: members += streamMethods(service, method, name: name)
      case .event: members.append(eventTopic(service, method, name: name))
      }
    }
    return SwiftDeclaration(
      doc: "Calls `\(service.name)` over a connection (direct or through a gateway).\n\n"
        + "One method per rpc, oneway and stream method (streams return an `AsyncSequence` of their items);\n"
        + "one `Parley.ParleyEventTopic` per event, to subscribe or publish through a gateway.",
      modifiers: access, .struct(name: typeNames.concrete, conformances: ["Swift.Sendable"], members: members)
    )
  }

  /// The client methods of an `rpc` or `oneway` method: the typed one and, when the request is a
  /// struct with fields, a convenience overload taking the fields. The `async` ones (rpc) are
  /// `nonisolated(nonsending)`: they run on the caller's executor, as the transport's `call` does.
  ///
  /// ```swift
  /// /// Fetch one order.
  /// ///
  /// /// - Throws: `ShopOrders.OrderNotFound`, or `Parley.ParleyError`.
  /// public nonisolated(nonsending) func getOrder(_ request: ShopOrders.GetOrderRequest, options: Parley.CallOptions = …) async throws -> ShopOrders.Order {
  ///   let codec = self.transport.codec
  ///   let payload = try ShopOrders.OrderServiceDescriptor.GetOrder.encodeRequest(request, codec: codec)
  ///   …
  /// }
  /// public nonisolated(nonsending) func getOrder(id: ShopOrders.OrderID, options: …) async throws -> ShopOrders.Order { … }
  /// ```
  private func callMethods(_ service: ServiceDeclaration, _ method: Method, name: String)
    -> [SwiftDeclaration]
  {
    let descriptor = descriptorName(service)
    let identity =
      "contract: \(descriptor).contract, version: \(descriptor).version, service: \(descriptor).service"
    var members: [SwiftDeclaration] = []
    let path = methodPath(service, method)
    let methodDoc = (method.doc.map { $0 + "\n\n" } ?? "") + "- Throws: " + errorsList(method) + "."
    let attributes = deprecationAttributes(method.availability)
    var parameters: [SwiftParameter] = []
    if let request = method.request {
      parameters.append(SwiftParameter(label: "_", name: "request", type: swiftType(request)))
    }
    var body: [SwiftStatement] = [.line("let codec = self.transport.codec")]
    if method.request == nil {
      body.append(.line("let payload: [Swift.UInt8] = []"))
    } else {
      body.append(.line("let payload = try \(path).encodeRequest(request, codec: codec)"))
    }
    let signature: SwiftSignature
    if method.kind == .oneway {
      body.append(
        .line(
          "try self.transport.oneway(\(identity), method: \(path).name, payload: payload, payloadCodec: codec)"
        ))
      signature = SwiftSignature(parameters: parameters, throwsType: "")
    } else {
      parameters.append(
        SwiftParameter(name: "options", type: "Parley.CallOptions", defaultValue: defaultOptions(method)))
      body.append(.line("let reply: [Swift.UInt8]"))
      body.append(
        .do(
          body: [
            .line(
              "reply = try await self.transport.call(\(identity), method: \(path).name, payload: payload, payloadCodec: codec, options: options)"
            )
          ],
          catches: [
            SwiftCatch(
              pattern: nil,
              body: [
                .line(
                  "throw Parley.ParleyPayload.contractError(error, declared: \(path).errors, codec: codec)")
              ])
          ]))
      if method.response != nil {
        body.append(
          .line(
            "return try Parley.ParleyPayload.decoding(service: \(descriptor).service, method: \(path).name) { try \(path).decodeResponse(reply, codec: codec) }"
          ))
      } else {
        body.append(.line("_ = reply"))
      }
      signature = SwiftSignature(
        parameters: parameters, isAsync: true, throwsType: "", returnType: method.response.map(swiftType))
    }
    members.append(
      SwiftDeclaration(
        doc: methodDoc, attributes: attributes,
        modifiers: method.kind == .oneway ? access : clientCallModifiers,
        .function(name: name, signature: signature, body: body)))
    // Convenience overload taking the request struct's fields.
    if let fields = requestFields(method) {
      var convenience = fields.parameters
      let call = "self.\(name)(\(fields.request)"
      if method.kind == .oneway {
        members.append(
          SwiftDeclaration(
            doc: methodDoc, attributes: attributes, modifiers: access,
            .function(
              name: name, signature: SwiftSignature(parameters: convenience, throwsType: ""),
              body: [.line("try " + call + ")")])))
      } else {
        convenience.append(
          SwiftParameter(name: "options", type: "Parley.CallOptions", defaultValue: defaultOptions(method)))
        members.append(
          SwiftDeclaration(
            doc: methodDoc, attributes: attributes, modifiers: clientCallModifiers,
            .function(
              name: name,
              signature: SwiftSignature(
                parameters: convenience, isAsync: true, throwsType: "",
                returnType: method.response.map(swiftType)),
              body: [.line("try await " + call + ", options: options)")])))
      }
    }
    return members
  }

  /// The declared errors of `method` and `Parley.ParleyError`, for doc comments:
  /// `` `ShopOrders.OrderNotFound`, or `Parley.ParleyError` ``.
  func errorsList(_ method: Method) -> String {
    method.errors.isEmpty
      ? "`Parley.ParleyError`"
      : method.errors.map { "`\(names.qualified($0))`" }.joined(separator: ", ") + ", or `Parley.ParleyError`"
  }

  /// For a request that is a struct with fields: its fields as parameters of a convenience
  /// overload and the expression building the request from them,
  /// `ShopOrders.GetOrderRequest(id: id)`. `nil` (no overload) when a field is called `options`
  /// and the method takes per-call options: two parameters would share the label.
  func requestFields(_ method: Method) -> (parameters: [SwiftParameter], request: String)? {
    guard let request = method.request, case .named(let reference) = request,
      case .struct(let d) = declaration(reference), !d.fields.isEmpty
    else { return nil }
    let plans = fieldPlans(d.fields, owner: reference)
    if method.kind != .oneway, plans.contains(where: { SwiftNames.bare($0.name) == "options" }) { return nil }
    let arguments = plans.map { SwiftNames.bare($0.name) + ": " + $0.name }.joined(separator: ", ")
    return (
      plans.map { SwiftParameter(name: $0.name, type: $0.type, defaultValue: $0.defaultValue) },
      names.qualified(reference) + "(" + arguments + ")"
    )
  }

  /// The handler doc's sentence on declared errors, `nil` when the method declares none.
  func handlerErrorsDoc(_ method: Method) -> String? {
    method.errors.isEmpty
      ? nil
      : "Throw " + method.errors.map { "`\(names.qualified($0))`" }.joined(separator: ", ")
        + " to fail with a declared error; anything else reaches the caller as `INTERNAL`."
  }

  /// The protocol a service implementation conforms to.
  ///
  /// ```swift
  /// /// Implements `OrderService`; serve it with `register(on:)`.
  /// public protocol OrderServiceHandler: Swift.Sendable {
  ///   /// Fetch one order.
  ///   func getOrder(_ request: ShopOrders.GetOrderRequest, call: Parley.IncomingCall) async throws -> ShopOrders.Order
  /// }
  /// ```
  private func handlerProtocol(_ service: ServiceDeclaration) -> SwiftDeclaration {
    let typeNames = names.serviceType(service, "Handler")
    let methodNames = NameTable.methodNames(service.methods)
    let members = service.methods.filter { $0.kind != .event }.map { method in
      if method.kind == .stream {
        return streamRequirement(method, name: methodNames[method.name] ?? method.name)
      }
      var parameters: [SwiftParameter] = []
      if let request = method.request {
        parameters.append(SwiftParameter(label: "_", name: "request", type: swiftType(request)))
      }
      parameters.append(SwiftParameter(name: "call", type: "Parley.IncomingCall"))
      let parts = [method.doc, handlerErrorsDoc(method)].compactMap { $0 }
      return SwiftDeclaration(
        doc: parts.isEmpty ? nil : parts.joined(separator: "\n\n"),
        .function(
          name: methodNames[method.name] ?? method.name,
          signature: SwiftSignature(
            parameters: parameters, isAsync: true, throwsType: "",
            returnType: method.kind == .rpc ? method.response.map(swiftType) : nil), body: nil))
    }
    var doc = "Implements `\(service.name)`; serve it with `register(on:)`."
    if service.methods.contains(where: { $0.kind == .event }), options.parts.contains(.client) {
      doc +=
        "\n\nEvents have no requirement: the service publishes them with `\(names.serviceType(service, "Client").qualified)`\n"
        + "built on the `Parley.GatewayServiceLink` it is served through."
    }
    return SwiftDeclaration(
      doc: doc, modifiers: access,
      .protocol(name: typeNames.concrete, conformances: ["Swift.Sendable"], members: members))
  }

  /// Serving a handler: decode, validate, call, encode; contract errors become `APPLICATION`.
  ///
  /// ```swift
  /// extension ShopOrders.OrderServiceHandler {
  ///   /// Registers this implementation on `server`.
  ///   public func register(on server: Parley.ParleyServer, minimumVersion: Swift.Int = 1) {
  ///     server.register(self.parleyRegistration(minimumVersion: minimumVersion))
  ///   }
  ///   public func parleyRegistration(minimumVersion: Swift.Int = 1) -> Parley.ServiceRegistration { … }
  /// }
  /// ```
  private func handlerRegistration(_ service: ServiceDeclaration) -> SwiftDeclaration {
    let typeNames = names.serviceType(service, "Handler")
    let descriptor = descriptorName(service)
    let methodNames = NameTable.methodNames(service.methods)
    var body: [SwiftStatement] = [
      .line(
        "var registration = Parley.ServiceRegistration(contract: \(descriptor).contract, version: \(descriptor).version, minimumVersion: minimumVersion, service: \(descriptor).service, payloadCodecs: Swift.Set(Parley.WireCodec.allCases))"
      )
    ]
    for method in service.methods where method.kind != .event {
      let path = methodPath(service, method)
      let name = methodNames[method.name] ?? method.name
      if method.kind == .stream {
        body.append(streamRegistration(service, method, name: name))
        continue
      }
      var handler = requestDecoding(service, method)
      let arguments = method.request == nil ? "call: call" : "request, call: call"
      let invocation: [SwiftStatement]
      if method.kind == .oneway {
        invocation = [.line("try await self.\(name)(\(arguments))")]
      } else if method.response != nil {
        invocation = [
          .line("let response = try await self.\(name)(\(arguments))"),
          .line("return try \(path).encodeResponse(response, codec: call.codec)"),
        ]
      } else {
        invocation = [.line("try await self.\(name)(\(arguments))"), .line("return []")]
      }
      handler.append(
        .do(
          body: invocation,
          catches: [
            SwiftCatch(
              pattern: "let error as any Parley.ParleyContractError",
              body: [.line("throw Parley.ParleyPayload.applicationError(error, codec: call.codec)")])
          ]))
      let register = method.kind == .oneway ? "registration.oneway" : "registration.method"
      body.append(
        .closure(opening: "\(register)(\(path).name)", parameters: "call", body: handler, closing: ""))
    }
    body.append(.line("return registration"))
    return SwiftDeclaration(
      .extension(
        type: typeNames.qualified, conformances: [], whereClause: nil,
        members: [
          SwiftDeclaration(
            doc:
              "Registers this implementation on `server`; calls outside `minimumVersion...version` fail with `VERSION_MISMATCH`.",
            modifiers: access,
            .function(
              name: "register",
              signature: SwiftSignature(parameters: [
                SwiftParameter(label: "on", name: "server", type: "Parley.ParleyServer"),
                SwiftParameter(name: "minimumVersion", type: "Swift.Int", defaultValue: "1"),
              ]),
              body: [.line("server.register(self.parleyRegistration(minimumVersion: minimumVersion))")])),
          SwiftDeclaration(
            doc: "The registration that decodes, validates and dispatches calls to this implementation.",
            modifiers: access,
            .function(
              name: "parleyRegistration",
              signature: SwiftSignature(
                parameters: [SwiftParameter(name: "minimumVersion", type: "Swift.Int", defaultValue: "1")],
                returnType: "Parley.ServiceRegistration"),
              body: body)),
        ]))
  }

  /// The first statements of a registered handler with a request: decode `request` from the
  /// call's payload (a failure answers `DECODE_FAILED`) and validate it when its type has rules.
  func requestDecoding(_ service: ServiceDeclaration, _ method: Method) -> [SwiftStatement] {
    guard let request = method.request else { return [] }
    let descriptor = descriptorName(service)
    let path = methodPath(service, method)
    var statements: [SwiftStatement] = [
      .line(
        "let request = try Parley.ParleyPayload.decoding(service: \(descriptor).service, method: \(path).name) { try \(path).decodeRequest(call.payload, codec: call.codec) }"
      )
    ]
    if needsValidation(request) { statements.append(.line("try Parley.ParleyPayload.validate(request)")) }
    return statements
  }
}
