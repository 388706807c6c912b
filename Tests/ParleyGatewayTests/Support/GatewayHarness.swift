import Foundation
import Parley
import Testing

/// A hub on a Unix socket in a private temporary directory, plus helpers to attach services
/// and callers; everything is closed by ``stop()``.
final class GatewayHarness: Sendable {
  let hub: GatewayHub
  let endpoint: Endpoint
  let directory: String

  private init(hub: GatewayHub, endpoint: Endpoint, directory: String) {
    self.hub = hub
    self.endpoint = endpoint
    self.directory = directory
  }

  static func start(configuration: GatewayConfiguration = GatewayConfiguration()) async throws
    -> GatewayHarness
  {
    let directory = try TestServer.makeTemporaryDirectory(prefix: "parley-gw")
    let hub = GatewayHub(configuration: configuration)
    let endpoint = Endpoint.unix(path: directory + "/gateway.sock")
    try await hub.start(on: endpoint)
    return GatewayHarness(hub: hub, endpoint: endpoint, directory: directory)
  }

  func service(
    _ registrations: [ServiceRegistration], name: String = "service", instance: String? = nil,
    reconnects: Bool = false
  ) async throws -> GatewayServiceLink {
    var configuration = GatewayServiceConfiguration(name: name)
    configuration.instance = instance
    configuration.reconnects = reconnects
    return try await GatewayServiceLink.connect(
      to: endpoint, services: registrations, configuration: configuration)
  }

  func client(name: String = "caller") async throws -> GatewayClient {
    var configuration = ClientConfiguration()
    configuration.name = name
    return try await GatewayClient.connect(to: endpoint, configuration: configuration)
  }

  func stop() async {
    await hub.stop(grace: .milliseconds(200))
    TestServer.removeTree(directory)
  }
}

/// Encodes a JSON literal as a payload.
func json(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Decodes a payload as text.
func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// Waits until `condition` holds, polling, for at most `timeout`.
func eventually(
  timeout: Duration = .seconds(20), _ condition: @Sendable () async throws -> Bool
) async rethrows -> Bool {
  let deadline = ContinuousClock.now + timeout
  while ContinuousClock.now < deadline {
    if try await condition() { return true }
    try? await Task.sleep(for: .milliseconds(10))
  }
  return try await condition()
}

/// Runs `body` with a time limit; throws when it is exceeded.
func withTimeout<T: Sendable>(
  _ limit: Duration = .seconds(30), _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
  try await withThrowingTaskGroup(of: T?.self) { group in
    group.addTask { try await body() }
    group.addTask {
      try await Task.sleep(for: limit)
      return nil
    }
    guard let first = try await group.next(), let value = first else {
      group.cancelAll()
      throw ParleyError(.timeout, "the test step took longer than \(limit)")
    }
    group.cancelAll()
    return value
  }
}

/// The error a call threw, or `nil` when it succeeded.
func parleyError(_ body: () async throws -> Void) async -> ParleyError? {
  do {
    try await body()
    return nil
  } catch let error as ParleyError {
    return error
  } catch {
    return ParleyError(.internal, "\(error)")
  }
}

/// Services used by the tests: an echo service and a chain order → user → role.
enum Fixtures {
  static func echo(version: Int = 3, minimumVersion: Int = 1, tag: String = "a") -> ServiceRegistration {
    var service = ServiceRegistration(
      contract: "test.echo", version: version, minimumVersion: minimumVersion, service: "EchoService")
    service.method("echo") { call in call.payload }
    service.method("whoami") { call in json(#"{"caller":"\#(call.peer.name ?? "?")","tag":"\#(tag)"}"#) }
    service.method("fail") { _ in
      throw ParleyError.application(code: 404, name: "NotFound", message: "nothing here")
    }
    service.method("sleep") { _ in
      try await Task.sleep(for: .seconds(30))
      return json("{}")
    }
    return service
  }
}
