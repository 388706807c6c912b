import Parley

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The example services of `Contracts/` (order, user, role, inventory), implemented on the code
/// the build-tool plugin generates, each served through a gateway by ``serve(_:gateway:log:)``.
public enum ExampleServices {
  /// The services, by the short name `parley demo` uses for their processes.
  public static let names = ["role", "user", "inventory", "order"]

  /// The service name each short name serves (what `parley status` shows).
  public static let serviceNames = [
    "role": "RoleService", "user": "UserService", "inventory": "InventoryService", "order": "OrderService",
  ]

  /// The contract file each short name implements.
  public static let contractFiles = [
    "role": "Contracts/roles/roles.ipc", "user": "Contracts/users/users.ipc",
    "inventory": "Contracts/inventory/inventory.ipc", "order": "Contracts/orders/orders.ipc",
  ]

  /// Connects service `name` to the gateway at `gateway` and registers it. Every call it handles
  /// is reported to `log` as one line (see ``ServiceLogLine``).
  /// - Throws: ``ParleyError`` for an unknown name or when the gateway cannot be reached.
  public static func serve(
    _ name: String, gateway: Endpoint, log: @escaping @Sendable (String) -> Void
  ) async throws -> GatewayServiceLink {
    let box = LinkBox()
    let registration: ServiceRegistration
    var events: [String: [String]] = [:]
    switch name {
    case "role": registration = RoleServiceExample().parleyRegistration()
    case "user": registration = UserServiceExample(link: box).parleyRegistration()
    case "inventory":
      registration = InventoryServiceExample(link: box).parleyRegistration()
      events["InventoryService"] = ["stockChanged"]
    case "order":
      registration = OrderServiceExample(link: box).parleyRegistration()
      events["OrderService"] = ["orderShipped"]
    default:
      throw ParleyError(
        .serviceNotFound, "no example service '\(name)'; choose one of \(names.joined(separator: ", "))")
    }
    var configuration = GatewayServiceConfiguration(name: name)
    configuration.events = events
    configuration.observer = ParleyObserver { event in
      if let line = ServiceLogLine.render(event, instance: name) { log(line) }
    }
    let link = try await GatewayServiceLink.connect(
      to: gateway, services: [registration], configuration: configuration)
    box.set(link)
    return link
  }
}

/// One line a demo service prints per call it handles: `STAMP\tTEXT`, where STAMP is the
/// monotonic clock in nanoseconds (the same clock in every process on the machine), so that
/// `parley demo` can merge the lines of several processes in the order things happened.
public enum ServiceLogLine {
  /// Renders `event` (handler started / succeeded / failed), or `nil` for other kinds.
  static func render(_ event: ParleyLifecycleEvent, instance: String) -> String? {
    let depth = max(1, event.chain.count)
    let indent = String(repeating: "   ", count: depth - 1)
    let target = "\(event.service ?? "?").\(event.method ?? "?")"
    let body: String
    switch event.kind {
    case .handlerStarted:
      body =
        "\(indent)→ \(target)  [\(instance) process]  chain \(event.chain.joined(separator: " → ")), depth \(depth), root \(event.root ?? "-")"
    case .succeeded:
      body = "\(indent)✓ \(target) ok in \(event.duration.map(ParleyLifecycleEvent.format) ?? "?")"
    case .failed:
      let code = event.error.map { $0.application?.name ?? $0.code.rawValue } ?? "?"
      body =
        "\(indent)✗ \(target) failed: \(code)\(event.duration.map { " in " + ParleyLifecycleEvent.format($0) } ?? "")"
    default: return nil
    }
    return "\(now())\t\(body)"
  }

  /// Splits a line into its stamp and text (stamp 0 when it has none).
  public static func parse(_ line: String) -> (stamp: UInt64, text: String) {
    guard let tab = line.firstIndex(of: "\t"), let stamp = UInt64(line[..<tab]) else { return (0, line) }
    return (stamp, String(line[line.index(after: tab)...]))
  }

  /// The monotonic clock in nanoseconds.
  public static func now() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }
}
